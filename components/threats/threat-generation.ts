import { DEFAULT_RULE_SETS } from "@/lib/stride/default-rules";
import type { GenerationResult } from "@/lib/stride/generate";
import type { RuleSet } from "@/lib/stride/rule-types";
import type { OrganisationRuleSet } from "@/components/api/schemas";

/** What the user is told when there is nothing to generate threats for. */
export const NO_ELEMENTS_MESSAGE =
  "Draw the data-flow diagram first: there are no elements to analyse.";

/**
 * The rule sets a generation run uses: the built-in sets first (so their rules win a shared
 * rule id), then every enabled organisation set, in the server's order.
 */
export function selectGenerationRuleSets(
  organisationSets: readonly OrganisationRuleSet[],
): RuleSet[] {
  return [
    ...DEFAULT_RULE_SETS,
    ...organisationSets
      .filter((ruleSet) => ruleSet.isEnabled)
      .map((ruleSet) => ({
        id: ruleSet.id,
        name: ruleSet.name,
        description: ruleSet.description,
        rules: ruleSet.rules,
      })),
  ];
}

/** The toast after a run: "Added N threats; M already listed; K flagged for review". */
export function describeGeneration(result: GenerationResult): string {
  const added = result.added.length;
  return (
    `Added ${added === 1 ? "1 threat" : `${added} threats`}; ` +
    `${result.existing.length} already listed; ${result.stale.length} flagged for review`
  );
}
