import { asc } from "drizzle-orm";
import { auditEvents } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import { AUDIT_GENESIS_HASH, hashAuditEvent } from "@/server/services/audit/record-audit-event";

/** The result of checking the audit log: intact, or the first row that breaks the chain. */
export type AuditChainCheck =
  { isIntact: true; events: number } | { isIntact: false; brokenAtId: number };

/**
 * Recomputes every hash of the audit log in order. A row that was changed, inserted or
 * deleted after the fact breaks the chain at that row.
 */
export async function verifyAuditChain(db: Database): Promise<AuditChainCheck> {
  const rows = await db.select().from(auditEvents).orderBy(asc(auditEvents.id));
  let prevHash = AUDIT_GENESIS_HASH;
  for (const row of rows) {
    const expected = hashAuditEvent({
      prevHash,
      actorId: row.actorId,
      action: row.action,
      modelId: row.modelId,
      detail: row.detail,
      createdAt: row.createdAt,
    });
    if (row.prevHash !== prevHash || row.hash !== expected)
      return { isIntact: false, brokenAtId: row.id };
    prevHash = row.hash;
  }
  return { isIntact: true, events: rows.length };
}
