import { RULE_SET_EXPORT_FORMAT, type RuleSetExport } from "@/lib/api/schemas";
import type { Database } from "@/server/db/client";
import { getRuleSet } from "@/server/services/rule-sets/get-rule-set";

/** A rule set in the JSON export format, which POST /api/rule-sets/import reads back. */
export async function exportRuleSet(db: Database, ruleSetId: string): Promise<RuleSetExport> {
  const ruleSet = await getRuleSet(db, ruleSetId);
  return {
    format: RULE_SET_EXPORT_FORMAT,
    version: 1,
    name: ruleSet.name,
    description: ruleSet.description,
    rules: ruleSet.rules,
  };
}
