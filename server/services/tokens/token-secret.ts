import { createHash, randomBytes } from "node:crypto";

/** Every API token starts with this, so leaked tokens are easy to recognise and scan for. */
export const TOKEN_PREFIX = "tm_";

/** A new random token: `tm_` + 32 random bytes, base64url. */
export function generateTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** The stored form of a token: SHA-256, hex. A 256-bit random secret needs no slow hash. */
export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
