import type { RuleSet } from "./rule-types";

/** A rule set the instance offers, and whether it applies to a model that made no choice. */
export interface OfferedRuleSet {
  ruleSet: RuleSet;
  /** Built-in sets and enabled organisation sets: true; disabled organisation sets: false. */
  isOnByDefault: boolean;
}

/**
 * Whether a set applies to the model: its own choice (lib/model getRuleSetChoices) when it made
 * one about this set, else the instance's default.
 */
export function isRuleSetOn(offered: OfferedRuleSet, choices: ReadonlyMap<string, boolean>) {
  return choices.get(offered.ruleSet.id) ?? offered.isOnByDefault;
}

/**
 * The rule sets that generate threats for a model, in the order offered (built-in sets first,
 * so their rules win a shared rule id and lead merged threats). Choices about sets the instance
 * no longer offers are ignored.
 */
export function selectModelRuleSets(
  offered: readonly OfferedRuleSet[],
  choices: ReadonlyMap<string, boolean>,
): RuleSet[] {
  return offered.filter((item) => isRuleSetOn(item, choices)).map((item) => item.ruleSet);
}
