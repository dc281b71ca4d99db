import { createSignedToken, readSignedToken } from "./signed-token";

/** How long a verification link works. */
export const EMAIL_VERIFICATION_TTL_MS = 48 * 60 * 60 * 1000;

/** What a verification token proves: that whoever holds it received mail sent to `email`. */
export interface EmailVerificationClaim {
  userId: string;
  email: string;
}

const PURPOSE = "threat-room email verification v1";

/**
 * A token for the link of a verification email: the user id, the address it was sent to and an
 * expiry, signed with the server's secret. Nothing is stored: changing the address or the secret
 * invalidates every token for it, and verifying twice does no harm.
 */
export function createEmailVerificationToken(
  claim: EmailVerificationClaim,
  secret: string,
  now = Date.now(),
): string {
  return createSignedToken(
    { u: claim.userId, e: claim.email, x: now + EMAIL_VERIFICATION_TTL_MS },
    secret,
    PURPOSE,
  );
}

/** The claim of a token this server signed and that has not expired; null for anything else. */
export function readEmailVerificationToken(
  token: string,
  secret: string,
  now = Date.now(),
): EmailVerificationClaim | null {
  const parsed = readSignedToken(token, secret, PURPOSE, 2_000);
  if (parsed === null) return null;
  const userId: unknown = Reflect.get(parsed, "u");
  const email: unknown = Reflect.get(parsed, "e");
  const expiresAt: unknown = Reflect.get(parsed, "x");
  if (typeof userId !== "string" || typeof email !== "string" || typeof expiresAt !== "number") {
    return null;
  }
  return expiresAt > now ? { userId, email } : null;
}
