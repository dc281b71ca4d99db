import { desc, eq } from "drizzle-orm";
import { apiTokens } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import { presentToken, type PublicToken } from "@/server/services/tokens/present-token";

/** The user's tokens, newest first, revoked ones included. */
export async function listApiTokens(db: Database, userId: string): Promise<PublicToken[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(presentToken);
}
