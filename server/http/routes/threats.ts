import { z } from "zod";
import { AppError } from "@/lib/errors";
import { listDiagrams } from "@/lib/model/diagrams";
import { listElements } from "@/lib/model/elements";
import { listFlows } from "@/lib/model/flows";
import { getDreadScale } from "@/lib/model/meta";
import {
  addMitigation,
  getMitigation,
  linkThreat,
  listMitigations,
  newMitigationInputSchema,
  unlinkThreat,
} from "@/lib/model/mitigations";
import {
  DEFAULT_THREAT_QUERY,
  filterThreats,
  REVIEW_FILTERS,
  sortThreats,
  THREAT_SORTS,
} from "@/lib/model/threat-query";
import { buildThreatTargetIndex } from "@/lib/model/threat-targets";
import {
  addThreat,
  getThreat,
  listThreats,
  STRIDE_CATEGORIES,
  THREAT_SEVERITIES,
  THREAT_STATUSES,
  updateThreat,
  type NewThreatInput,
  type ThreatPatch,
} from "@/lib/model/threats";
import type { ApiRequest } from "@/server/http/api-request";
import type { ApiResult } from "@/server/http/respond";
import { authorizeOnModel, type ModelAction } from "@/server/policies/policy";
import { getMemberRole } from "@/server/services/members/get-member-role";

/**
 * Threats and mitigations over HTTP, for CI jobs and scripts (session or API token): the
 * threat list's filters and order, reads, and changes written into the shared document
 * through the model's room, so everyone who has the model open sees them at once. The
 * document's own accessors validate every change, as they do for the workspace; the roles
 * are the workspace's (members read; owners, facilitators and editors write).
 */

const id = z.string().min(1).max(64);

const listQuery = z.object({
  search: z.string().max(200).default(""),
  category: z.enum([...STRIDE_CATEGORIES, "all"]).default("all"),
  status: z.enum([...THREAT_STATUSES, "all"]).default("all"),
  severity: z.enum([...THREAT_SEVERITIES, "unrated", "all"]).default("all"),
  review: z.enum(REVIEW_FILTERS).default("all"),
  target: z.string().max(64).default("all"),
  diagram: z.string().max(64).default("all"),
  sort: z.enum(THREAT_SORTS).default("newest"),
  limit: z.coerce.number().int().min(1).max(1_000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The actor and model in the path, allowed `action`. */
async function actorOn(req: ApiRequest, action: ModelAction) {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  authorizeOnModel(await getMemberRole(req.runtime.db, { modelId, userId: actor.user.id }), action);
  return { modelId, userId: actor.user.id };
}

function pathParam(req: ApiRequest, name: string): string {
  const parsed = id.safeParse(req.params[name]);
  if (!parsed.success) throw new AppError("not_found", `No such ${name.replace(/Id$/, "")}`);
  return parsed.data;
}

/**
 * GET /api/models/:id/threats?search=&category=&status=&severity=&review=&target=&diagram=
 * &sort=&limit=&offset=: the threats that pass every filter, in the chosen order, a page at a
 * time (`nextOffset` null on the last page).
 */
export async function getThreats(req: ApiRequest): Promise<ApiResult> {
  const { modelId } = await actorOn(req, "model.read");
  const query = req.query(listQuery);
  const page = await req.runtime.rooms.read(modelId, (doc) => {
    const targets = buildThreatTargetIndex(listElements(doc), listFlows(doc), listDiagrams(doc));
    const filtered = filterThreats(
      listThreats(doc),
      { ...DEFAULT_THREAT_QUERY, ...query },
      targets,
    );
    const sorted = sortThreats(filtered, query.sort, getDreadScale(doc));
    return {
      total: sorted.length,
      threats: sorted.slice(query.offset, query.offset + query.limit),
    };
  });
  const next = query.offset + page.threats.length;
  return {
    status: 200,
    body: { threats: page.threats, total: page.total, nextOffset: next < page.total ? next : null },
  };
}

/** GET /api/models/:id/threats/:threatId: one threat with its mitigations. */
export async function getOneThreat(req: ApiRequest): Promise<ApiResult> {
  const { modelId } = await actorOn(req, "model.read");
  const threatId = pathParam(req, "threatId");
  const found = await req.runtime.rooms.read(modelId, (doc) => {
    const threat = getThreat(doc, threatId);
    if (!threat) return null;
    return {
      threat,
      mitigations: listMitigations(doc).filter((m) => m.threatIds.includes(threatId)),
    };
  });
  if (!found) throw new AppError("not_found", "No such threat");
  return { status: 200, body: found };
}

/**
 * POST /api/models/:id/threats {title, category, targetId?, description?, severity?, ...}: a
 * threat written into the document (attached to an element or flow with `targetId`).
 */
export async function postThreat(req: ApiRequest): Promise<ApiResult> {
  const { modelId, userId } = await actorOn(req, "model.edit-document");
  const input = await req.body(z.record(z.string(), z.unknown()));
  let created: unknown = null;
  await req.runtime.rooms.change(modelId, (doc) => {
    // The document's accessor validates the input (types, lengths, target, DREAD scale).
    const threatId = addThreat(doc, { ...input, origin: undefined } as NewThreatInput, userId);
    created = getThreat(doc, threatId);
  });
  return { status: 201, body: { threat: created } };
}

/** PATCH /api/models/:id/threats/:threatId {fields}: changes the fields given. */
export async function patchThreat(req: ApiRequest): Promise<ApiResult> {
  const { modelId } = await actorOn(req, "model.edit-document");
  const threatId = pathParam(req, "threatId");
  const patch = await req.body(z.record(z.string(), z.unknown()));
  let updated: unknown = null;
  await req.runtime.rooms.change(modelId, (doc) => {
    updateThreat(doc, threatId, patch as ThreatPatch);
    updated = getThreat(doc, threatId);
  });
  return { status: 200, body: { threat: updated } };
}

/** GET /api/models/:id/mitigations: every mitigation, with the threats it addresses. */
export async function getMitigations(req: ApiRequest): Promise<ApiResult> {
  const { modelId } = await actorOn(req, "model.read");
  const mitigations = await req.runtime.rooms.read(modelId, (doc) => listMitigations(doc));
  return { status: 200, body: { mitigations } };
}

/** POST /api/models/:id/mitigations {title, threatIds?, ...}: a mitigation in the document. */
export async function postMitigation(req: ApiRequest): Promise<ApiResult> {
  const { modelId, userId } = await actorOn(req, "model.edit-document");
  const input = await req.body(newMitigationInputSchema);
  let created: unknown = null;
  await req.runtime.rooms.change(modelId, (doc) => {
    created = getMitigation(doc, addMitigation(doc, input, userId));
  });
  return { status: 201, body: { mitigation: created } };
}

/**
 * PUT /api/models/:id/threats/:threatId/mitigations/:mitigationId links a mitigation to the
 * threat; DELETE unlinks it.
 */
export async function putThreatMitigation(req: ApiRequest): Promise<ApiResult> {
  return changeLink(req, true);
}

export async function deleteThreatMitigation(req: ApiRequest): Promise<ApiResult> {
  return changeLink(req, false);
}

async function changeLink(req: ApiRequest, isLinked: boolean): Promise<ApiResult> {
  const { modelId } = await actorOn(req, "model.edit-document");
  const threatId = pathParam(req, "threatId");
  const mitigationId = pathParam(req, "mitigationId");
  let mitigation: unknown = null;
  await req.runtime.rooms.change(modelId, (doc) => {
    if (!getMitigation(doc, mitigationId)) throw new AppError("not_found", "No such mitigation");
    if (isLinked) linkThreat(doc, mitigationId, threatId);
    else unlinkThreat(doc, mitigationId, threatId);
    mitigation = getMitigation(doc, mitigationId);
  });
  return { status: 200, body: { mitigation } };
}
