import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { auditEvents } from "@/drizzle/schema";
import { verifyAuditChain } from "@/server/services/audit/verify-audit-chain";
import { api, createModel, setMembers, signUp } from "./support/api-client";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

describe.each(DATABASES)("audit log (%s)", (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.destroy());

  it("records security-relevant actions in a hash chain that shows tampering", async () => {
    const owner = await signUp(server, "Avery Auditor");
    const other = await signUp(server, "Blake Member");
    const modelId = await createModel(server, owner, "Audited");
    await setMembers(server, owner, modelId, [
      { user: owner, role: "owner" },
      { user: other, role: "viewer" },
    ]);
    expect(
      (
        await api(server, "PATCH", `/api/models/${modelId}`, {
          user: owner,
          body: { title: "Audited 2" },
        })
      ).status,
    ).toBe(200);
    expect((await api(server, "DELETE", `/api/models/${modelId}`, { user: owner })).status).toBe(
      204,
    );

    const db = server.runtime.db;
    const actions = (await db.select().from(auditEvents).orderBy(asc(auditEvents.id))).map(
      (e) => e.action,
    );
    expect(actions).toEqual([
      "user.signed-up",
      "user.email-verified",
      "user.signed-up",
      "user.email-verified",
      "model.created",
      "members.changed",
      "model.renamed",
      "model.deleted",
    ]);
    expect(await verifyAuditChain(db)).toEqual({ isIntact: true, events: 8 });

    // Rewrite history: the chain breaks at the changed row.
    const [renamed] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "model.renamed"));
    await db.execute(
      sql`update audit_events set detail = '{"title":"Something else"}'::jsonb where id = ${renamed?.id}`,
    );
    expect(await verifyAuditChain(db)).toEqual({ isIntact: false, brokenAtId: renamed?.id });

    // Administrators (the first account here) read the trail and verify it over the API.
    const curious = await signUp(server, "Casey Curious");
    expect((await api(server, "GET", "/api/audit", { user: curious })).status).toBe(403);
    expect((await api(server, "POST", "/api/audit/verify", { user: curious })).status).toBe(403);
    const trail = await api(server, "GET", "/api/audit?limit=3", { user: owner });
    expect(trail.status).toBe(200);
    const page = trail.body as {
      events: { id: number; action: string; actor: { name: string } | null }[];
      nextBeforeId: number | null;
    };
    expect(page.events).toHaveLength(3);
    expect(page.events[0]?.action).toBe("user.email-verified");
    expect(page.events[0]?.actor?.name).toBe("Casey Curious");
    expect(page.nextBeforeId).toBe(page.events[2]?.id);
    const rest = await api(server, "GET", `/api/audit?before=${page.nextBeforeId}&limit=200`, {
      user: owner,
    });
    const older = (rest.body as { events: { action: string }[] }).events.map((e) => e.action);
    expect(older).toContain("model.renamed");
    const verified = await api(server, "POST", "/api/audit/verify", { user: owner });
    expect(verified.body).toEqual({ isIntact: false, brokenAtId: renamed?.id });
  });
});
