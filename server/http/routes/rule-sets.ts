import { createRuleSetInput, updateRuleSetInput } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";
import { MAX_TEMPLATE_BYTES } from "@/lib/interop/tmt/tb7";
import { contentTypeOf, readBody, type ApiRequest } from "@/server/http/api-request";
import type { ApiResult } from "@/server/http/respond";
import { authorize } from "@/server/policies/policy";
import { createRuleSet } from "@/server/services/rule-sets/create-rule-set";
import { deleteRuleSet } from "@/server/services/rule-sets/delete-rule-set";
import { exportRuleSet } from "@/server/services/rule-sets/export-rule-set";
import { getRuleSet } from "@/server/services/rule-sets/get-rule-set";
import { importRuleSet } from "@/server/services/rule-sets/import-rule-set";
import type { RuleSetFile } from "@/server/services/rule-sets/read-rule-set-file";
import { listRuleSets } from "@/server/services/rule-sets/list-rule-sets";
import { updateRuleSet } from "@/server/services/rule-sets/update-rule-set";
import { checkRuleSetAdmin } from "@/server/services/users/check-rule-set-admin";

const XML_TYPES: ReadonlySet<string> = new Set(["application/xml", "text/xml"]);

/** The signed-in actor, allowed to manage rule sets; 401 or 403 otherwise. */
async function requireRuleSetAdmin(req: ApiRequest) {
  const actor = await req.requireActor();
  const isAdmin = await checkRuleSetAdmin(req.runtime.db, {
    user: actor.user,
    adminEmails: req.runtime.env.ADMIN_EMAILS,
  });
  authorize({ isRuleSetAdmin: isAdmin }, "rule-sets.manage", { kind: "rule-sets" });
  return actor;
}

/** GET /api/rule-sets: the organisation's rule sets, for everyone signed in. */
export async function getRuleSets(req: ApiRequest): Promise<ApiResult> {
  await req.requireActor();
  return { status: 200, body: { ruleSets: await listRuleSets(req.runtime.db) } };
}

/** POST /api/rule-sets (administrators) */
export async function postRuleSet(req: ApiRequest): Promise<ApiResult> {
  const actor = await requireRuleSetAdmin(req);
  const input = await req.body(createRuleSetInput);
  const ruleSet = await createRuleSet(req.runtime.db, { userId: actor.user.id, ...input });
  return { status: 201, body: { ruleSet } };
}

/** GET /api/rule-sets/:id */
export async function getOneRuleSet(req: ApiRequest): Promise<ApiResult> {
  await req.requireActor();
  return { status: 200, body: { ruleSet: await getRuleSet(req.runtime.db, req.pathId()) } };
}

/** PATCH /api/rule-sets/:id (administrators) */
export async function patchRuleSet(req: ApiRequest): Promise<ApiResult> {
  const actor = await requireRuleSetAdmin(req);
  const ruleSetId = req.pathId();
  const changes = await req.body(updateRuleSetInput);
  const ruleSet = await updateRuleSet(req.runtime.db, {
    userId: actor.user.id,
    ruleSetId,
    changes,
  });
  return { status: 200, body: { ruleSet } };
}

/** DELETE /api/rule-sets/:id (administrators) */
export async function deleteOneRuleSet(req: ApiRequest): Promise<ApiResult> {
  const actor = await requireRuleSetAdmin(req);
  await deleteRuleSet(req.runtime.db, { userId: actor.user.id, ruleSetId: req.pathId() });
  return { status: 204 };
}

/** GET /api/rule-sets/:id/export: the rule set as a JSON file to download. */
export async function getRuleSetExport(req: ApiRequest): Promise<ApiResult> {
  await req.requireActor();
  const ruleSetId = req.pathId();
  const file = await exportRuleSet(req.runtime.db, ruleSetId);
  return {
    status: 200,
    body: file,
    headers: { "Content-Disposition": `attachment; filename="rule-set-${ruleSetId}.json"` },
  };
}

/**
 * POST /api/rule-sets/import (administrators): our JSON export as application/json, or a
 * Microsoft TMT template as application/xml; at most 10 MiB either way.
 */
export async function postRuleSetImport(req: ApiRequest): Promise<ApiResult> {
  const actor = await requireRuleSetAdmin(req);
  const type = contentTypeOf(req.raw);
  let kind: RuleSetFile["kind"];
  if (type === "application/json") kind = "json";
  else if (XML_TYPES.has(type)) kind = "tb7";
  else {
    throw new AppError(
      "unsupported_media_type",
      "Send a rule set export as application/json or a .tb7 template as application/xml",
    );
  }
  const bytes = await readBody(req.raw, MAX_TEMPLATE_BYTES);
  const result = await importRuleSet(req.runtime.db, {
    userId: actor.user.id,
    file: { kind, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
  });
  return { status: 201, body: result };
}
