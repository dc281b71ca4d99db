import { exportNativeModel } from "@/lib/interop/native/model-file";
import { encodeIntegratedState } from "@/server/collab/integrated-state";
import type { ApiRequest } from "@/server/http/api-request";
import type { ApiResult } from "@/server/http/respond";
import { authorizeOnModel } from "@/server/policies/policy";
import { getMemberRole } from "@/server/services/members/get-member-role";

/** A file name from a model's title: letters, digits and dashes only. */
export function fileNameOf(title: string, suffix: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return `${base || "threat-model"}${suffix}`;
}

/**
 * GET /api/models/:id/export: the model as our own model file (lib/interop/native), which
 * POST /api/models/import takes back exactly; every member may export.
 */
export async function getModelExport(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  authorizeOnModel(
    await getMemberRole(req.runtime.db, { modelId, userId: actor.user.id }),
    "model.read",
  );
  const file = await req.runtime.rooms.read(modelId, (doc) =>
    exportNativeModel(doc, encodeIntegratedState(doc)),
  );
  return {
    status: 200,
    body: file,
    headers: {
      "Content-Disposition": `attachment; filename="${fileNameOf(file.title, ".threat-room.json")}"`,
    },
  };
}
