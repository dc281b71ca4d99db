import { and, eq, isNull } from "drizzle-orm";
import { apiTokens } from "@/drizzle/schema";
import { AppError } from "@/lib/errors";
import type { Database } from "@/server/db/client";
import { appendAuditEvent } from "@/server/services/audit/record-audit-event";

/**
 * Revokes one of the user's tokens. Another user's token answers not_found, like a missing one.
 * Revoking twice is harmless.
 */
export async function revokeApiToken(
  db: Database,
  options: { userId: string; tokenId: string },
): Promise<void> {
  const [token] = await db
    .select({ id: apiTokens.id, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.id, options.tokenId), eq(apiTokens.userId, options.userId)));
  if (!token) throw new AppError("not_found", "No such token");
  if (token.revokedAt) return;
  await db.transaction(async (tx) => {
    await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, token.id), isNull(apiTokens.revokedAt)));
    await appendAuditEvent(tx, {
      actorId: options.userId,
      action: "token.revoked",
      detail: { tokenId: token.id },
    });
  });
}
