import { STRIDE_PER_ELEMENT_RULE_SET } from "./per-element-rules";
import { STRIDE_PER_INTERACTION_RULE_SET } from "./per-interaction-rules";
import type { RuleSet } from "./rule-types";

export { STRIDE_PER_ELEMENT_RULE_SET } from "./per-element-rules";
export { STRIDE_PER_INTERACTION_RULE_SET } from "./per-interaction-rules";

/**
 * The rule sets a new model uses: STRIDE per element (one threat per element and category, for
 * the guided walk) and STRIDE per interaction (threats per source, flow and target, following
 * Microsoft's core knowledge base). Their rule ids are distinct, so both can run together.
 */
export const DEFAULT_RULE_SETS: readonly RuleSet[] = [
  STRIDE_PER_ELEMENT_RULE_SET,
  STRIDE_PER_INTERACTION_RULE_SET,
];
