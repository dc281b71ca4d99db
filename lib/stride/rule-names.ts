import { ELEMENT_KIND_LABELS } from "../model";
import { findFieldWords } from "./field-labels";
import type { Rule, RuleSet } from "./rule-types";

/*
 * How people see a rule: by its name (its title with placeholders in words, and its rule set),
 * never by its internal id ("tmt:D4", "deny-data-flow").
 */

const PLACEHOLDER = /\{(source|target|flow|element)\.([A-Za-z][A-Za-z0-9_]*)\}/g;
const SUBJECT_NOUNS: Record<string, string> = {
  source: "source",
  target: "target",
  flow: "data flow",
  element: "element",
};

/**
 * A rule's title template in words: `{flow.name} could be interrupted` reads "[data flow] could
 * be interrupted"; another field names its label: `{flow.protocol}` reads "[data flow
 * protocol]". `elementNoun` names `{element.…}` (default "element").
 */
export function describeRuleTitle(title: string, elementNoun = "element"): string {
  return title.replace(PLACEHOLDER, (_match, subject: string, property: string) => {
    const noun = subject === "element" ? elementNoun : (SUBJECT_NOUNS[subject] ?? subject);
    if (property === "name") return `[${noun}]`;
    const words = findFieldWords(subject === "flow", property);
    return `[${noun} ${(words?.label ?? property).toLowerCase()}]`;
  });
}

/** "process" for an element rule of processes only, else "element". */
function nameElementOf(rule: Rule): string {
  if (rule.scope.kind !== "element") return "element";
  const kinds = new Set(rule.scope.elementKinds);
  const [kind] = kinds;
  if (kinds.size !== 1 || kind === undefined) return "element";
  return kind === "data-flow" ? "data flow" : ELEMENT_KIND_LABELS[kind].toLowerCase();
}

/** A rule's name: its title in words (describeRuleTitle), elements named by their kind. */
export function nameRule(rule: Rule): string {
  return describeRuleTitle(rule.title, nameElementOf(rule));
}

/** What the interface shows of one rule. */
export interface RuleName {
  /** The title in words (describeRuleTitle). */
  name: string;
  /** The name of the rule set it belongs to. */
  setName: string;
}

/** Rule id -> name, over the given sets (the first set with an id wins, as in generation). */
export function indexRuleNames(ruleSets: readonly RuleSet[]): ReadonlyMap<string, RuleName> {
  const names = new Map<string, RuleName>();
  for (const ruleSet of ruleSets) {
    for (const rule of ruleSet.rules) {
      if (!names.has(rule.id)) {
        names.set(rule.id, { name: nameRule(rule), setName: ruleSet.name });
      }
    }
  }
  return names;
}

/** Shown for a rule that no known set holds any more (its set was deleted, or it was). */
export const UNKNOWN_RULE_NAME = "a rule that no longer exists";

/** "“[data flow] could be interrupted” (STRIDE per element)", or UNKNOWN_RULE_NAME. */
export function describeRule(ruleId: string, names: ReadonlyMap<string, RuleName>): string {
  const found = names.get(ruleId);
  return found === undefined ? UNKNOWN_RULE_NAME : `“${found.name}” (${found.setName})`;
}
