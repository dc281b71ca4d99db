import { countModelContents } from "@/lib/model/contents";
import { listVersions } from "@/server/services/versions/versions";
import {
  createModelInput,
  listModelsQuery,
  replaceMembersInput,
  updateModelInput,
} from "@/lib/api/schemas";
import { buildThreatRoomExample, EXAMPLE_TITLE } from "@/lib/examples/threat-room-model";
import { MAX_IMPORT_BYTES } from "@/lib/interop/read-import";
import { readBody, type ApiRequest } from "@/server/http/api-request";
import type { ApiResult } from "@/server/http/respond";
import { authorize, authorizeOnModel, MEMBER } from "@/server/policies/policy";
import { getMemberRole } from "@/server/services/members/get-member-role";
import { listMembers } from "@/server/services/members/list-members";
import { replaceMembers } from "@/server/services/members/replace-members";
import { createModel } from "@/server/services/models/create-model";
import { deleteModel } from "@/server/services/models/delete-model";
import { getModel } from "@/server/services/models/get-model";
import { importModel } from "@/server/services/models/import-model";
import { listModels } from "@/server/services/models/list-models";
import { renameModel } from "@/server/services/models/rename-model";

/** GET /api/models?limit=&offset= */
export async function getModels(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const page = req.query(listModelsQuery);
  return { status: 200, body: await listModels(req.runtime.db, actor.user.id, page) };
}

/** POST /api/models */
export async function postModel(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  authorize(MEMBER, "instance.create-model", { kind: "instance" });
  const input = await req.body(createModelInput);
  const model = await createModel(req.runtime.db, {
    ownerId: actor.user.id,
    title: input.title,
    hourlyLimit: req.runtime.env.MAX_MODELS_PER_USER_PER_HOUR,
  });
  return { status: 201, body: { model } };
}

/**
 * POST /api/models/import: a new model from another tool's file, sent as the body (Threat
 * Dragon v1 or v2 JSON); answers the model and the import's report.
 */
export async function postModelImport(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  authorize(MEMBER, "instance.create-model", { kind: "instance" });
  const bytes = await readBody(req.raw, MAX_IMPORT_BYTES);
  const { model, report } = await importModel(req.runtime.db, {
    ownerId: actor.user.id,
    bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    hourlyLimit: req.runtime.env.MAX_MODELS_PER_USER_PER_HOUR,
  });
  return { status: 201, body: { model, report } };
}

/**
 * POST /api/models/examples/threat-room: a new model, owned by the caller, holding this
 * product's own threat model (lib/examples), to look around in or to start from.
 */
export async function postExampleModel(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  authorize(MEMBER, "instance.create-model", { kind: "instance" });
  const model = await createModel(req.runtime.db, {
    ownerId: actor.user.id,
    title: EXAMPLE_TITLE,
    hourlyLimit: req.runtime.env.MAX_MODELS_PER_USER_PER_HOUR,
    populate: (doc) => buildThreatRoomExample(doc, actor.user.id),
    auditDetail: { example: "threat-room" },
  });
  return { status: 201, body: { model } };
}

/** GET /api/models/:id */
export async function getOneModel(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  return {
    status: 200,
    body: { model: await getModel(req.runtime.db, { modelId, userId: actor.user.id }) },
  };
}

/**
 * GET /api/models/:id/contents: how much the model holds (diagrams, elements, flows, threats,
 * mitigations, notes, saved versions), e.g. to say what deleting it deletes (members).
 */
export async function getModelContents(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  authorizeOnModel(
    await getMemberRole(req.runtime.db, { modelId, userId: actor.user.id }),
    "model.read",
  );
  const contents = await req.runtime.rooms.read(modelId, (doc) => countModelContents(doc));
  const versions = (await listVersions(req.runtime.db, modelId)).length;
  return { status: 200, body: { contents, versions } };
}

/** PATCH /api/models/:id */
export async function patchModel(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  const input = await req.body(updateModelInput);
  const model = await renameModel(req.runtime.db, req.runtime.rooms, {
    modelId,
    userId: actor.user.id,
    title: input.title,
  });
  return { status: 200, body: { model } };
}

/** DELETE /api/models/:id */
export async function deleteOneModel(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  await deleteModel(req.runtime.db, req.runtime.rooms, { modelId, userId: actor.user.id });
  return { status: 204 };
}

/** GET /api/models/:id/members */
export async function getMembers(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  authorize(MEMBER, "model.read", {
    kind: "model",
    role: await getMemberRole(req.runtime.db, { modelId, userId: actor.user.id }),
  });
  return { status: 200, body: { members: await listMembers(req.runtime.db, modelId) } };
}

/** PUT /api/models/:id/members: replace the member list; removed members are disconnected. */
export async function putMembers(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  const input = await req.body(replaceMembersInput);
  const members = await replaceMembers(req.runtime.db, {
    modelId,
    userId: actor.user.id,
    members: input.members,
  });
  await req.runtime.rooms.reportAccessChanged(modelId);
  return { status: 200, body: { members } };
}
