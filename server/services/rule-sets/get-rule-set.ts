import { eq } from "drizzle-orm";
import { ruleSets } from "@/drizzle/schema";
import { AppError } from "@/lib/errors";
import type { Database } from "@/server/db/client";
import { presentRuleSet, type PublicRuleSet } from "@/server/services/rule-sets/present-rule-set";

/** One rule set; throws not_found when there is none with this id. */
export async function getRuleSet(db: Database, ruleSetId: string): Promise<PublicRuleSet> {
  const [row] = await db.select().from(ruleSets).where(eq(ruleSets.id, ruleSetId));
  if (!row) throw new AppError("not_found", "No such rule set");
  return presentRuleSet(row);
}
