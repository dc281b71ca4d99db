import {
  deleteThreatMitigation,
  getMitigations,
  getOneThreat,
  getThreats,
  patchThreat,
  postMitigation,
  postThreat,
  putThreatMitigation,
} from "@/server/http/routes/threats";
import { getModelExport, getModelReport } from "@/server/http/routes/export";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { idSchema } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";
import { authenticate, type Actor } from "@/server/auth/authenticate";
import { isOriginAllowed } from "@/server/auth/origin";
import { parseJsonBody, type ApiRequest } from "@/server/http/api-request";
import { errorResult, sendResult, type ApiResult } from "@/server/http/respond";
import {
  deleteOneModel,
  getMembers,
  getModelContents,
  getModels,
  getOneModel,
  postModelImport,
  postExampleModel,
  patchModel,
  postModel,
  putMembers,
} from "@/server/http/routes/models";
import {
  deleteOneRuleSet,
  getOneRuleSet,
  getRuleSetExport,
  getRuleSets,
  patchRuleSet,
  postRuleSet,
  postRuleSetImport,
} from "@/server/http/routes/rule-sets";
import { deleteToken, getTokens, postToken } from "@/server/http/routes/tokens";
import {
  deleteUserSessions,
  getMe,
  postEmailVerification,
  postPassword,
  postUser,
  postVerificationEmail,
} from "@/server/http/routes/users";
import { getHealth } from "@/server/http/routes/health";
import { getActivity } from "@/server/http/routes/activity";
import {
  getModelSession,
  postModelSession,
  postParkedIdea,
  postSessionCommand,
  putHand,
  putVote,
  getModelSessions,
  getModelSessionById,
} from "@/server/http/routes/session";
import { getAuditEvents, postAuditVerification } from "@/server/http/routes/audit";
import {
  getDiff,
  getOneVersion,
  getVersions,
  getVersionState,
  postRestoreVersion,
  postVersion,
} from "@/server/http/routes/versions";
import type { Runtime } from "@/server/runtime";
import {
  deleteInvitation,
  getInvitationByToken,
  getInvitations,
  getReviews,
  postInvitation,
  postInvitationAccept,
  postReview,
  postReviewDecision,
} from "@/server/http/routes/review";
import {
  getMessageEdits,
  getModelThreads,
  getOneThread,
  patchOneThread,
  patchThreadMessage,
  postModelThread,
  postThreadMessage,
  postThreadRead,
} from "@/server/http/routes/threads";
import {
  getEvents,
  getInbox,
  getInboxCount,
  getNotifications,
  postInboxArchive,
  postInboxRead,
  putNotifications,
} from "@/server/http/routes/inbox";
import { clientAddressOf, publicUrlOf } from "@/server/http/request-info";

type Handler = (req: ApiRequest) => Promise<ApiResult>;
type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** The API's routes: path pattern (":name" captures a segment) -> method -> handler. */
const ROUTES: [string, Partial<Record<Method, Handler>>][] = [
  ["/api/health", { GET: getHealth }],
  ["/api/users", { POST: postUser }],
  ["/api/users/me", { GET: getMe }],
  ["/api/users/me/verification-email", { POST: postVerificationEmail }],
  ["/api/users/me/password", { POST: postPassword }],
  ["/api/users/me/notifications", { GET: getNotifications, PUT: putNotifications }],
  ["/api/users/:id/sessions", { DELETE: deleteUserSessions }],
  ["/api/events", { GET: getEvents }],
  ["/api/inbox", { GET: getInbox }],
  ["/api/inbox/count", { GET: getInboxCount }],
  ["/api/inbox/read", { POST: postInboxRead }],
  ["/api/inbox/archive", { POST: postInboxArchive }],
  ["/api/threads/:id", { GET: getOneThread, PATCH: patchOneThread }],
  ["/api/threads/:id/read", { POST: postThreadRead }],
  ["/api/threads/:id/messages", { POST: postThreadMessage }],
  ["/api/threads/:id/messages/:messageId", { PATCH: patchThreadMessage }],
  ["/api/threads/:id/messages/:messageId/edits", { GET: getMessageEdits }],
  ["/api/email-verifications", { POST: postEmailVerification }],
  ["/api/audit", { GET: getAuditEvents }],
  ["/api/audit/verify", { POST: postAuditVerification }],
  ["/api/tokens", { GET: getTokens, POST: postToken }],
  ["/api/tokens/:id", { DELETE: deleteToken }],
  ["/api/models", { GET: getModels, POST: postModel }],
  ["/api/models/import", { POST: postModelImport }],
  ["/api/models/examples/threat-room", { POST: postExampleModel }],
  ["/api/models/:id", { GET: getOneModel, PATCH: patchModel, DELETE: deleteOneModel }],
  ["/api/models/:id/members", { GET: getMembers, PUT: putMembers }],
  ["/api/models/:id/contents", { GET: getModelContents }],
  ["/api/models/:id/threats", { GET: getThreats, POST: postThreat }],
  ["/api/models/:id/threats/:threatId", { GET: getOneThreat, PATCH: patchThreat }],
  [
    "/api/models/:id/threats/:threatId/mitigations/:mitigationId",
    { PUT: putThreatMitigation, DELETE: deleteThreatMitigation },
  ],
  ["/api/models/:id/mitigations", { GET: getMitigations, POST: postMitigation }],
  ["/api/models/:id/export", { GET: getModelExport }],
  ["/api/models/:id/report", { GET: getModelReport }],
  ["/api/models/:id/versions", { GET: getVersions, POST: postVersion }],
  ["/api/models/:id/versions/:versionId", { GET: getOneVersion }],
  ["/api/models/:id/versions/:versionId/state", { GET: getVersionState }],
  ["/api/models/:id/versions/:versionId/restore", { POST: postRestoreVersion }],
  ["/api/models/:id/diff", { GET: getDiff }],
  ["/api/models/:id/activity", { GET: getActivity }],
  ["/api/models/:id/threads", { GET: getModelThreads, POST: postModelThread }],
  ["/api/models/:id/invitations", { GET: getInvitations, POST: postInvitation }],
  ["/api/models/:id/invitations/:invitationId", { DELETE: deleteInvitation }],
  ["/api/models/:id/reviews", { GET: getReviews, POST: postReview }],
  ["/api/models/:id/reviews/:reviewId/decision", { POST: postReviewDecision }],
  ["/api/invitations/:token", { GET: getInvitationByToken }],
  ["/api/invitations/:token/accept", { POST: postInvitationAccept }],
  ["/api/models/:id/session", { GET: getModelSession, POST: postModelSession }],
  ["/api/models/:id/session/commands", { POST: postSessionCommand }],
  ["/api/models/:id/session/parking-lot", { POST: postParkedIdea }],
  ["/api/models/:id/session/hand", { PUT: putHand }],
  ["/api/models/:id/session/vote", { PUT: putVote }],
  ["/api/models/:id/sessions", { GET: getModelSessions }],
  ["/api/models/:id/sessions/:sessionId", { GET: getModelSessionById }],
  ["/api/rule-sets", { GET: getRuleSets, POST: postRuleSet }],
  ["/api/rule-sets/import", { POST: postRuleSetImport }],
  ["/api/rule-sets/:id", { GET: getOneRuleSet, PATCH: patchRuleSet, DELETE: deleteOneRuleSet }],
  ["/api/rule-sets/:id/export", { GET: getRuleSetExport }],
];

function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = path.replace(/\/+$/, "").split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] ?? "";
    const value = got[i] ?? "";
    if (segment.startsWith(":")) {
      try {
        params[segment.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (segment !== value) return null;
  }
  return params;
}

/** True for paths this router answers: all of /api except next-auth's /api/auth. */
export function isApiPath(pathname: string): boolean {
  return (
    (pathname === "/api" || pathname.startsWith("/api/")) && !pathname.startsWith("/api/auth/")
  );
}

/**
 * Answers one API request: authenticate lazily, refuse cross-site state changes, route,
 * run the handler, and map any error to `{ error: { code, message } }`.
 */
export async function handleApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  runtime: Runtime,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const method = (req.method ?? "GET").toUpperCase();
  let result: ApiResult;
  try {
    result = await route(req, url, method, runtime);
  } catch (error) {
    result = errorResult(error, { method, path: url.pathname });
  }
  if (!res.headersSent) sendResult(res, result);
}

async function route(
  req: IncomingMessage,
  url: URL,
  method: string,
  runtime: Runtime,
): Promise<ApiResult> {
  for (const [pattern, handlers] of ROUTES) {
    const params = match(pattern, url.pathname);
    if (!params) continue;
    const handler = method === "HEAD" ? handlers.GET : handlers[method as Method];
    if (!handler) {
      const allowed = Object.keys(handlers).join(", ");
      const result = errorResult(
        new AppError("method_not_allowed", `${method} is not supported here; use ${allowed}`),
        {},
      );
      return { ...result, headers: { ...result.headers, Allow: allowed } };
    }
    const publicUrl = publicUrlOf(runtime.env);
    const isStateChange = method !== "GET" && method !== "HEAD";
    if (isStateChange && req.headers.authorization === undefined) {
      const originOptions = {
        publicUrl,
        trustedOrigins: runtime.env.TRUSTED_ORIGINS,
        isTls: publicUrl.startsWith("https:"),
      };
      if (!isOriginAllowed(req.headers, originOptions)) {
        throw new AppError("forbidden", "Cross-site requests are not accepted");
      }
    }
    let actor: Promise<Actor | null> | undefined;
    const optionalActor = () =>
      (actor ??= authenticate(runtime.db, req.headers, {
        secret: runtime.env.NEXTAUTH_SECRET ?? "",
        secureCookie: publicUrl.startsWith("https:"),
      }));
    const apiRequest: ApiRequest = {
      method,
      url,
      params,
      raw: req,
      runtime,
      clientAddress: clientAddressOf(req, runtime.env),
      optionalActor,
      requireActor: async () => {
        const found = await optionalActor();
        if (!found) throw new AppError("unauthorized", "Sign in or send a valid API token");
        return found;
      },
      body: (schema) => parseJsonBody(req, schema),
      pathId: () => z.object({ id: idSchema }).parse(params).id,
      query: (schema) => schema.parse(Object.fromEntries(url.searchParams)),
    };
    return handler(apiRequest);
  }
  throw new AppError("not_found", "No such API route");
}
