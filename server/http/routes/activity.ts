import { z } from "zod";
import type { ApiRequest } from "@/server/http/api-request";
import type { ApiResult } from "@/server/http/respond";
import { authorizeOnModel } from "@/server/policies/policy";
import { listActivity } from "@/server/services/activity/list-activity";
import { getMemberRole } from "@/server/services/members/get-member-role";

const activityQuery = z.object({
  /** An ISO time: entries before it (a page's `nextBefore`). */
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * GET /api/models/:id/activity?before=&limit=: who changed what in the model, per person and
 * minute, newest first (members only).
 */
export async function getActivity(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  const role = await getMemberRole(req.runtime.db, { modelId, userId: actor.user.id });
  authorizeOnModel(role, "model.read");
  const query = req.query(activityQuery);
  // What this node's clients changed in the last seconds is still buffered: write it first.
  // Other nodes write theirs within ACTIVITY_WRITE_MS (server/collab/update-log.ts).
  await req.runtime.rooms.peek(modelId)?.writeActivity();
  const page = await listActivity(req.runtime.db, {
    modelId,
    before: query.before ? new Date(query.before) : null,
    limit: query.limit,
  });
  return { status: 200, body: page };
}
