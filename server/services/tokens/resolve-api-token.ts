import { and, eq, isNull, lt, or } from "drizzle-orm";
import { apiTokens } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import { TOKEN_PREFIX, hashTokenSecret } from "@/server/services/tokens/token-secret";

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The owner and id of an active token, or null for an unknown, malformed or revoked one.
 * Records when the token was last used, at most once a minute.
 */
export async function resolveApiToken(
  db: Database,
  secret: string,
): Promise<{ userId: string; tokenId: string } | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 100) return null;
  const [token] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashTokenSecret(secret)), isNull(apiTokens.revokedAt)));
  if (!token) return null;
  const now = new Date();
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.id, token.id),
        or(
          isNull(apiTokens.lastUsedAt),
          lt(apiTokens.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)),
        ),
      ),
    );
  return { userId: token.userId, tokenId: token.id };
}

/** True while the token exists and is not revoked. */
export async function isApiTokenActive(db: Database, tokenId: string): Promise<boolean> {
  const [token] = await db
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)));
  return Boolean(token);
}
