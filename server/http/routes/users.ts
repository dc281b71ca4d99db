import { changePasswordInput, emailVerificationInput, signUpInput } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";
import type { ApiRequest } from "@/server/http/api-request";
import type { ApiResult } from "@/server/http/respond";
import { checkRuleSetAdmin } from "@/server/services/users/check-rule-set-admin";
import { createUser } from "@/server/services/users/create-user";
import { authorize } from "@/server/policies/policy";
import { revokeSessions } from "@/server/services/sessions/revoke-sessions";
import { sendVerificationEmail } from "@/server/services/users/send-verification-email";
import { verifyEmail } from "@/server/services/users/verify-email";
import { changePassword } from "@/server/services/users/change-password";
import { isAppError } from "@/lib/errors";
import { createSignUpTicket } from "@/server/auth/sign-up-ticket";

/**
 * POST /api/users: sign up with email, name and password. The answer carries a short-lived
 * ticket that signs the new account in (next-auth's "sign-up-ticket" provider), so the browser
 * needs no second password check, which would cost as much as the sign-up's own hash.
 */
export async function postUser(req: ApiRequest): Promise<ApiResult> {
  if (!req.runtime.signUpLimiter.hit(req.clientAddress)) {
    throw new AppError("rate_limited", "Too many sign-ups from this address; try again later");
  }
  const input = await req.body(signUpInput);
  const user = await createUser(req.runtime.db, input);
  sendVerificationEmail(req.runtime, user);
  const signInTicket = createSignUpTicket(user.id, req.runtime.env.NEXTAUTH_SECRET ?? "");
  return { status: 201, body: { user, signInTicket } };
}

/** POST /api/users/me/verification-email: sends the confirmation link again. */
export async function postVerificationEmail(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  sendVerificationEmail(req.runtime, actor.user);
  return { status: 202, body: { sentTo: actor.user.email } };
}

/**
 * POST /api/email-verifications: confirms an email address with the token of a verification
 * email's link. The token is the proof; no session is needed (the link may be opened in
 * another browser).
 */
export async function postEmailVerification(req: ApiRequest): Promise<ApiResult> {
  const input = await req.body(emailVerificationInput);
  const user = await verifyEmail(req.runtime.db, {
    token: input.token,
    secret: req.runtime.env.NEXTAUTH_SECRET ?? "",
  });
  return { status: 200, body: { user } };
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

/**
 * POST /api/users/me/password: changes the password, given the current one, from a signed-in
 * browser (an API token cannot), and signs every other session out. Wrong current passwords
 * count like wrong sign-ins (the same per-address and per-account limits).
 */
export async function postPassword(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  if (actor.via !== "session") {
    throw new AppError("forbidden", "Change your password from a signed-in browser");
  }
  const input = await req.body(changePasswordInput);
  const throttle = req.runtime.signInThrottle;
  const refusal = throttle.begin(req.clientAddress, actor.user.email);
  if (refusal) {
    throw new AppError("rate_limited", "Too many attempts; try again later");
  }
  try {
    const result = await changePassword(req.runtime.db, req.runtime.rooms, {
      userId: actor.user.id,
      keepSessionId: actor.sessionId,
      currentPassword: input.currentPassword,
      newPassword: input.newPassword,
    });
    throttle.recordSuccess(req.clientAddress, actor.user.email);
    return { status: 200, body: result };
  } catch (error) {
    const isWrongPassword =
      isAppError(error) && error.issues?.some((issue) => issue.path === "currentPassword");
    if (isWrongPassword) throttle.recordFailure(req.clientAddress, actor.user.email);
    else throttle.recordSuccess(req.clientAddress, actor.user.email);
    throw error;
  }
}
