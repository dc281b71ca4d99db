import { and, desc, eq, lt } from "drizzle-orm";
import { auditEvents, models, users } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";

/** An audit event as the audit trail page shows it. */
export interface PublicAuditEvent {
  id: number;
  action: string;
  actor: { id: string; name: string } | null;
  model: { id: string; title: string } | null;
  detail: unknown;
  createdAt: string;
}

/**
 * The audit trail, newest first, a page at a time: events with an id below `beforeId` (all
 * when null). Who and which model are shown by name while they exist; a deleted account or
 * model shows as its id in the detail only. `nextBeforeId` continues the list (null at its end).
 */
export async function listAuditEvents(
  db: Database,
  options: { beforeId: number | null; limit: number },
): Promise<{ events: PublicAuditEvent[]; nextBeforeId: number | null }> {
  const rows = await db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      detail: auditEvents.detail,
      createdAt: auditEvents.createdAt,
      actorId: users.id,
      actorName: users.name,
      modelId: models.id,
      modelTitle: models.title,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .leftJoin(models, eq(models.id, auditEvents.modelId))
    .where(and(options.beforeId === null ? undefined : lt(auditEvents.id, options.beforeId)))
    .orderBy(desc(auditEvents.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  return {
    events: page.map((row) => ({
      id: row.id,
      action: row.action,
      actor: row.actorId && row.actorName ? { id: row.actorId, name: row.actorName } : null,
      model: row.modelId && row.modelTitle ? { id: row.modelId, title: row.modelTitle } : null,
      detail: row.detail,
      createdAt: row.createdAt.toISOString(),
    })),
    nextBeforeId: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
