import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { apiTokens, models, users } from "@/drizzle/schema";
import { api, signUp, type TestUser } from "./support/api-client";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

/** What the database holds of what the tests try to create. */
async function countRows(server: TestServer, owner: TestUser) {
  const db = server.runtime.db;
  const [modelRows] = await db
    .select({ n: count() })
    .from(models)
    .where(eq(models.createdBy, owner.id));
  const [tokenRows] = await db
    .select({ n: count() })
    .from(apiTokens)
    .where(eq(apiTokens.userId, owner.id));
  const [userRows] = await db.select({ n: count() }).from(users);
  return { models: modelRows?.n ?? 0, tokens: tokenRows?.n ?? 0, users: userRows?.n ?? 0 };
}

describe.each(DATABASES)("changes are whole or not at all (%s)", (kind) => {
  let server: TestServer;
  let owner: TestUser;

  beforeAll(async () => {
    server = await startTestServer(kind);
    owner = await signUp(server, "Ines Integrity");
  });
  afterAll(() => server.destroy());

  it("refuses text with a lone UTF-16 surrogate with 400, before anything is saved", async () => {
    const before = await countRows(server, owner);
    const model = await api(server, "POST", "/api/models", {
      user: owner,
      body: { title: "Payments \ud800 API" },
    });
    expect(model.status).toBe(400);
    expect(model.body).toMatchObject({
      error: { code: "bad_request", issues: [{ path: "title" }] },
    });
    const token = await api(server, "POST", "/api/tokens", {
      user: owner,
      body: { name: "\udc00 nightly" },
    });
    expect(token.status).toBe(400);
    const signUpAnswer = await api(server, "POST", "/api/users", {
      body: { email: "lone@example.com", name: "Lone \ud83d", password: "a long enough password" },
      headers: { origin: server.url },
    });
    expect(signUpAnswer.status).toBe(400);
    expect(await countRows(server, owner)).toEqual(before);
  });

  it("refuses names with direction overrides or zero-width characters", async () => {
    const answer = await api(server, "POST", "/api/models", {
      user: owner,
      body: { title: "invoice\u202Efdp.exe" },
    });
    expect(answer.status).toBe(400);
  });

  it("rolls a change back when its audit record cannot be written", async () => {
    const db = server.runtime.db;
    await db.execute(sql`
      create or replace function refuse_audit() returns trigger language plpgsql as $$
      begin raise exception 'audit log unavailable'; end $$`);
    await db.execute(sql`
      create trigger refuse_audit before insert on audit_events
      for each row execute function refuse_audit()`);
    try {
      const before = await countRows(server, owner);
      const model = await api(server, "POST", "/api/models", {
        user: owner,
        body: { title: "Never recorded" },
      });
      expect(model.status).toBe(500);
      const token = await api(server, "POST", "/api/tokens", {
        user: owner,
        body: { name: "never recorded" },
      });
      expect(token.status).toBe(500);
      const signUpAnswer = await api(server, "POST", "/api/users", {
        body: { email: "unrecorded@example.com", name: "Una", password: "a long enough password" },
        headers: { origin: server.url },
      });
      expect(signUpAnswer.status).toBe(500);
      expect(await countRows(server, owner)).toEqual(before);
    } finally {
      await db.execute(sql`drop trigger refuse_audit on audit_events`);
    }
    const after = await api(server, "POST", "/api/models", {
      user: owner,
      body: { title: "Recorded" },
    });
    expect(after.status).toBe(201);
  });
});
