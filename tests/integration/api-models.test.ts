/**
 * The HTTP API's threat models and their members: who may see, rename, delete and manage what,
 * the CSRF defence on model changes, and validation, against a real server on PGlite and (with
 * TEST_DATABASE_URL) PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/limits";
import {
  createModel,
  readString,
  setMembers,
  signUp,
  type ApiAnswer,
  type TestUser,
} from "./support/api-client";
import { call, expectError, expectInvalid } from "./support/api-expect";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

const MODEL_KEYS = ["createdAt", "id", "role", "title", "updatedAt"];
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const NOT_FOUND = { error: { code: "not_found", message: "No such threat model" } };
const FORBIDDEN = {
  error: { code: "forbidden", message: "Your role in this model does not allow this" },
};

interface Model {
  id: string;
  title: string;
  role: string;
  createdAt: string;
  updatedAt: string;
}

interface Member {
  userId: string;
  email: string;
  name: string;
  role: string;
}

describe.each(DATABASES)("HTTP API: models and members (%s)", (kind) => {
  let server: TestServer;
  let owner: TestUser;
  let facilitator: TestUser;
  let editor: TestUser;
  let commenter: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let newcomer: TestUser;

  const getModel = (user: TestUser, id: string) =>
    call(server, "GET", `/api/models/${id}`, { user });
  const listModels = async (user: TestUser): Promise<Model[]> => {
    const answer = await call(server, "GET", "/api/models", { user });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body as object)).toEqual(["models", "nextOffset"]);
    return (answer.body as { models: Model[] }).models;
  };
  const rename = (
    user: TestUser,
    id: string,
    title: unknown,
    headers: Record<string, string> = {},
  ) => call(server, "PATCH", `/api/models/${id}`, { user, body: { title }, headers });
  const getMembers = (user: TestUser, id: string) =>
    call(server, "GET", `/api/models/${id}/members`, { user });
  const putMembers = (user: TestUser, id: string, members: { email: string; role: string }[]) =>
    call(server, "PUT", `/api/models/${id}/members`, { user, body: { members } });
  const membersOf = (answer: ApiAnswer) => (answer.body as { members: Member[] }).members;
  const roleOf = (members: Member[], user: TestUser) =>
    members.find((m) => m.userId === user.id)?.role;
  const titleFor = async (user: TestUser, id: string) => {
    const answer = await getModel(user, id);
    expect(answer.status).toBe(200);
    return readString(answer.body, ["model", "title"]);
  };

  /** A model of `owner` with the whole cast as members in their roles. */
  const sharedModel = async (title: string) => {
    const id = await createModel(server, owner, title);
    const answer = await setMembers(server, owner, id, [
      { user: owner, role: "owner" },
      { user: facilitator, role: "facilitator" },
      { user: editor, role: "editor" },
      { user: commenter, role: "commenter" },
      { user: viewer, role: "viewer" },
    ]);
    expect(answer.status).toBe(200);
    return id;
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    [owner, facilitator, editor, commenter, viewer, outsider, newcomer] = await Promise.all([
      signUp(server, "Olive Owner"),
      signUp(server, "Fay Facilitator"),
      signUp(server, "Eddie Editor"),
      signUp(server, "Cora Commenter"),
      signUp(server, "Vera Viewer"),
      signUp(server, "Otto Outsider"),
      signUp(server, "Nina Newcomer"),
    ]);
  });

  afterAll(async () => {
    await server?.destroy();
  });

  describe("models", () => {
    it("creates a model: 201 with the trimmed title and role owner", async () => {
      const answer = await call(server, "POST", "/api/models", {
        user: owner,
        body: { title: "  Payments API  " },
      });
      expect(answer.status).toBe(201);
      expect(Object.keys(answer.body as object)).toEqual(["model"]);
      const model = (answer.body as { model: Model }).model;
      expect(Object.keys(model).sort()).toEqual(MODEL_KEYS);
      expect(model).toEqual({
        id: expect.stringMatching(/^[A-Za-z0-9_-]{21}$/),
        title: "Payments API",
        role: "owner",
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
      });
      const fetched = await getModel(owner, model.id);
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual({ model });
      const members = await getMembers(owner, model.id);
      expect(membersOf(members)).toEqual([
        { userId: owner.id, email: owner.email, name: owner.name, role: "owner" },
      ]);
    });

    it("refuses anonymous model requests with 401", async () => {
      const id = await createModel(server, owner, "Private");
      expectError(await call(server, "GET", "/api/models"), 401, "unauthorized");
      expectError(
        await call(server, "POST", "/api/models", { body: { title: "x" } }),
        401,
        "unauthorized",
      );
      expectError(await call(server, "GET", `/api/models/${id}`), 401, "unauthorized");
      expectError(
        await call(server, "PATCH", `/api/models/${id}`, { body: { title: "x" } }),
        401,
        "unauthorized",
      );
      expectError(await call(server, "DELETE", `/api/models/${id}`), 401, "unauthorized");
      expectError(await call(server, "GET", `/api/models/${id}/members`), 401, "unauthorized");
      expect(await titleFor(owner, id)).toBe("Private");
    });

    it("validates the title: empty, blank, too long, missing or not a string is 400", async () => {
      const cases: unknown[] = [
        { title: "" },
        { title: "   \t\n " },
        { title: "t".repeat(LIMITS.modelTitleLength + 1) },
        {},
        { title: 42 },
        { title: null },
        { title: ["Payments"] },
      ];
      const before = (await listModels(owner)).length;
      for (const body of cases) {
        const issues = expectInvalid(
          await call(server, "POST", "/api/models", { user: owner, body }),
          ["title"],
        );
        expect(issues.every((issue) => issue.path === "title")).toBe(true);
      }
      expect((await listModels(owner)).length).toBe(before);
      const longest = await call(server, "POST", "/api/models", {
        user: owner,
        body: { title: "t".repeat(LIMITS.modelTitleLength) },
      });
      expect(longest.status).toBe(201);
      expect(readString(longest.body, ["model", "title"])).toHaveLength(LIMITS.modelTitleLength);
      const tooLong = expectInvalid(
        await rename(
          owner,
          readString(longest.body, ["model", "id"]),
          "t".repeat(LIMITS.modelTitleLength + 1),
        ),
        ["title"],
      );
      expect(tooLong).toEqual([
        { path: "title", message: `At most ${LIMITS.modelTitleLength} characters` },
      ]);
    });

    it("validates a rename's title too, and leaves the title unchanged", async () => {
      const id = await createModel(server, owner, "Unchanged");
      for (const title of ["", "   ", "x".repeat(LIMITS.modelTitleLength + 1), 7, null]) {
        expectInvalid(await rename(owner, id, title), ["title"]);
      }
      expect(await titleFor(owner, id)).toBe("Unchanged");
    });

    it("lists only my models, with my role, newest updated first", async () => {
      const outsiders = await createModel(server, outsider, "Outsider's secret model");
      const first = await createModel(server, newcomer, "Newcomer first");
      const second = await createModel(server, newcomer, "Newcomer second");
      const shared = await createModel(server, owner, "Shared with newcomer");
      expect(
        (
          await setMembers(server, owner, shared, [
            { user: owner, role: "owner" },
            { user: newcomer, role: "commenter" },
          ])
        ).status,
      ).toBe(200);

      const mine = await listModels(newcomer);
      for (const model of mine) expect(Object.keys(model).sort()).toEqual(MODEL_KEYS);
      expect(mine.map((m) => m.id)).not.toContain(outsiders);
      expect(mine.map((m) => [m.title, m.role])).toEqual(
        expect.arrayContaining([
          ["Newcomer first", "owner"],
          ["Newcomer second", "owner"],
          ["Shared with newcomer", "commenter"],
        ]),
      );
      expect(mine.map((m) => m.id).indexOf(second)).toBeLessThan(
        mine.map((m) => m.id).indexOf(first),
      );
      const times = mine.map((m) => Date.parse(m.updatedAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);

      // A rename makes the model the most recently updated one.
      expect((await rename(newcomer, first, "Newcomer first, renamed")).status).toBe(200);
      const after = await listModels(newcomer);
      expect(after[0]?.id).toBe(first);
      expect(after[0]?.title).toBe("Newcomer first, renamed");

      for (const user of [owner, editor, viewer]) {
        expect((await listModels(user)).map((m) => m.id)).not.toContain(outsiders);
      }
      expect((await listModels(outsider)).map((m) => [m.id, m.role])).toContainEqual([
        outsiders,
        "owner",
      ]);
    });

    it("answers 404, never 403, for every request on another user's model, and changes nothing", async () => {
      const id = await createModel(server, owner, "Not yours");
      const unknown = "NoSuchModelIdAtAll123";
      const attempts: [string, string, unknown][] = [
        ["GET", `/api/models/${id}`, undefined],
        ["PATCH", `/api/models/${id}`, { title: "Taken over" }],
        ["DELETE", `/api/models/${id}`, undefined],
        ["GET", `/api/models/${id}/members`, undefined],
        [
          "PUT",
          `/api/models/${id}/members`,
          { members: [{ email: outsider.email, role: "owner" }] },
        ],
      ];
      for (const [method, path, body] of attempts) {
        const answer = await call(server, method, path, { user: outsider, body });
        expectError(answer, 404, "not_found");
        expect(answer.body).toEqual(NOT_FOUND);
        // Exactly what a model that does not exist answers, so ids cannot be probed.
        const missing = await call(server, method, path.replace(id, unknown), {
          user: outsider,
          body,
        });
        expect(missing.status).toBe(404);
        expect(missing.body).toEqual(answer.body);
      }
      expect(await titleFor(owner, id)).toBe("Not yours");
      expect(membersOf(await getMembers(owner, id)).map((m) => m.userId)).toEqual([owner.id]);
    });

    it("answers 400 for a malformed model id and 404 for an undecodable one, always as JSON", async () => {
      for (const bad of ["bad.id", "bad%20id", "a%2Fb", "a'b", "x".repeat(65)]) {
        const error = expectError(
          await getModel(owner, bad),
          400,
          "bad_request",
          "The request is not valid",
        );
        expect(error.issues).toEqual([{ path: "id", message: "Malformed id" }]);
        expectError(await rename(owner, bad, "x"), 400, "bad_request");
        expectError(
          await call(server, "DELETE", `/api/models/${bad}`, { user: owner }),
          400,
          "bad_request",
        );
        expectError(await getMembers(owner, bad), 400, "bad_request");
      }
      expectError(await getModel(owner, "%zz"), 404, "not_found", "No such API route");
      // The longest well-formed id is simply not found.
      expect((await getModel(owner, "x".repeat(64))).body).toEqual(NOT_FOUND);
    });

    it("lets an editor and a facilitator rename; the new title shows in GET and in every list", async () => {
      const id = await sharedModel("Checkout");
      const byEditor = await rename(editor, id, "  Checkout v2  ");
      expect(byEditor.status).toBe(200);
      expect((byEditor.body as { model: Model }).model).toEqual({
        id,
        title: "Checkout v2",
        role: "editor",
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
      });
      expect(await titleFor(owner, id)).toBe("Checkout v2");
      expect(await titleFor(viewer, id)).toBe("Checkout v2");
      for (const user of [owner, editor, viewer]) {
        expect((await listModels(user)).find((m) => m.id === id)?.title).toBe("Checkout v2");
      }
      const byFacilitator = await rename(facilitator, id, "Checkout v3");
      expect(byFacilitator.status).toBe(200);
      expect(readString(byFacilitator.body, ["model", "role"])).toBe("facilitator");
      expect(await titleFor(editor, id)).toBe("Checkout v3");
    });

    it("refuses a rename by a viewer or a commenter with 403, and keeps the title", async () => {
      const id = await sharedModel("Read-only for some");
      for (const user of [viewer, commenter]) {
        const answer = await rename(user, id, "Hijacked");
        expectError(answer, 403, "forbidden");
        expect(answer.body).toEqual(FORBIDDEN);
      }
      expect(await titleFor(owner, id)).toBe("Read-only for some");
    });

    it("refuses deletion by every non-owner member with 403", async () => {
      const id = await sharedModel("Keep me");
      for (const user of [facilitator, editor, commenter, viewer]) {
        const answer = await call(server, "DELETE", `/api/models/${id}`, { user });
        expectError(answer, 403, "forbidden");
        expect(answer.body).toEqual(FORBIDDEN);
      }
      expect(await titleFor(viewer, id)).toBe("Keep me");
    });

    it("deletes for the owner: 204, then 404 for everyone and gone from every list", async () => {
      const id = await sharedModel("Short-lived");
      expect((await rename(editor, id, "Short-lived, loaded")).status).toBe(200); // a loaded room too
      const answer = await call(server, "DELETE", `/api/models/${id}`, { user: owner });
      expect(answer.status).toBe(204);
      expect(answer.body).toBeNull();
      for (const user of [owner, editor, viewer]) {
        expect((await getModel(user, id)).body).toEqual(NOT_FOUND);
        expect((await listModels(user)).map((m) => m.id)).not.toContain(id);
      }
      expect((await getMembers(owner, id)).body).toEqual(NOT_FOUND);
      expect((await rename(owner, id, "Back again")).body).toEqual(NOT_FOUND);
      const again = await call(server, "DELETE", `/api/models/${id}`, { user: owner });
      expectError(again, 404, "not_found");
    });

    // PostgreSQL text cannot hold U+0000: a title with one must be refused before it reaches the
    // live document (whose appends would otherwise fail on every flush).
    it("refuses a NUL character in a title with 400, on create and on rename", async () => {
      const created = await call(server, "POST", "/api/models", {
        user: owner,
        body: { title: "Nul\u0000Title" },
      });
      const id = await createModel(server, owner, "Clean title");
      const renamed = await rename(owner, id, "Nul\u0000Title");
      const afterRename = await titleFor(owner, id);
      // Heal the room (a valid rename makes its flush succeed again) before asserting.
      expect((await rename(owner, id, "Clean title again")).status).toBe(200);
      expectInvalid(created, ["title"]);
      expectInvalid(renamed, ["title"]);
      expect(afterRename).toBe("Clean title");
    });
  });

  describe("CSRF defence on model changes", () => {
    it("refuses cookie POST/PATCH/DELETE from a foreign origin with 403 and changes nothing", async () => {
      const id = await sharedModel("Guarded");
      const evil = { origin: "https://evil.example" };
      const before = (await listModels(owner)).length;
      expectError(
        await call(server, "POST", "/api/models", {
          user: owner,
          body: { title: "Planted" },
          headers: evil,
        }),
        403,
        "forbidden",
        "Cross-site requests are not accepted",
      );
      expectError(await rename(owner, id, "Defaced", evil), 403, "forbidden");
      expectError(
        await call(server, "DELETE", `/api/models/${id}`, { user: owner, headers: evil }),
        403,
        "forbidden",
      );
      expectError(
        await call(server, "PUT", `/api/models/${id}/members`, {
          user: owner,
          body: { members: [{ email: outsider.email, role: "owner" }] },
          headers: evil,
        }),
        403,
        "forbidden",
      );
      expect((await listModels(owner)).length).toBe(before);
      expect(await titleFor(owner, id)).toBe("Guarded");
      expect(membersOf(await getMembers(owner, id))).toHaveLength(5);
      expect((await getModel(outsider, id)).status).toBe(404);
    });

    it("refuses cookie changes with Sec-Fetch-Site cross-site and no Origin", async () => {
      const id = await sharedModel("Guarded by fetch metadata");
      const headers = { cookie: owner.cookie, "sec-fetch-site": "cross-site" };
      expectError(
        await call(server, "PATCH", `/api/models/${id}`, { headers, body: { title: "Defaced" } }),
        403,
        "forbidden",
      );
      expectError(await call(server, "DELETE", `/api/models/${id}`, { headers }), 403, "forbidden");
      expectError(
        await call(server, "POST", "/api/models", { headers, body: { title: "Planted" } }),
        403,
        "forbidden",
      );
      expect(await titleFor(owner, id)).toBe("Guarded by fetch metadata");
    });

    it("accepts bearer-token POST/PATCH/DELETE without Origin", async () => {
      const created = await call(server, "POST", "/api/tokens", {
        user: owner,
        body: { name: "model bot" },
      });
      expect(created.status).toBe(201);
      const token = readString(created.body, ["secret"]);
      const posted = await call(server, "POST", "/api/models", {
        token,
        body: { title: "Made by a script" },
      });
      expect(posted.status).toBe(201);
      const id = readString(posted.body, ["model", "id"]);
      const patched = await call(server, "PATCH", `/api/models/${id}`, {
        token,
        body: { title: "Renamed by a script" },
      });
      expect(patched.status).toBe(200);
      expect(await titleFor(owner, id)).toBe("Renamed by a script");
      const deleted = await call(server, "DELETE", `/api/models/${id}`, { token });
      expect(deleted.status).toBe(204);
      expect((await getModel(owner, id)).body).toEqual(NOT_FOUND);
    });
  });

  describe("members", () => {
    it("shows the members to every member, owners first, without secrets", async () => {
      const id = await sharedModel("Members view");
      for (const user of [owner, facilitator, editor, commenter, viewer]) {
        const answer = await getMembers(user, id);
        expect(answer.status).toBe(200);
        expect(Object.keys(answer.body as object)).toEqual(["members"]);
        expect(membersOf(answer)).toEqual([
          { userId: owner.id, email: owner.email, name: owner.name, role: "owner" },
          {
            userId: facilitator.id,
            email: facilitator.email,
            name: facilitator.name,
            role: "facilitator",
          },
          { userId: editor.id, email: editor.email, name: editor.name, role: "editor" },
          { userId: commenter.id, email: commenter.email, name: commenter.name, role: "commenter" },
          { userId: viewer.id, email: viewer.email, name: viewer.name, role: "viewer" },
        ]);
        expect(JSON.stringify(answer.body)).not.toMatch(/password|hash/i);
      }
    });

    it("lets the owner add people by email (any case and spacing), change roles and remove them", async () => {
      const id = await createModel(server, owner, "Team model");
      const added = await putMembers(owner, id, [
        { email: owner.email, role: "owner" },
        { email: `  ${editor.email.toUpperCase()} `, role: "editor" },
        { email: viewer.email, role: "viewer" },
      ]);
      expect(added.status).toBe(200);
      expect(membersOf(added)).toEqual([
        { userId: owner.id, email: owner.email, name: owner.name, role: "owner" },
        { userId: editor.id, email: editor.email, name: editor.name, role: "editor" },
        { userId: viewer.id, email: viewer.email, name: viewer.name, role: "viewer" },
      ]);
      expect(membersOf(await getMembers(viewer, id))).toEqual(membersOf(added));
      expect(readString((await getModel(editor, id)).body, ["model", "role"])).toBe("editor");
      expect((await listModels(viewer)).find((m) => m.id === id)?.role).toBe("viewer");

      // Change roles: the editor becomes a viewer and loses the rename, the viewer becomes a facilitator.
      const changed = await putMembers(owner, id, [
        { email: owner.email, role: "owner" },
        { email: editor.email, role: "viewer" },
        { email: viewer.email, role: "facilitator" },
      ]);
      expect(changed.status).toBe(200);
      expect(roleOf(membersOf(changed), editor)).toBe("viewer");
      expect(roleOf(membersOf(changed), viewer)).toBe("facilitator");
      expect(readString((await getModel(editor, id)).body, ["model", "role"])).toBe("viewer");
      expectError(await rename(editor, id, "Not any more"), 403, "forbidden");
      expect((await rename(viewer, id, "Facilitated")).status).toBe(200);

      // Remove the former editor: they get 404 on the model and its members, and lose it from their list.
      const removed = await putMembers(owner, id, [
        { email: owner.email, role: "owner" },
        { email: viewer.email, role: "facilitator" },
      ]);
      expect(removed.status).toBe(200);
      expect(membersOf(removed).map((m) => m.userId)).toEqual([owner.id, viewer.id]);
      expect((await getModel(editor, id)).body).toEqual(NOT_FOUND);
      expect((await getMembers(editor, id)).body).toEqual(NOT_FOUND);
      expect((await rename(editor, id, "Sneaky")).body).toEqual(NOT_FOUND);
      expect((await listModels(editor)).map((m) => m.id)).not.toContain(id);
      expect(await titleFor(owner, id)).toBe("Facilitated");
    });

    it("refuses an unknown email with 400 whose issues name the field, and changes nothing", async () => {
      const id = await sharedModel("Unknown invitee");
      const before = membersOf(await getMembers(owner, id));
      const answer = await putMembers(owner, id, [
        { email: owner.email, role: "owner" },
        { email: "nobody-here@example.test", role: "editor" },
        { email: editor.email, role: "editor" },
        { email: "also-nobody@example.test", role: "viewer" },
      ]);
      const error = expectError(answer, 400, "bad_request", "Some people have no account");
      expect(error.issues).toEqual([
        { path: "members.1.email", message: expect.stringContaining("nobody-here@example.test") },
        { path: "members.3.email", message: expect.stringContaining("also-nobody@example.test") },
      ]);
      expect(membersOf(await getMembers(owner, id))).toEqual(before);
    });

    it("refuses a person listed twice (also in another case) with 400", async () => {
      const id = await sharedModel("Duplicates");
      const before = membersOf(await getMembers(owner, id));
      for (const second of [editor.email, editor.email.toUpperCase()]) {
        const answer = await putMembers(owner, id, [
          { email: owner.email, role: "owner" },
          { email: editor.email, role: "editor" },
          { email: second, role: "viewer" },
        ]);
        expectError(answer, 400, "bad_request", "Each person may appear only once");
      }
      expect(membersOf(await getMembers(owner, id))).toEqual(before);
    });

    it("refuses a list without an owner with 400", async () => {
      const id = await sharedModel("Needs an owner");
      const before = membersOf(await getMembers(owner, id));
      const answer = await putMembers(owner, id, [
        { email: owner.email, role: "facilitator" },
        { email: editor.email, role: "editor" },
      ]);
      expectError(answer, 400, "bad_request", "A model needs at least one owner");
      expect(membersOf(await getMembers(owner, id))).toEqual(before);
    });

    it("refuses malformed member lists with 400 naming the field", async () => {
      const id = await createModel(server, owner, "Malformed lists");
      expectInvalid(await putMembers(owner, id, []), ["members"]);
      expectInvalid(await putMembers(owner, id, [{ email: owner.email, role: "admin" }]), [
        "members.0.role",
      ]);
      expectInvalid(await putMembers(owner, id, [{ email: "not an email", role: "owner" }]), [
        "members.0.email",
      ]);
      expectInvalid(
        await call(server, "PUT", `/api/models/${id}/members`, { user: owner, body: {} }),
        ["members"],
      );
      const tooMany = Array.from({ length: LIMITS.membersPerModel + 1 }, (_, i) => ({
        email: `person-${i}@example.test`,
        role: "viewer",
      }));
      expectInvalid(await putMembers(owner, id, tooMany), ["members"]);
      expect(membersOf(await getMembers(owner, id)).map((m) => m.userId)).toEqual([owner.id]);
    });

    it("refuses a PUT by a non-owner member with 403, and by an outsider with 404", async () => {
      const id = await sharedModel("Owner decides");
      const before = membersOf(await getMembers(owner, id));
      const takeover = (user: TestUser) => [{ email: user.email, role: "owner" }];
      for (const user of [facilitator, editor, commenter, viewer]) {
        const answer = await putMembers(user, id, takeover(user));
        expectError(answer, 403, "forbidden");
        expect(answer.body).toEqual(FORBIDDEN);
      }
      expect((await putMembers(outsider, id, takeover(outsider))).body).toEqual(NOT_FOUND);
      expect(membersOf(await getMembers(owner, id))).toEqual(before);
    });

    it("hands ownership over: the former owner loses member management and deletion", async () => {
      const id = await createModel(server, owner, "Handover");
      const answer = await putMembers(owner, id, [
        { email: owner.email, role: "facilitator" },
        { email: newcomer.email, role: "owner" },
      ]);
      expect(answer.status).toBe(200);
      expect(roleOf(membersOf(answer), owner)).toBe("facilitator");
      expect(roleOf(membersOf(answer), newcomer)).toBe("owner");
      expectError(
        await putMembers(owner, id, [{ email: owner.email, role: "owner" }]),
        403,
        "forbidden",
      );
      expectError(
        await call(server, "DELETE", `/api/models/${id}`, { user: owner }),
        403,
        "forbidden",
      );
      expect((await rename(owner, id, "Handover, facilitated")).status).toBe(200);
      expect((await call(server, "DELETE", `/api/models/${id}`, { user: newcomer })).status).toBe(
        204,
      );
    });
  });
});
