import { and, eq, isNull } from "drizzle-orm";
import { sessions } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import type { RoomManager } from "@/server/collab/room-manager";
import { CLOSE_CODES } from "@/lib/collab/close-codes";
import { appendAuditEvent } from "@/server/services/audit/record-audit-event";
import { listMemberModelIds } from "@/server/services/members/list-member-model-ids";

/**
 * Revokes sessions: one (`sessionId`, on signing out) or all of a user's (`userId` alone, by an
 * administrator), with an audit record in the same transaction. Their cookies stop working at
 * once, here and on every node; their websockets close with 4401 here at once and on the other
 * nodes as soon as they re-check the user's models (announced through the bus).
 */
export async function revokeSessions(
  db: Database,
  rooms: RoomManager,
  options: { userId: string; sessionId?: string; actorId: string },
): Promise<number> {
  const revoked = await db.transaction(async (tx) => {
    const rows = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(sessions.userId, options.userId),
          options.sessionId === undefined ? undefined : eq(sessions.id, options.sessionId),
          isNull(sessions.revokedAt),
        ),
      )
      .returning({ id: sessions.id });
    if (rows.length > 0) {
      await appendAuditEvent(tx, {
        actorId: options.actorId,
        action: "sessions.revoked",
        detail: { userId: options.userId, count: rows.length },
      });
    }
    return new Set(rows.map((row) => row.id));
  });
  await closeRevokedSessions(rooms, db, options.userId, revoked);
  return revoked.size;
}

/**
 * After sessions were revoked: closes their websockets on this node with 4401 at once, and has
 * every node re-check the user's connections to their models (the nodes' announcement).
 */
export async function closeRevokedSessions(
  rooms: RoomManager,
  db: Database,
  userId: string,
  revoked: ReadonlySet<string>,
): Promise<void> {
  for (const { connection } of rooms.connections()) {
    if (connection.sessionId !== null && revoked.has(connection.sessionId)) {
      connection.close(CLOSE_CODES.unauthenticated, "signed out");
    }
  }
  const modelIds = await listMemberModelIds(db, userId);
  await Promise.all(modelIds.map((modelId) => rooms.reportAccessChanged(modelId)));
}
