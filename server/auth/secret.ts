import { createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The secret that signs session cookies: NEXTAUTH_SECRET when set, else one generated on first
 * start and kept (readable by this user only) in the data folder, so sessions survive restarts.
 */
export function loadOrCreateSecret(dataDir: string, configured: string | undefined): string {
  if (configured) return configured;
  const file = path.join(dataDir, "auth-secret");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // No secret yet: create one below.
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * A secret for one purpose, derived from the server's secret: a key that signs reply
 * addresses cannot forge session cookies, nor the other way round.
 */
export function deriveSecret(secret: string, purpose: string): string {
  return createHmac("sha256", secret).update(`threat-room:${purpose}`).digest("base64url");
}
