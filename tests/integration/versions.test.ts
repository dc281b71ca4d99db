import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addThreat, getThreat, listThreats, updateThreat } from "@/lib/model/threats";
import { diffResponseSchema } from "@/components/api/schemas";
import { api, createModel, setMembers, signUp, type TestUser } from "./support/api-client";
import { connectClient, waitFor, waitForSync } from "./support/collab-client";
import { DEADLINE } from "./support/deadlines";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

/** The Y.Doc of a `/state` answer. */
function stateOf(body: unknown): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from((body as { state: string }).state, "base64"));
  return doc;
}

interface Version {
  id: number;
  number: number;
  label: string;
  kind: string;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
}

describe.each(DATABASES)("versions (%s)", (kind) => {
  let server: TestServer;
  let owner: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  let modelId: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    owner = await signUp(server, "Olive Owner");
    editor = await signUp(server, "Ed Editor");
    viewer = await signUp(server, "Vi Viewer");
    modelId = await createModel(server, owner, "Versioned");
    await setMembers(server, owner, modelId, [
      { user: owner, role: "owner" },
      { user: editor, role: "editor" },
      { user: viewer, role: "viewer" },
    ]);
  });
  afterAll(() => server.destroy());

  const versions = async (who: TestUser) =>
    (
      (await api(server, "GET", `/api/models/${modelId}/versions`, { user: who })).body as {
        versions: Version[];
      }
    ).versions;

  const save = (who: TestUser, label: string) =>
    api(server, "POST", `/api/models/${modelId}/versions`, { user: who, body: { label } });

  it("restoring a version while two people edit reaches both live, keeps their later edits and loses nothing", async () => {
    const alice = connectClient(server, modelId, { user: owner });
    const bob = connectClient(server, modelId, { user: editor });
    await Promise.all([waitForSync(alice), waitForSync(bob)]);
    const kept = addThreat(alice.doc, { title: "Spoofed buyer", category: "spoofing" }, owner.id);
    await waitFor(() => getThreat(bob.doc, kept) !== null, DEADLINE.propagation, "threat at bob");

    const saved = await save(editor, "Before the workshop");
    expect(saved.status).toBe(201);
    const version = (saved.body as { version: Version }).version;
    expect(version).toMatchObject({
      label: "Before the workshop",
      kind: "named",
      createdBy: { id: editor.id, name: "Ed Editor" },
    });

    // After the version: Alice adds a threat, Bob renames the first.
    const later = addThreat(
      alice.doc,
      { title: "Order tampering", category: "tampering" },
      owner.id,
    );
    updateThreat(bob.doc, kept, { title: "Spoofed buyer account" });
    await waitFor(
      () =>
        getThreat(alice.doc, kept)?.title === "Spoofed buyer account" &&
        getThreat(bob.doc, later) !== null,
      DEADLINE.propagation,
      "edits exchanged",
    );

    // The diff to now names both changes.
    const diffAnswer = await api(
      server,
      "GET",
      `/api/models/${modelId}/diff?from=${version.id}&to=now`,
      { user: viewer },
    );
    expect(diffAnswer.status).toBe(200);
    // The browser reads the answer with this schema.
    const parsed = diffResponseSchema.safeParse(diffAnswer.body);
    expect(parsed.error?.issues ?? []).toEqual([]);
    const diff = (diffAnswer.body as { diff: { entities: { id: string; change: string }[] } }).diff;
    expect(diff.entities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: later, change: "added" }),
        expect.objectContaining({ id: kept, change: "changed" }),
      ]),
    );

    // Only owners and facilitators restore.
    const refused = await api(
      server,
      "POST",
      `/api/models/${modelId}/versions/${version.id}/restore`,
      {
        user: editor,
      },
    );
    expect(refused.status).toBe(403);
    const restored = await api(
      server,
      "POST",
      `/api/models/${modelId}/versions/${version.id}/restore`,
      {
        user: owner,
      },
    );
    expect(restored.status).toBe(200);

    // Both see the version's state live, without reconnecting.
    for (const client of [alice, bob]) {
      await waitFor(
        () =>
          getThreat(client.doc, later) === null &&
          getThreat(client.doc, kept)?.title === "Spoofed buyer",
        DEADLINE.propagation,
        "the restore",
      );
    }
    // Bob goes on editing; his edit stays.
    updateThreat(bob.doc, kept, { title: "Spoofed buyer (restored)" });
    await waitFor(
      () => getThreat(alice.doc, kept)?.title === "Spoofed buyer (restored)",
      DEADLINE.propagation,
      "an edit after the restore",
    );

    // Nothing is lost: the state before the restore was saved as a version of its own.
    const list = await versions(viewer);
    const before = list.find((entry) => entry.kind === "before-restore");
    expect(before?.label).toBe("Before restoring “Before the workshop”");
    const old = await api(server, "GET", `/api/models/${modelId}/versions/${before?.id}`, {
      user: viewer,
    });
    const titles = (old.body as { model: { threats: { title: string }[] } }).model.threats.map(
      (threat) => threat.title,
    );
    expect(titles.sort()).toEqual(["Order tampering", "Spoofed buyer account"]);
    expect(listThreats(alice.doc)).toHaveLength(1);
    alice.destroy();
    bob.destroy();
  });

  it("lets viewers read versions but not save them, and keeps versions to their model", async () => {
    expect((await save(viewer, "Mine")).status).toBe(403);
    expect((await save(owner, "   ")).status).toBe(400);
    const other = await createModel(server, owner, "Elsewhere");
    const [first] = await versions(owner);
    const crossModel = await api(server, "GET", `/api/models/${other}/versions/${first?.id}`, {
      user: owner,
    });
    expect(crossModel.status).toBe(404);
    const stranger = await signUp(server, "Stan Stranger");
    const hidden = await api(server, "GET", `/api/models/${modelId}/versions`, { user: stranger });
    expect([403, 404]).toContain(hidden.status);
    const badDiff = await api(server, "GET", `/api/models/${modelId}/diff?from=abc`, {
      user: owner,
    });
    expect(badDiff.status).toBe(400);
  });

  it("hands out a version's state, and now's, to open read-only; to members of the model only", async () => {
    const client = connectClient(server, modelId, { user: owner });
    await waitForSync(client);
    const before = addThreat(
      client.doc,
      { title: "In the version", category: "spoofing" },
      owner.id,
    );
    // Once another client has a change, the server has it.
    const watcher = connectClient(server, modelId, { user: viewer });
    await waitFor(() => getThreat(watcher.doc, before) !== null, DEADLINE.propagation, "before");
    const saved = (await save(owner, "To open")).body as { version: Version };
    const after = addThreat(client.doc, { title: "Only now", category: "spoofing" }, owner.id);
    await waitFor(() => getThreat(watcher.doc, after) !== null, DEADLINE.propagation, "after");
    const now = await api(server, "GET", `/api/models/${modelId}/versions/now/state`, {
      user: viewer,
    });
    expect(now.status).toBe(200);
    expect(getThreat(stateOf(now.body), after)?.title).toBe("Only now");
    watcher.destroy();

    const answer = await api(
      server,
      "GET",
      `/api/models/${modelId}/versions/${saved.version.id}/state`,
      { user: viewer },
    );
    expect(answer.status).toBe(200);
    expect((answer.body as { version: Version }).version.label).toBe("To open");
    const version = stateOf(answer.body);
    expect(getThreat(version, before)?.title).toBe("In the version");
    expect(getThreat(version, after)).toBeNull();

    const stranger = await signUp(server, "Sam Stranger");
    for (const [who, path, status] of [
      [stranger, `/api/models/${modelId}/versions/now/state`, 404],
      [owner, `/api/models/${modelId}/versions/999999/state`, 404],
      [owner, `/api/models/${modelId}/versions/later/state`, 404],
    ] as const) {
      expect((await api(server, "GET", path, { user: who })).status, path).toBe(status);
    }
    client.destroy();
  });

  it("saves what the room holds, edits not yet compacted included", async () => {
    const client = connectClient(server, modelId, { user: owner });
    await waitForSync(client);
    const fresh = addThreat(
      client.doc,
      { title: "Fresh threat", category: "repudiation" },
      owner.id,
    );
    const room = server.runtime.rooms.peek(modelId);
    await waitFor(
      () => room?.doc !== undefined && getThreat(room.doc, fresh) !== null,
      DEADLINE.propagation,
      "at the server",
    );
    const saved = (await save(owner, "With the fresh threat")).body as { version: Version };
    const read = await api(server, "GET", `/api/models/${modelId}/versions/${saved.version.id}`, {
      user: owner,
    });
    expect(JSON.stringify(read.body)).toContain("Fresh threat");
    client.destroy();
  });
  it("saves a daily version when an edited model compacts, at most one a day", async () => {
    const daily = await createModel(server, owner, "Edited daily");
    const client = connectClient(server, daily, { user: owner });
    await waitForSync(client);
    addThreat(client.doc, { title: "Daily threat", category: "spoofing" }, owner.id);
    const room = server.runtime.rooms.peek(daily);
    await waitFor(
      () => (room?.pendingCount ?? 1) === 0 && room?.isSettled === true,
      DEADLINE.propagation,
      "logged",
    );
    await room?.compact();
    addThreat(client.doc, { title: "Another threat", category: "tampering" }, owner.id);
    await waitFor(
      () => room?.isSettled === true && room.pendingCount === 0,
      DEADLINE.propagation,
      "logged again",
    );
    await room?.compact();
    const list = (
      (await api(server, "GET", `/api/models/${daily}/versions`, { user: owner })).body as {
        versions: Version[];
      }
    ).versions.filter((version) => version.kind === "daily");
    expect(list).toHaveLength(1);
    expect(list[0]?.label).toMatch(/^Daily version, \d{4}-\d{2}-\d{2}$/);
    expect(list[0]?.createdBy).toBeNull();
    client.destroy();
  });
});
