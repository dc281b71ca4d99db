import { DEFAULT_RULE_SETS } from "@/lib/stride/default-rules";
import type { GenerationResult } from "@/lib/stride/generate";
import type { RuleSet } from "@/lib/stride/rule-types";
import { selectModelRuleSets } from "@/lib/stride/select-rule-sets";
import type { OfferedRuleSet } from "@/lib/stride/select-rule-sets";
import type { OrganisationRuleSet } from "@/components/api/schemas";

/**
 * Every rule set the instance offers a model: the built-in sets first (so their rules win a
 * shared rule id), on by default, then each organisation set in the server's order, on by
 * default when its administrators enabled it.
 */
export function listOfferedRuleSets(
  organisationSets: readonly OrganisationRuleSet[],
): OfferedRuleSet[] {
  return [
    ...DEFAULT_RULE_SETS.map((ruleSet) => ({ ruleSet, isOnByDefault: true })),
    ...organisationSets.map((ruleSet) => ({
      ruleSet: {
        id: ruleSet.id,
        name: ruleSet.name,
        description: ruleSet.description,
        rules: ruleSet.rules,
      },
      isOnByDefault: ruleSet.isEnabled,
    })),
  ];
}

/**
 * The rule sets a generation run uses: those the model turned on (`choices`, see
 * getRuleSetChoices), and for sets it made no choice about, the built-in sets and every enabled
 * organisation set.
 */
export function selectGenerationRuleSets(
  organisationSets: readonly OrganisationRuleSet[],
  choices: ReadonlyMap<string, boolean> = new Map(),
): RuleSet[] {
  return selectModelRuleSets(listOfferedRuleSets(organisationSets), choices);
}

/**
 * The toast after a run: "Added N threats; M already listed; K flagged for review" (stale
 * threats and those that restate another one).
 */
export function describeGeneration(result: GenerationResult): string {
  const added = result.added.length;
  const flagged = result.stale.length + result.duplicates.length;
  return (
    `Added ${added === 1 ? "1 threat" : `${added} threats`}; ` +
    `${result.existing.length} already listed; ${flagged} flagged for review`
  );
}
