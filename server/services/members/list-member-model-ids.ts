import { eq } from "drizzle-orm";
import { memberships } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";

/** The ids of every model the user is a member of, in no particular order. */
export async function listMemberModelIds(db: Database, userId: string): Promise<string[]> {
  const rows = await db
    .select({ modelId: memberships.modelId })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  return rows.map((row) => row.modelId);
}
