/**
 * The HTTP API's organisation rule sets: administrators (ADMIN_EMAILS, else the first account)
 * create, change, delete, import and export them; everyone signed in reads them. Against a real
 * server on PGlite and (with TEST_DATABASE_URL) PostgreSQL.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc } from "drizzle-orm";
import { auditEvents } from "@/drizzle/schema";
import type { Rule } from "@/lib/stride/rule-types";
import { signUp, readString, type TestUser } from "./support/api-client";
import { call, expectError, expectInvalid } from "./support/api-expect";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

const TB7_PATH = path.join(import.meta.dirname, "../fixtures/ms-tmt/default.tb7");

const SPOOFING_RULE: Rule = {
  id: "org.spoof-external",
  title: "{source.name} may be spoofed",
  description: "An attacker may pose as {source.name}.",
  category: "spoofing",
  scope: { kind: "interaction", appliesTo: "source" },
  include: { op: "kind-is", subject: "source", kind: "external-entity" },
  enabled: true,
};

interface RuleSetBody {
  id: string;
  updatedAt: string;
  name: string;
  description: string;
  rules: Rule[];
  ruleCount: number;
  isEnabled: boolean;
}

const ruleSetOf = (body: unknown) => (body as { ruleSet: RuleSetBody }).ruleSet;

describe.each(DATABASES)("HTTP API: rule sets (%s)", (kind) => {
  let server: TestServer;
  let first: TestUser;
  let member: TestUser;

  beforeAll(async () => {
    server = await startTestServer(kind);
    // No ADMIN_EMAILS: the first account administers rule sets.
    first = await signUp(server, "First Account");
    member = await signUp(server, "Plain Member");
  });
  afterAll(() => server.destroy());

  const create = (user: TestUser, body: unknown) =>
    call(server, "POST", "/api/rule-sets", { user, body });

  it("tells each user whether they administer rule sets", async () => {
    const me = await call(server, "GET", "/api/users/me", { user: first });
    expect(me.body).toMatchObject({ isRuleSetAdmin: true });
    const other = await call(server, "GET", "/api/users/me", { user: member });
    expect(other.body).toMatchObject({ isRuleSetAdmin: false });
  });

  it("lets the administrator create, read, change and delete a rule set", async () => {
    const created = await create(first, {
      name: "  Payments rules ",
      description: "Ours",
      rules: [SPOOFING_RULE],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const ruleSet = ruleSetOf(created.body);
    expect(ruleSet).toMatchObject({
      name: "Payments rules",
      description: "Ours",
      rules: [SPOOFING_RULE],
      ruleCount: 1,
      isEnabled: true,
    });

    const listed = await call(server, "GET", "/api/rule-sets", { user: member });
    expect(listed.status).toBe(200);
    expect((listed.body as { ruleSets: RuleSetBody[] }).ruleSets.map((set) => set.id)).toContain(
      ruleSet.id,
    );
    const read = await call(server, "GET", `/api/rule-sets/${ruleSet.id}`, { user: member });
    expect(read.status).toBe(200);
    expect(ruleSetOf(read.body)).toEqual(ruleSet);

    const patched = await call(server, "PATCH", `/api/rule-sets/${ruleSet.id}`, {
      user: first,
      body: { name: "Renamed", isEnabled: false, rules: [{ ...SPOOFING_RULE, enabled: false }] },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(ruleSetOf(patched.body)).toMatchObject({
      name: "Renamed",
      isEnabled: false,
      rules: [{ ...SPOOFING_RULE, enabled: false }],
    });

    const deleted = await call(server, "DELETE", `/api/rule-sets/${ruleSet.id}`, { user: first });
    expect(deleted.status).toBe(204);
    expectError(
      await call(server, "GET", `/api/rule-sets/${ruleSet.id}`, { user: member }),
      404,
      "not_found",
    );
    expectError(
      await call(server, "DELETE", `/api/rule-sets/${ruleSet.id}`, { user: first }),
      404,
      "not_found",
    );

    const actions = (
      await server.runtime.db.select().from(auditEvents).orderBy(asc(auditEvents.id))
    ).map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining(["rule-set.created", "rule-set.updated", "rule-set.deleted"]),
    );
  });

  it("refuses a change made to a version of the set that someone else has changed since", async () => {
    const created = ruleSetOf(
      (await create(first, { name: "Shared rules", rules: [SPOOFING_RULE] })).body,
    );
    // Two administrators opened the set at created.updatedAt; the first one saves.
    const firstSave = await call(server, "PATCH", `/api/rule-sets/${created.id}`, {
      user: first,
      body: { rules: [], expectedUpdatedAt: created.updatedAt },
    });
    expect(firstSave.status, JSON.stringify(firstSave.body)).toBe(200);
    // The second one saves what they saw: refused, and the first save is kept.
    expectError(
      await call(server, "PATCH", `/api/rule-sets/${created.id}`, {
        user: first,
        body: {
          rules: [SPOOFING_RULE, { ...SPOOFING_RULE, id: "other" }],
          expectedUpdatedAt: created.updatedAt,
        },
      }),
      409,
      "conflict",
    );
    const read = ruleSetOf(
      (await call(server, "GET", `/api/rule-sets/${created.id}`, { user: first })).body,
    );
    expect(read.rules).toEqual([]);
    // Saving against the version they now see works.
    const retry = await call(server, "PATCH", `/api/rule-sets/${created.id}`, {
      user: first,
      body: { rules: [SPOOFING_RULE], expectedUpdatedAt: read.updatedAt },
    });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expectInvalid(
      await call(server, "PATCH", `/api/rule-sets/${created.id}`, {
        user: first,
        body: { name: "x", expectedUpdatedAt: "yesterday" },
      }),
      ["expectedUpdatedAt"],
    );
  });

  it("refuses every change from a non-administrator with 403 and lets them read", async () => {
    const created = await create(first, { name: "Guarded", rules: [SPOOFING_RULE] });
    const id = ruleSetOf(created.body).id;
    const exported = await call(server, "GET", `/api/rule-sets/${id}/export`, { user: first });
    const attempts = [
      create(member, { name: "Mine" }),
      call(server, "PATCH", `/api/rule-sets/${id}`, { user: member, body: { name: "Mine" } }),
      call(server, "DELETE", `/api/rule-sets/${id}`, { user: member }),
      call(server, "POST", "/api/rule-sets/import", { user: member, body: exported.body }),
    ];
    for (const answer of await Promise.all(attempts)) expectError(answer, 403, "forbidden");
    expect((await call(server, "GET", "/api/rule-sets", { user: member })).status).toBe(200);
    expect((await call(server, "GET", `/api/rule-sets/${id}`, { user: member })).status).toBe(200);
    expect(
      (await call(server, "GET", `/api/rule-sets/${id}/export`, { user: member })).status,
    ).toBe(200);
    expectError(await call(server, "GET", "/api/rule-sets"), 401, "unauthorized");
  });

  it("refuses invalid rules and bodies with 400", async () => {
    const answers = [
      await create(first, { name: "Bad", rules: [{ ...SPOOFING_RULE, category: "nope" }] }),
      await create(first, { name: "Dup", rules: [SPOOFING_RULE, SPOOFING_RULE] }),
      await create(first, { name: "Bad op", rules: [{ ...SPOOFING_RULE, include: { op: "x" } }] }),
      await create(first, { name: "" }),
      await create(first, { name: "Extra", rules: "not a list" }),
    ];
    for (const answer of answers) expectError(answer, 400, "bad_request");
    const created = await create(first, { name: "Valid", rules: [SPOOFING_RULE] });
    const id = ruleSetOf(created.body).id;
    expectError(
      await call(server, "PATCH", `/api/rule-sets/${id}`, {
        user: first,
        body: { rules: [{ ...SPOOFING_RULE, title: "" }] },
      }),
      400,
      "bad_request",
    );
    expectError(
      await call(server, "PATCH", `/api/rule-sets/${id}`, { user: first, body: {} }),
      400,
      "bad_request",
    );
  });

  it("exports a rule set and imports the export back", async () => {
    const created = await create(first, {
      name: "Round trip",
      description: "There and back",
      rules: [SPOOFING_RULE],
    });
    const id = ruleSetOf(created.body).id;
    const exported = await call(server, "GET", `/api/rule-sets/${id}/export`, { user: first });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toMatch(/^attachment; filename=/);
    expect(exported.body).toEqual({
      format: "threat-room-rule-set",
      version: 1,
      name: "Round trip",
      description: "There and back",
      rules: [SPOOFING_RULE],
    });
    const imported = await call(server, "POST", "/api/rule-sets/import", {
      user: first,
      body: exported.body,
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const copy = ruleSetOf(imported.body);
    expect(copy.id).not.toBe(id);
    expect(copy).toMatchObject({
      name: "Round trip",
      description: "There and back",
      rules: [SPOOFING_RULE],
      isEnabled: true,
    });
    expectError(
      await call(server, "POST", "/api/rule-sets/import", {
        user: first,
        body: { format: "something-else", version: 1, name: "x", rules: [] },
      }),
      400,
      "bad_request",
    );
  });

  it("imports a Microsoft Threat Modeling Tool template (.tb7)", async () => {
    const answer = await call(server, "POST", "/api/rule-sets/import", {
      user: first,
      body: fs.readFileSync(TB7_PATH, "utf8"),
      headers: { "content-type": "application/xml" },
    });
    expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(201);
    const ruleSet = ruleSetOf(answer.body);
    expect(ruleSet.rules).toHaveLength(47);
    expect(ruleSet.ruleCount).toBe(47);
    const events = await server.runtime.db.select().from(auditEvents);
    expect(events.some((event) => event.action === "rule-set.imported")).toBe(true);
    readString(answer.body, ["ruleSet", "id"]);
  });

  it("refuses hostile XML and unknown media types", async () => {
    const hostile = `<?xml version="1.0"?>
<!DOCTYPE KnowledgeBase [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<KnowledgeBase><Manifest name="&xxe;" id="x" version="1"/></KnowledgeBase>`;
    expectError(
      await call(server, "POST", "/api/rule-sets/import", {
        user: first,
        body: hostile,
        headers: { "content-type": "application/xml" },
      }),
      400,
      "bad_request",
    );
    expectError(
      await call(server, "POST", "/api/rule-sets/import", {
        user: first,
        body: "<KnowledgeBase>",
        headers: { "content-type": "text/plain" },
      }),
      415,
      "unsupported_media_type",
    );
  });
});
