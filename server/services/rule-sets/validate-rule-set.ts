import { parseRuleSet, type RuleSet } from "@/lib/stride/rule-types";

/**
 * Checks a rule set's fields against the lib/stride rule format (rule schema, unique rule ids,
 * nesting depth). Throws AppError("bad_request") with the issues when they do not match.
 */
export function validateRuleSet(fields: {
  id: string;
  name: string;
  description: string;
  rules: unknown;
}): RuleSet {
  return parseRuleSet({
    id: fields.id,
    name: fields.name,
    description: fields.description,
    rules: fields.rules,
  });
}
