import { ELEMENT_KIND_LABELS } from "../model";
import { findFieldWords } from "./field-labels";
import type { FieldWords } from "./field-labels";
import type {
  ConditionSubject,
  PropertyValue,
  Rule,
  RuleCondition,
  RuleElementKind,
  RuleScope,
} from "./rule-types";

/*
 * Rule conditions and scopes in words, for people who do not read field paths: "the source is
 * an external entity and the flow crosses a trust boundary", "the flow carries “JSON”". Fields
 * are named by the properties panel's labels (field-labels.ts).
 */

const SUBJECT_WORDS: Record<ConditionSubject, string> = {
  source: "the source",
  target: "the target",
  flow: "the flow",
  element: "the element",
};

/** "an external entity", "a data flow". */
function describeKindWithArticle(kind: RuleElementKind): string {
  const noun = kind === "data-flow" ? "data flow" : ELEMENT_KIND_LABELS[kind].toLowerCase();
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function quote(text: string): string {
  return `“${text}”`;
}

/** "protocol" from "Protocol"; a label of capitals only ("ACL") stays as it is. */
function lowerLabel(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? `${label.charAt(0).toLowerCase()}${label.slice(1)}` : label;
}

/** "someField" -> "some field": for fields no kind has (e.g. named by an imported rule). */
function splitFieldName(property: string): string {
  return property.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

interface Field {
  owner: string;
  words: FieldWords | null;
  /** "the flow's protocol". */
  name: string;
}

function readField(subject: ConditionSubject, property: string): Field {
  const owner = SUBJECT_WORDS[subject];
  const words = findFieldWords(subject === "flow", property);
  const label = words === null ? splitFieldName(property) : lowerLabel(words.label);
  return { owner, words, name: `${owner}'s ${label}` };
}

function describeValue(words: FieldWords | null, value: Exclude<PropertyValue, null>): string {
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  if (words?.type === "choice") {
    const option = Object.hasOwn(words.options, value) ? words.options[value] : undefined;
    if (option !== undefined) return quote(option);
  }
  return quote(value);
}

/** A field test, or its negation, as one phrase. */
function describeFieldTest(
  condition: Extract<
    RuleCondition,
    { op: "property-equals" | "property-not-blank" | "property-contains" }
  >,
  isNegated: boolean,
): string {
  const field = readField(condition.subject, condition.property);
  switch (condition.op) {
    case "property-not-blank":
      return `${field.name} is ${isNegated ? "empty" : "filled in"}`;
    case "property-contains": {
      const verb = field.words?.type === "text" ? field.words.containsVerb : undefined;
      if (verb !== undefined) {
        return `${field.owner} ${isNegated ? verb.isNot : verb.is} ${quote(condition.text)}`;
      }
      return `${field.name} ${isNegated ? "does not contain" : "contains"} ${quote(condition.text)}`;
    }
    case "property-equals": {
      const { value } = condition;
      if (value === null) return `${field.name} is ${isNegated ? "answered" : "not answered"}`;
      if (typeof value === "boolean" && field.words?.type === "yes-no") {
        const isYes = value !== isNegated;
        return `${field.owner} ${isYes ? field.words.is : field.words.isNot}`;
      }
      return `${field.name} is ${isNegated ? "not " : ""}${describeValue(field.words, value)}`;
    }
  }
}

/** "a, b and c" / "a, b or c". */
function joinWords(parts: readonly string[], word: "and" | "or" | "nor"): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} ${word} ${parts.at(-1) ?? ""}`;
}

function describeNode(condition: RuleCondition, isNested: boolean): string {
  switch (condition.op) {
    case "always":
      return "always";
    case "and":
    case "or": {
      const parts = condition.conditions.map((child) => describeNode(child, true));
      const text = joinWords(parts, condition.op);
      return isNested && parts.length > 1 ? `(${text})` : text;
    }
    case "not":
      return describeNegation(condition.condition, isNested);
    case "kind-is":
      return `${SUBJECT_WORDS[condition.subject]} is ${describeKindWithArticle(condition.kind)}`;
    case "property-equals":
    case "property-not-blank":
    case "property-contains":
      return describeFieldTest(condition, false);
    case "crosses-boundary":
      return condition.shape === undefined
        ? "the flow crosses a trust boundary"
        : `the flow crosses a trust boundary drawn as a ${condition.shape}`;
    case "unknown":
      return condition.text === ""
        ? "never (a condition this tool cannot check)"
        : `never (a condition this tool cannot check: ${condition.text})`;
  }
}

function describeNegation(inner: RuleCondition, isNested: boolean): string {
  switch (inner.op) {
    case "always":
      return "never";
    case "not":
      return describeNode(inner.condition, isNested);
    case "and":
    case "or": {
      const parts = inner.conditions.map((child) => describeNode(child, true));
      if (parts.length === 1) return describeNegation(inner.conditions[0] ?? inner, isNested);
      const text =
        inner.op === "or"
          ? `none of: ${joinWords(parts, "nor")}`
          : `not all of: ${joinWords(parts, "and")}`;
      return isNested ? `(${text})` : text;
    }
    case "kind-is":
      return `${SUBJECT_WORDS[inner.subject]} is not ${describeKindWithArticle(inner.kind)}`;
    case "property-equals":
    case "property-not-blank":
    case "property-contains":
      return describeFieldTest(inner, true);
    case "crosses-boundary":
      return inner.shape === undefined
        ? "the flow crosses no trust boundary"
        : `the flow crosses no trust boundary drawn as a ${inner.shape}`;
    case "unknown":
      return "always (the negation of a condition this tool cannot check)";
  }
}

/**
 * A condition in words. `and` and `or` join their parts ("a, b and c"); a group inside another
 * is parenthesised; `not` reads as the negated phrase ("the flow is not encrypted", "the
 * source's authentication is empty"), or as "none of: …" / "not all of: …" for a group.
 * Recursion is bounded by the depth parseRuleSet allows.
 */
export function describeCondition(condition: RuleCondition): string {
  return describeNode(condition, false);
}

/** What a rule runs over, in words: "each process or data store", "each interaction, …". */
export function describeScope(scope: RuleScope): string {
  if (scope.kind === "element") {
    return `each ${joinWords(
      scope.elementKinds.map((kind) => describeKindWithArticle(kind).replace(/^an? /, "")),
      "or",
    )}`;
  }
  const against = scope.appliesTo === "flow" ? "data flow" : scope.appliesTo;
  return `each interaction (source, data flow, target), recorded against its ${against}`;
}

/** When a rule fires, in words: its scope, "if" its condition, "unless" its exclusion. */
export function describeRuleConditions(rule: Pick<Rule, "scope" | "include" | "exclude">): {
  scope: string;
  include: string;
  exclude: string | null;
} {
  return {
    scope: describeScope(rule.scope),
    include: describeCondition(rule.include),
    exclude: rule.exclude === undefined ? null : describeCondition(rule.exclude),
  };
}
