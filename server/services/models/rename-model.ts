import { setTitle } from "@/lib/model/meta";
import type { Database } from "@/server/db/client";
import type { RoomManager } from "@/server/collab/room-manager";
import { authorize, MEMBER } from "@/server/policies/policy";
import { recordAuditEvent } from "@/server/services/audit/record-audit-event";
import { getMemberRole } from "@/server/services/members/get-member-role";
import { getModel } from "@/server/services/models/get-model";
import type { PublicModel } from "@/server/services/models/present-model";

/**
 * Renames a model. The title lives in the shared document, so the rename is applied there (and
 * reaches everyone in the room); the models table follows as its projection.
 */
export async function renameModel(
  db: Database,
  rooms: RoomManager,
  options: { modelId: string; userId: string; title: string },
): Promise<PublicModel> {
  const role = await getMemberRole(db, options);
  authorize(MEMBER, "model.rename", { kind: "model", role });
  // The title lives in the shared document, outside any database transaction: the record
  // comes first, so that a rename is never made without it.
  await recordAuditEvent(db, {
    actorId: options.userId,
    action: "model.renamed",
    modelId: options.modelId,
    detail: { title: options.title },
  });
  await rooms.change(options.modelId, (doc) => setTitle(doc, options.title));
  return getModel(db, options);
}
