import { createHmac, timingSafeEqual } from "node:crypto";

/*
 * Small stateless tokens: a JSON object in base64url, a dot, and its HMAC-SHA256. Each kind of
 * token signs with its own key derived from the server's secret and the kind's `purpose`, so a
 * token of one kind (an email link) can never pass for another (a sign-up ticket) or for a
 * session cookie.
 */

function sign(payload: string, secret: string, purpose: string): string {
  const key = createHmac("sha256", secret).update(purpose).digest();
  return createHmac("sha256", key).update(payload).digest("base64url");
}

/** Signs `fields` for `purpose`: `<payload>.<signature>`. */
export function createSignedToken(
  fields: Record<string, string | number>,
  secret: string,
  purpose: string,
): string {
  const payload = Buffer.from(JSON.stringify(fields)).toString("base64url");
  return `${payload}.${sign(payload, secret, purpose)}`;
}

/**
 * The fields of a token this server signed for `purpose`, compared in constant time; null for
 * anything else (another purpose, a changed payload, a malformed or over-long token). The
 * caller checks the fields' types and the expiry.
 */
export function readSignedToken(
  token: string,
  secret: string,
  purpose: string,
  maxLength: number,
): object | null {
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length > 0 || token.length > maxLength) return null;
  const expected = Buffer.from(sign(payload, secret, purpose));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  return typeof parsed === "object" && parsed !== null ? parsed : null;
}
