import { z } from "zod";
import type { Role } from "@/lib/model/roles";
import type { Rule } from "@/lib/stride/rule-types";
import { requestJson, requestNoContent } from "./api-client";
import { CURRENT_USER_PATH, modelApiPath } from "./api-paths";
import {
  createdTokenResponseSchema,
  currentUserResponseSchema,
  ruleSetListResponseSchema,
  ruleSetResponseSchema,
  type CurrentUser,
  type OrganisationRuleSet,
  memberListResponseSchema,
  modelListResponseSchema,
  modelResponseSchema,
  modelSummarySchema,
  tokenListResponseSchema,
  userResponseSchema,
  signUpResponseSchema,
  verificationEmailResponseSchema,
  passwordChangeResponseSchema,
  versionListResponseSchema,
  auditPageResponseSchema,
  auditVerificationSchema,
  type AuditPage,
  type AuditVerification,
  versionResponseSchema,
  versionStateResponseSchema,
  activityPageSchema,
  type ActivityPage,
  facilitationSessionResponseSchema,
  type FacilitationSession,
  diffResponseSchema,
  type DocumentDiffView,
  type Version,
  type ApiToken,
  type Member,
  type ModelSummary,
  type User,
} from "./schemas";

/** Typed calls of the HTTP API used by the UI; each throws ApiError on failure. */

/** Creates an account; does not sign in. */
export async function createUser(input: {
  email: string;
  name: string;
  password: string;
}): Promise<{ user: User; signInTicket: string }> {
  return requestJson("/api/users", signUpResponseSchema, { method: "POST", body: input });
}

/** The signed-in user and whether they administer rule sets. */
export async function fetchCurrentUserAccess(signal?: AbortSignal): Promise<CurrentUser> {
  return requestJson(CURRENT_USER_PATH, currentUserResponseSchema, { signal });
}

/** Emails the signed-in user the confirmation link again; answers the address it went to. */
export async function resendVerificationEmail(): Promise<string> {
  const { sentTo } = await requestJson(
    "/api/users/me/verification-email",
    verificationEmailResponseSchema,
    { method: "POST" },
  );
  return sentTo;
}

/** Confirms an email address with the token of the emailed link. */
export async function confirmEmail(token: string): Promise<User> {
  const { user } = await requestJson("/api/email-verifications", userResponseSchema, {
    method: "POST",
    body: { token },
  });
  return user;
}

/** Changes the signed-in user's password; answers how many other sessions were signed out. */
export async function changePassword(input: {
  currentPassword: string;
  newPassword: string;
}): Promise<number> {
  const { signedOut } = await requestJson("/api/users/me/password", passwordChangeResponseSchema, {
    method: "POST",
    body: input,
  });
  return signedOut;
}

/** The signed-in user; `early`: see RequestOptions (the workspace's first load). */
export async function fetchCurrentUser(
  signal?: AbortSignal,
  { early = false }: { early?: boolean } = {},
): Promise<User> {
  const { user } = await requestJson(CURRENT_USER_PATH, userResponseSchema, { signal, early });
  return user;
}

/** Every model the user is a member of, most recently updated first, read page by page. */
export async function listModels(signal?: AbortSignal): Promise<ModelSummary[]> {
  const all: ModelSummary[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const page: { models: ModelSummary[]; nextOffset: number | null } = await requestJson(
      `/api/models?offset=${offset}`,
      modelListResponseSchema,
      { signal },
    );
    all.push(...page.models);
    offset = page.nextOffset;
  }
  return all;
}

export async function createModel(title: string): Promise<ModelSummary> {
  const { model } = await requestJson("/api/models", modelResponseSchema, {
    method: "POST",
    body: { title },
  });
  return model;
}

/** A model with the user's role; `early`: see RequestOptions (the workspace's first load). */
export async function fetchModel(
  modelId: string,
  signal?: AbortSignal,
  { early = false }: { early?: boolean } = {},
): Promise<ModelSummary> {
  const { model } = await requestJson(modelApiPath(modelId), modelResponseSchema, {
    signal,
    early,
  });
  return model;
}

export async function renameModel(modelId: string, title: string): Promise<ModelSummary> {
  const { model } = await requestJson(modelApiPath(modelId), modelResponseSchema, {
    method: "PATCH",
    body: { title },
  });
  return model;
}

export async function deleteModel(modelId: string): Promise<void> {
  await requestNoContent(modelApiPath(modelId), { method: "DELETE" });
}

export async function listMembers(modelId: string, signal?: AbortSignal): Promise<Member[]> {
  const { members } = await requestJson(
    `${modelApiPath(modelId)}/members`,
    memberListResponseSchema,
    {
      signal,
    },
  );
  return members;
}

/** Replaces the whole member list; the API keeps at least one owner and rejects unknown emails. */
export async function replaceMembers(
  modelId: string,
  members: { email: string; role: Role }[],
): Promise<Member[]> {
  const result = await requestJson(`${modelApiPath(modelId)}/members`, memberListResponseSchema, {
    method: "PUT",
    body: { members },
  });
  return result.members;
}

export async function listTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  const { tokens } = await requestJson("/api/tokens", tokenListResponseSchema, { signal });
  return tokens;
}

/** Creates an API token; the secret is in this answer only and is never shown again. */
export async function createToken(
  name: string,
): Promise<z.infer<typeof createdTokenResponseSchema>> {
  return requestJson("/api/tokens", createdTokenResponseSchema, { method: "POST", body: { name } });
}

export async function revokeToken(tokenId: string): Promise<void> {
  await requestNoContent(`/api/tokens/${encodeURIComponent(tokenId)}`, { method: "DELETE" });
}

function ruleSetUrl(ruleSetId: string): string {
  return `/api/rule-sets/${encodeURIComponent(ruleSetId)}`;
}

/** The organisation's rule sets (built-in sets are not among them: see lib/stride). */
export async function listRuleSets(signal?: AbortSignal): Promise<OrganisationRuleSet[]> {
  const { ruleSets } = await requestJson("/api/rule-sets", ruleSetListResponseSchema, { signal });
  return ruleSets;
}

/** Creates an empty, enabled rule set (administrators only). */
export async function createRuleSet(name: string): Promise<OrganisationRuleSet> {
  const { ruleSet } = await requestJson("/api/rule-sets", ruleSetResponseSchema, {
    method: "POST",
    body: { name },
  });
  return ruleSet;
}

/**
 * Changes a rule set's name, rules or enabled flag (administrators only). With
 * `expectedUpdatedAt`, a set someone else changed meanwhile answers 409 instead.
 */
export async function updateRuleSet(
  ruleSetId: string,
  changes: { name?: string; rules?: Rule[]; isEnabled?: boolean; expectedUpdatedAt?: string },
): Promise<OrganisationRuleSet> {
  const { ruleSet } = await requestJson(ruleSetUrl(ruleSetId), ruleSetResponseSchema, {
    method: "PATCH",
    body: changes,
  });
  return ruleSet;
}

export async function deleteRuleSet(ruleSetId: string): Promise<void> {
  await requestNoContent(ruleSetUrl(ruleSetId), { method: "DELETE" });
}

/** Imports a rule set file: our JSON export (.json) or a Microsoft TMT template (.tb7). */
export async function importRuleSet(file: {
  name: string;
  text: string;
}): Promise<OrganisationRuleSet> {
  const isTemplate = file.name.toLowerCase().endsWith(".tb7");
  const { ruleSet } = await requestJson("/api/rule-sets/import", ruleSetResponseSchema, {
    method: "POST",
    file: { contentType: isTemplate ? "application/xml" : "application/json", text: file.text },
  });
  return ruleSet;
}

/** What an import did: counts of what arrived, what was kept as text, what was refused. */
const importReportSchema = z.object({
  mapped: z.object({
    diagrams: z.number(),
    elements: z.number(),
    flows: z.number(),
    threats: z.number(),
    mitigations: z.number(),
  }),
  keptAsText: z.array(z.string()),
  refused: z.array(z.string()),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** Creates a model holding this product's own threat model, to look around in. */
export async function createExampleModel(): Promise<ModelSummary> {
  const { model } = await requestJson(
    "/api/models/examples/threat-room",
    z.object({ model: modelSummarySchema }),
    { method: "POST" },
  );
  return model;
}

/** Creates a model from another tool's file (see POST /api/models/import). */
export async function importModelFile(file: {
  name: string;
  text: string;
}): Promise<{ model: ModelSummary; report: ImportReport }> {
  const isXml = /\.(tm7|xml)$/i.test(file.name);
  return requestJson(
    "/api/models/import",
    z.object({ model: modelSummarySchema, report: importReportSchema }),
    {
      method: "POST",
      file: { contentType: isXml ? "application/xml" : "application/json", text: file.text },
    },
  );
}

/** The address that downloads a rule set as JSON. */
export function getRuleSetExportUrl(ruleSetId: string): string {
  return `${ruleSetUrl(ruleSetId)}/export`;
}

/** The model's saved versions, newest first. */
export async function listVersions(modelId: string, signal?: AbortSignal): Promise<Version[]> {
  const { versions } = await requestJson(
    `${modelApiPath(modelId)}/versions`,
    versionListResponseSchema,
    {
      signal,
    },
  );
  return versions;
}

/**
 * A version's document state (a Yjs update) with its summary, or the document as it is now
 * (`"now"`, summary null), to open read-only.
 */
export async function fetchVersionState(
  modelId: string,
  versionId: number | "now",
  signal?: AbortSignal,
): Promise<{ version: Version | null; state: Uint8Array }> {
  const { version, state } = await requestJson(
    `${modelApiPath(modelId)}/versions/${versionId}/state`,
    versionStateResponseSchema,
    { signal },
  );
  return { version, state: Uint8Array.from(atob(state), (char) => char.charCodeAt(0)) };
}

/** Saves the model as it is now under a name. */
export async function saveVersion(modelId: string, label: string): Promise<Version> {
  const { version } = await requestJson(
    `${modelApiPath(modelId)}/versions`,
    versionResponseSchema,
    {
      method: "POST",
      body: { label },
    },
  );
  return version;
}

/** Restores a version as a new change everyone in the model receives. */
export async function restoreVersion(modelId: string, versionId: number): Promise<void> {
  await requestJson(`${modelApiPath(modelId)}/versions/${versionId}/restore`, z.unknown(), {
    method: "POST",
  });
}

/** What changed from a version to another one, or to now. */
export async function diffVersions(
  modelId: string,
  fromId: number,
  toId: number | "now",
  signal?: AbortSignal,
): Promise<DocumentDiffView> {
  const { diff } = await requestJson(
    `${modelApiPath(modelId)}/diff?from=${fromId}&to=${toId}`,
    diffResponseSchema,
    { signal },
  );
  return diff;
}

/** A page of the instance's audit trail, newest first (administrators). */
export async function listAuditEvents(
  beforeId: number | null,
  signal?: AbortSignal,
): Promise<AuditPage> {
  const query = beforeId === null ? "" : `?before=${beforeId}`;
  return requestJson(`/api/audit${query}`, auditPageResponseSchema, { signal });
}

/** Recomputes the audit trail's hash chain on the server. */
export async function verifyAuditTrail(): Promise<AuditVerification> {
  return requestJson("/api/audit/verify", auditVerificationSchema, { method: "POST" });
}

/** A page of the model's activity feed, newest first; `before` continues from `nextBefore`. */
export async function fetchActivity(
  modelId: string,
  before: string | null,
  signal?: AbortSignal,
): Promise<ActivityPage> {
  const query = before ? `?before=${encodeURIComponent(before)}` : "";
  return requestJson(`${modelApiPath(modelId)}/activity${query}`, activityPageSchema, { signal });
}

/** The model's running (or last) facilitated session; null when it never had one. */
/** One session of the model by id (its summary page). */
export async function fetchFacilitationSessionById(
  modelId: string,
  sessionId: string,
  signal?: AbortSignal,
): Promise<FacilitationSession | null> {
  const { session } = await requestJson(
    `${modelApiPath(modelId)}/sessions/${encodeURIComponent(sessionId)}`,
    facilitationSessionResponseSchema,
    { signal },
  );
  return session;
}

export async function fetchFacilitationSession(
  modelId: string,
  signal?: AbortSignal,
): Promise<FacilitationSession | null> {
  const { session } = await requestJson(
    `${modelApiPath(modelId)}/session`,
    facilitationSessionResponseSchema,
    { signal },
  );
  return session;
}

/** A call of the session API that answers with the session after the change. */
async function changeSession(
  modelId: string,
  path: string,
  method: "POST" | "PUT",
  body: unknown,
): Promise<FacilitationSession | null> {
  const { session } = await requestJson(
    `${modelApiPath(modelId)}/session${path}`,
    facilitationSessionResponseSchema,
    { method, body },
  );
  return session;
}

/** Starts a session (owners and facilitators). */
export function startFacilitationSession(modelId: string, scope: unknown = { kind: "model" }) {
  return changeSession(modelId, "", "POST", { scope });
}

/** Sends a facilitator's command (see server/http/routes/session.ts). */
export function sendSessionCommand(
  modelId: string,
  command: { type: string } & Record<string, unknown>,
) {
  return changeSession(modelId, "/commands", "POST", { command });
}

/** Parks an idea for later. */
export function parkSessionIdea(modelId: string, text: string) {
  return changeSession(modelId, "/parking-lot", "POST", { text });
}

/** Raises or lowers the signed-in user's hand. */
export function setSessionHand(modelId: string, isRaised: boolean) {
  return changeSession(modelId, "/hand", "PUT", { isRaised });
}

/** The signed-in user's secret vote on the threat being rated. */
export function castSessionVote(modelId: string, threatId: string, value: unknown) {
  return changeSession(modelId, "/vote", "PUT", { threatId, value });
}

const modelContentsSchema = z.object({
  contents: z.object({
    diagrams: z.number(),
    elements: z.number(),
    flows: z.number(),
    threats: z.number(),
    mitigations: z.number(),
    hasNotes: z.boolean(),
  }),
  versions: z.number(),
});

/** How much a model holds (see describeModelContents). */
export function fetchModelContents(modelId: string, signal?: AbortSignal) {
  return requestJson(`/api/models/${encodeURIComponent(modelId)}/contents`, modelContentsSchema, {
    signal,
  });
}
