import { desc, eq } from "drizzle-orm";
import { memberships, models } from "@/drizzle/schema";
import type { ListModelsQuery } from "@/lib/api/schemas";
import { isRole } from "@/lib/model/roles";
import type { Database } from "@/server/db/client";
import { presentModel, type PublicModel } from "@/server/services/models/present-model";

/** One page of a user's models, and the offset of the next page (null on the last one). */
export interface ModelPage {
  models: PublicModel[];
  nextOffset: number | null;
}

/**
 * One page of the models the user is a member of, most recently changed first (ties broken by
 * id, so pages never overlap while nothing changes). One more row than asked is read to tell
 * whether another page follows.
 */
export async function listModels(
  db: Database,
  userId: string,
  page: ListModelsQuery,
): Promise<ModelPage> {
  const rows = await db
    .select({ model: models, role: memberships.role })
    .from(memberships)
    .innerJoin(models, eq(models.id, memberships.modelId))
    .where(eq(memberships.userId, userId))
    .orderBy(desc(models.updatedAt), desc(models.id))
    .limit(page.limit + 1)
    .offset(page.offset);
  const hasMore = rows.length > page.limit;
  return {
    models: rows
      .slice(0, page.limit)
      .flatMap((row) => (isRole(row.role) ? [presentModel(row.model, row.role)] : [])),
    nextOffset: hasMore ? page.offset + page.limit : null,
  };
}
