import { createHash } from "node:crypto";
import { desc, sql } from "drizzle-orm";
import { auditEvents } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";

/** The hash before the first event of the chain. */
export const AUDIT_GENESIS_HASH = "0".repeat(64);

/** The actions recorded in the audit log. */
export type AuditAction =
  | "user.signed-up"
  | "user.email-verified"
  | "user.password-changed"
  | "user.single-sign-on-linked"
  | "token.created"
  | "token.revoked"
  | "sessions.revoked"
  | "model.created"
  | "model.renamed"
  | "model.deleted"
  | "members.changed"
  | "version.saved"
  | "version.restored"
  | "rule-set.created"
  | "rule-set.updated"
  | "rule-set.deleted"
  | "rule-set.imported"
  | "email-reply.refused"
  | "invitation.created"
  | "invitation.accepted"
  | "invitation.revoked"
  | "review.requested"
  | "review.decided";

/** JSON with object keys sorted at every level: jsonb does not keep key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Computes the hash of an event from its content and the previous hash. */
export function hashAuditEvent(event: {
  prevHash: string;
  actorId: string | null;
  action: string;
  modelId: string | null;
  detail: unknown;
  createdAt: Date;
}): string {
  return createHash("sha256")
    .update(
      canonicalJson([
        event.prevHash,
        event.actorId,
        event.action,
        event.modelId,
        event.detail,
        event.createdAt.toISOString(),
      ]),
    )
    .digest("hex");
}

/** One event of the audit log, as a service records it. */
export interface AuditEventInput {
  actorId: string | null;
  action: AuditAction;
  modelId?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Appends one event to the hash chain inside the caller's transaction, which must also hold the
 * change the event records: if the event cannot be written, the change is rolled back with it,
 * and no change is ever kept without its record. A transaction-level advisory lock makes
 * concurrent appends (also from other server nodes) chain in order; it is held until the
 * caller's transaction ends.
 */
export async function appendAuditEvent(tx: Database, event: AuditEventInput): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(727272)`);
  const [last] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.id))
    .limit(1);
  const prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
  // Millisecond precision, as PostgreSQL stores it back, so the hash can be recomputed.
  const createdAt = new Date(Math.floor(Date.now()));
  const row = {
    actorId: event.actorId,
    action: event.action,
    modelId: event.modelId ?? null,
    detail: event.detail ?? {},
    createdAt,
    prevHash,
  };
  await tx.insert(auditEvents).values({ ...row, hash: hashAuditEvent(row) });
}

/**
 * Records an event on its own, in a transaction of its own: for events that accompany no
 * database change (the change lives elsewhere, e.g. in a model's shared document).
 */
export async function recordAuditEvent(db: Database, event: AuditEventInput): Promise<void> {
  await db.transaction((tx) => appendAuditEvent(tx, event));
}
