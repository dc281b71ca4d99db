import { randomBytes } from "node:crypto";
import { sessions } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";

/**
 * Starts a browser session for the user, valid for `maxAgeSeconds` unless revoked first; returns
 * its id, which the session cookie carries (`sid`). The id is random (144 bits) and never
 * guessable from the cookie's other claims.
 */
export async function createSession(
  db: Database,
  options: { userId: string; maxAgeSeconds: number },
): Promise<string> {
  const id = randomBytes(18).toString("base64url");
  await db.insert(sessions).values({
    id,
    userId: options.userId,
    expiresAt: new Date(Date.now() + options.maxAgeSeconds * 1000),
  });
  return id;
}
