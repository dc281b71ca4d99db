import { and, eq } from "drizzle-orm";
import { memberships } from "@/drizzle/schema";
import { isRole, type Role } from "@/lib/model/roles";
import type { Database } from "@/server/db/client";

/** The user's role in the model, or null when they are not a member (or the model is gone). */
export async function getMemberRole(
  db: Database,
  options: { modelId: string; userId: string },
): Promise<Role | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.modelId, options.modelId), eq(memberships.userId, options.userId)));
  return row && isRole(row.role) ? row.role : null;
}
