import { eq } from "drizzle-orm";
import { models } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import type { RoomManager } from "@/server/collab/room-manager";
import { authorize, MEMBER } from "@/server/policies/policy";
import { appendAuditEvent } from "@/server/services/audit/record-audit-event";
import { getMemberRole } from "@/server/services/members/get-member-role";

/**
 * Deletes a model with its document, history and memberships; closes its open connections on
 * every node.
 */
export async function deleteModel(
  db: Database,
  rooms: RoomManager,
  options: { modelId: string; userId: string },
): Promise<void> {
  const role = await getMemberRole(db, options);
  authorize(MEMBER, "model.delete", { kind: "model", role });
  await db.transaction(async (tx) => {
    await tx.delete(models).where(eq(models.id, options.modelId));
    await appendAuditEvent(tx, {
      actorId: options.userId,
      action: "model.deleted",
      modelId: options.modelId,
    });
  });
  rooms.reportModelDeleted(options.modelId);
}
