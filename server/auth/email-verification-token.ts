import { createHmac, timingSafeEqual } from "node:crypto";

/** How long a verification link works. */
export const EMAIL_VERIFICATION_TTL_MS = 48 * 60 * 60 * 1000;

/** What a verification token proves: that whoever holds it received mail sent to `email`. */
export interface EmailVerificationClaim {
  userId: string;
  email: string;
}

/**
 * The key for verification tokens, derived from the server's secret so that a token can never
 * be mistaken for a session cookie or another signed value.
 */
function keyOf(secret: string): Buffer {
  return createHmac("sha256", secret).update("threat-room email verification v1").digest();
}

function sign(payload: string, secret: string): string {
  return createHmac("sha256", keyOf(secret)).update(payload).digest("base64url");
}

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
  const payload = Buffer.from(
    JSON.stringify({ u: claim.userId, e: claim.email, x: now + EMAIL_VERIFICATION_TTL_MS }),
  ).toString("base64url");
  return `${payload}.${sign(payload, secret)}`;
}

/** The claim of a token this server signed and that has not expired; null for anything else. */
export function readEmailVerificationToken(
  token: string,
  secret: string,
  now = Date.now(),
): EmailVerificationClaim | null {
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length > 0 || token.length > 2_000) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const userId: unknown = Reflect.get(parsed, "u");
  const email: unknown = Reflect.get(parsed, "e");
  const expiresAt: unknown = Reflect.get(parsed, "x");
  if (typeof userId !== "string" || typeof email !== "string" || typeof expiresAt !== "number") {
    return null;
  }
  return expiresAt > now ? { userId, email } : null;
}
