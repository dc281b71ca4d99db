import { desc, eq } from "drizzle-orm";
import { memberships, models } from "@/drizzle/schema";
import { isRole } from "@/lib/model/roles";
import type { Database } from "@/server/db/client";
import { presentModel, type PublicModel } from "@/server/services/models/present-model";

/** The models the user is a member of, most recently changed first. */
export async function listModels(db: Database, userId: string): Promise<PublicModel[]> {
  const rows = await db
    .select({ model: models, role: memberships.role })
    .from(memberships)
    .innerJoin(models, eq(models.id, memberships.modelId))
    .where(eq(memberships.userId, userId))
    .orderBy(desc(models.updatedAt));
  return rows.flatMap((row) => (isRole(row.role) ? [presentModel(row.model, row.role)] : []));
}
