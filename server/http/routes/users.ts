import { signUpInput } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";
import type { ApiRequest } from "@/server/http/api-request";
import type { ApiResult } from "@/server/http/respond";
import { checkRuleSetAdmin } from "@/server/services/users/check-rule-set-admin";
import { createUser } from "@/server/services/users/create-user";
import { authorize } from "@/server/policies/policy";
import { revokeSessions } from "@/server/services/sessions/revoke-sessions";

/** POST /api/users: sign up with email, name and password. */
export async function postUser(req: ApiRequest): Promise<ApiResult> {
  if (!req.runtime.signUpLimiter.hit(req.clientAddress)) {
    throw new AppError("rate_limited", "Too many sign-ups from this address; try again later");
  }
  const input = await req.body(signUpInput);
  const user = await createUser(req.runtime.db, input);
  return { status: 201, body: { user } };
}

/** GET /api/users/me: the signed-in user, and whether they administer rule sets. */
export async function getMe(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const isRuleSetAdmin = await checkRuleSetAdmin(req.runtime.db, {
    user: actor.user,
    adminEmails: req.runtime.env.ADMIN_EMAILS,
  });
  return { status: 200, body: { user: actor.user, isRuleSetAdmin } };
}

/**
 * DELETE /api/users/:id/sessions: signs the user out everywhere (every browser session revoked,
 * their websockets closed with 4401 on every node). `me` (or one's own id) for oneself;
 * administrators (ADMIN_EMAILS) for anyone. API tokens are not sessions: they are revoked apart.
 */
export async function deleteUserSessions(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const pathId = req.pathId();
  const userId = pathId === "me" ? actor.user.id : pathId;
  if (userId !== actor.user.id) {
    const isAdmin = await checkRuleSetAdmin(req.runtime.db, {
      user: actor.user,
      adminEmails: req.runtime.env.ADMIN_EMAILS,
    });
    authorize({ isRuleSetAdmin: isAdmin }, "instance.revoke-user-sessions", { kind: "instance" });
  }
  const revoked = await revokeSessions(req.runtime.db, req.runtime.rooms, {
    userId,
    actorId: actor.user.id,
  });
  return { status: 200, body: { revoked } };
}
