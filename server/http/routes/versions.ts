import { z } from "zod";
import { AppError } from "@/lib/errors";
import { singleLineTextSchema } from "@/lib/text";
import { getContext } from "@/lib/model/context";
import { notesText } from "@/lib/model/diff";
import { listDiagrams } from "@/lib/model/diagrams";
import { listElements } from "@/lib/model/elements";
import { listFlows } from "@/lib/model/flows";
import { getMeta } from "@/lib/model/meta";
import { listMitigations } from "@/lib/model/mitigations";
import { listThreats } from "@/lib/model/threats";
import type { ApiRequest } from "@/server/http/api-request";
import type { ApiResult } from "@/server/http/respond";
import { authorizeOnModel } from "@/server/policies/policy";
import { getMemberRole } from "@/server/services/members/get-member-role";
import {
  diffVersions,
  listVersions,
  readVersionDocument,
  readVersionState,
  restoreVersion,
  saveVersion,
} from "@/server/services/versions/versions";

const saveVersionInput = z.object({ label: singleLineTextSchema(200) });
const versionIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const diffQuery = z.object({
  from: versionIdSchema,
  /** A version id, or "now" (the default) for the document as it is. */
  to: z.union([z.literal("now"), versionIdSchema]).default("now"),
});

function versionIdOf(req: ApiRequest): number {
  const parsed = versionIdSchema.safeParse(req.params.versionId);
  if (!parsed.success) throw new AppError("not_found", "No such version");
  return parsed.data;
}

async function roleIn(req: ApiRequest, modelId: string, userId: string) {
  return getMemberRole(req.runtime.db, { modelId, userId });
}

/** GET /api/models/:id/versions: the model's versions, newest first. */
export async function getVersions(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  authorizeOnModel(await roleIn(req, modelId, actor.user.id), "model.read");
  return { status: 200, body: { versions: await listVersions(req.runtime.db, modelId) } };
}

/** POST /api/models/:id/versions {label}: saves the document as it is now under a name. */
export async function postVersion(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  authorizeOnModel(await roleIn(req, modelId, actor.user.id), "model.save-version");
  const input = await req.body(saveVersionInput);
  const version = await saveVersion(req.runtime.db, req.runtime.rooms, {
    modelId,
    userId: actor.user.id,
    label: input.label,
    kind: "named",
  });
  return { status: 201, body: { version } };
}

/**
 * GET /api/models/:id/versions/:versionId: one version, read-only, with the model as it was
 * (diagrams, elements, flows, threats, mitigations, context and the notes as text).
 */
export async function getOneVersion(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  authorizeOnModel(await roleIn(req, modelId, actor.user.id), "model.read");
  const { summary, doc } = await readVersionDocument(req.runtime.db, modelId, versionIdOf(req));
  try {
    const { schemaVersion: _schemaVersion, ...meta } = getMeta(doc);
    return {
      status: 200,
      body: {
        version: summary,
        model: {
          ...meta,
          diagrams: listDiagrams(doc),
          elements: listElements(doc),
          flows: listFlows(doc),
          threats: listThreats(doc),
          mitigations: listMitigations(doc),
          context: getContext(doc),
          notes: notesText(doc),
        },
      },
    };
  } finally {
    doc.destroy();
  }
}

/**
 * GET /api/models/:id/versions/:versionId/state: the version's Yjs state (base64), or the
 * document's as it is now for `now`: the browser opens it read-only in the workspace's views.
 */
export async function getVersionState(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  authorizeOnModel(await roleIn(req, modelId, actor.user.id), "model.read");
  const versionId = req.params.versionId === "now" ? null : versionIdOf(req);
  const { summary, state } = await readVersionState(
    req.runtime.db,
    req.runtime.rooms,
    modelId,
    versionId,
  );
  return {
    status: 200,
    body: { version: summary, state: Buffer.from(state).toString("base64") },
  };
}

/** POST /api/models/:id/versions/:versionId/restore: restores it as a new change, live. */
export async function postRestoreVersion(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  authorizeOnModel(await roleIn(req, modelId, actor.user.id), "model.restore-version");
  const result = await restoreVersion(req.runtime.db, req.runtime.rooms, {
    modelId,
    versionId: versionIdOf(req),
    userId: actor.user.id,
  });
  return { status: 200, body: result };
}

/** GET /api/models/:id/diff?from=&to=: field-by-field changes between versions, or to now. */
export async function getDiff(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  authorizeOnModel(await roleIn(req, modelId, actor.user.id), "model.read");
  const query = req.query(diffQuery);
  const diff = await diffVersions(req.runtime.db, req.runtime.rooms, {
    modelId,
    fromId: query.from,
    toId: query.to === "now" ? null : query.to,
  });
  return { status: 200, body: { diff } };
}
