import { eq } from "drizzle-orm";
import { models } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import { authorizeOnModel } from "@/server/policies/policy";
import { getMemberRole } from "@/server/services/members/get-member-role";
import { presentModel, type PublicModel } from "@/server/services/models/present-model";
import { AppError } from "@/lib/errors";

/** The model as its member sees it; not_found for non-members and missing models alike. */
export async function getModel(
  db: Database,
  options: { modelId: string; userId: string },
): Promise<PublicModel> {
  const role = authorizeOnModel(await getMemberRole(db, options), "model.read");
  const [row] = await db.select().from(models).where(eq(models.id, options.modelId));
  if (!row) throw new AppError("not_found", "No such threat model");
  return presentModel(row, role);
}
