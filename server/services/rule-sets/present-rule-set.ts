import type { RuleSetRow } from "@/drizzle/schema";
import type { Rule } from "@/lib/stride/rule-types";
import { validateRuleSet } from "@/server/services/rule-sets/validate-rule-set";

/** What the API shows of an organisation rule set. */
export interface PublicRuleSet {
  id: string;
  name: string;
  description: string;
  rules: Rule[];
  ruleCount: number;
  isEnabled: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The public fields of a rule set row; its rules are parsed back into the rule format. */
export function presentRuleSet(row: RuleSetRow): PublicRuleSet {
  const { rules } = validateRuleSet(row);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    rules,
    ruleCount: rules.length,
    isEnabled: row.isEnabled,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
