import type { RuleCondition, RuleScope } from "@/lib/stride/rule-types";

/**
 * A rule condition as readable text, e.g. `source is a external-entity and flow.protocol does
 * not contain “HTTPS”`; a negated field test reads as one phrase ("is empty", "is answered"),
 * an `or` as "any of: a, b". Nested groups are parenthesised; walks the tree without recursion
 * limits beyond what parseRuleSet already bounds.
 */
export function formatCondition(condition: RuleCondition): string {
  return formatNode(condition, false);
}

function formatValue(value: string | number | boolean | null): string {
  if (value === null) return "not answered";
  return typeof value === "string" ? `“${value}”` : String(value);
}

/** A negated field test as one phrase ("flow.protocol does not contain …"), or null. */
function formatNegatedField(condition: RuleCondition): string | null {
  switch (condition.op) {
    case "property-contains":
      return `${condition.subject}.${condition.property} does not contain “${condition.text}”`;
    case "property-not-blank":
      return `${condition.subject}.${condition.property} is empty`;
    case "property-equals":
      return condition.value === null
        ? `${condition.subject}.${condition.property} is answered`
        : `${condition.subject}.${condition.property} is not ${formatValue(condition.value)}`;
    default:
      return null;
  }
}

function formatNode(condition: RuleCondition, isNested: boolean): string {
  switch (condition.op) {
    case "always":
      return "always";
    case "and":
    case "or": {
      const parts = condition.conditions.map((child) => formatNode(child, true));
      if (parts.length < 2) return parts.join("");
      const text = condition.op === "and" ? parts.join(" and ") : `any of: ${parts.join(", ")}`;
      return isNested ? `(${text})` : text;
    }
    case "not":
      return (
        formatNegatedField(condition.condition) ?? `not ${formatNode(condition.condition, true)}`
      );
    case "kind-is":
      return `${condition.subject} is a ${condition.kind}`;
    case "property-equals":
      return `${condition.subject}.${condition.property} is ${formatValue(condition.value)}`;
    case "property-not-blank":
      return `${condition.subject}.${condition.property} is filled in`;
    case "property-contains":
      return `${condition.subject}.${condition.property} contains “${condition.text}”`;
    case "crosses-boundary":
      return condition.shape === undefined
        ? "crosses a trust boundary"
        : `crosses a ${condition.shape} trust boundary`;
    case "unknown":
      return condition.text === ""
        ? "never (unsupported)"
        : `never (unsupported: ${condition.text})`;
  }
}

/** What a rule runs over, as readable text. */
export function formatScope(scope: RuleScope): string {
  if (scope.kind === "element") return `each ${scope.elementKinds.join(" or ")}`;
  return `each interaction, against its ${scope.appliesTo}`;
}
