import { asc } from "drizzle-orm";
import { ruleSets } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import { presentRuleSet, type PublicRuleSet } from "@/server/services/rule-sets/present-rule-set";

/** Every organisation rule set, oldest first. */
export async function listRuleSets(db: Database): Promise<PublicRuleSet[]> {
  const rows = await db.select().from(ruleSets).orderBy(asc(ruleSets.createdAt), asc(ruleSets.id));
  return rows.map(presentRuleSet);
}
