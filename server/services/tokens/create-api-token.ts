import { nanoid } from "nanoid";
import { and, count, eq, isNull } from "drizzle-orm";
import { apiTokens } from "@/drizzle/schema";
import { AppError } from "@/lib/errors";
import type { Database } from "@/server/db/client";
import { appendAuditEvent } from "@/server/services/audit/record-audit-event";
import { presentToken, type PublicToken } from "@/server/services/tokens/present-token";
import { generateTokenSecret, hashTokenSecret } from "@/server/services/tokens/token-secret";

const MAX_ACTIVE_TOKENS = 50;

/** Creates a personal API token. The secret is returned once and only its hash is stored. */
export async function createApiToken(
  db: Database,
  options: { userId: string; name: string },
): Promise<{ token: PublicToken; secret: string }> {
  const [active] = await db
    .select({ n: count() })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, options.userId), isNull(apiTokens.revokedAt)));
  if ((active?.n ?? 0) >= MAX_ACTIVE_TOKENS) {
    throw new AppError("conflict", `At most ${MAX_ACTIVE_TOKENS} active tokens; revoke one first`);
  }
  const secret = generateTokenSecret();
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiTokens)
      .values({
        id: nanoid(),
        userId: options.userId,
        name: options.name,
        tokenHash: hashTokenSecret(secret),
        prefix: secret.slice(0, 10),
      })
      .returning();
    if (!created) throw new AppError("internal", "The token could not be stored");
    await appendAuditEvent(tx, {
      actorId: options.userId,
      action: "token.created",
      detail: { tokenId: created.id },
    });
    return created;
  });
  return { token: presentToken(row), secret };
}
