import type { StrideCategory } from "../model";
import type {
  ConditionSubject,
  InteractionTarget,
  PropertyValue,
  Rule,
  RuleCondition,
  RuleElementKind,
} from "./rule-types";

/*
 * Small builders that keep hand-written rule sets readable. Each returns plain JSON data.
 */

/** True for every interaction or element. */
export const ALWAYS: RuleCondition = { op: "always" };

/** All of the conditions hold (a single condition is returned as is). */
export function allOf(...conditions: RuleCondition[]): RuleCondition {
  const [first] = conditions;
  return conditions.length === 1 && first !== undefined ? first : { op: "and", conditions };
}

/** At least one of the conditions holds (a single condition is returned as is). */
export function anyOf(...conditions: RuleCondition[]): RuleCondition {
  const [first] = conditions;
  return conditions.length === 1 && first !== undefined ? first : { op: "or", conditions };
}

/** The condition does not hold. */
export function not(condition: RuleCondition): RuleCondition {
  return { op: "not", condition };
}

/** The subject is an element of one of these kinds. */
export function isKind(subject: ConditionSubject, ...kinds: RuleElementKind[]): RuleCondition {
  return anyOf(...kinds.map((kind): RuleCondition => ({ op: "kind-is", subject, kind })));
}

/** The subject's field equals the value. */
export function fieldEquals(
  subject: ConditionSubject,
  property: string,
  value: PropertyValue,
): RuleCondition {
  return { op: "property-equals", subject, property, value };
}

/** The subject's text field holds something other than white space. */
export function fieldNotBlank(subject: ConditionSubject, property: string): RuleCondition {
  return { op: "property-not-blank", subject, property };
}

/** The subject's text field contains one of the texts (case-insensitive). */
export function fieldContains(
  subject: ConditionSubject,
  property: string,
  ...texts: string[]
): RuleCondition {
  return anyOf(
    ...texts.map((text): RuleCondition => ({ op: "property-contains", subject, property, text })),
  );
}

/** The interaction's data flow crosses a trust boundary (of this shape, when given). */
export function crossesBoundary(shape?: "box" | "line"): RuleCondition {
  return shape === undefined ? { op: "crosses-boundary" } : { op: "crosses-boundary", shape };
}

/** The subject is a process whose code is native (C, C++, assembly: not memory-safe). */
export function isNativeCode(subject: ConditionSubject): RuleCondition {
  return anyOf(
    fieldContains(subject, "code", "c++", "native", "unmanaged", "assembly"),
    fieldEquals(subject, "code", "C"),
  );
}

/** The fields of a hand-written interaction rule; it starts enabled. */
export interface InteractionRuleFields {
  id: string;
  category: StrideCategory;
  appliesTo: InteractionTarget;
  title: string;
  description: string;
  include: RuleCondition;
  exclude?: RuleCondition;
  /** Rules that raise the same threat in other words (see Rule.equivalentTo). */
  equivalentTo?: string[];
}

/** An enabled rule over interactions (source, flow, target). */
export function interactionRule(fields: InteractionRuleFields): Rule {
  const { appliesTo, exclude, equivalentTo, ...rest } = fields;
  return {
    ...rest,
    scope: { kind: "interaction", appliesTo },
    ...(exclude === undefined ? {} : { exclude }),
    ...(equivalentTo === undefined ? {} : { equivalentTo }),
    enabled: true,
  };
}

/** The fields of a hand-written element rule; it starts enabled and includes every element. */
export interface ElementRuleFields {
  id: string;
  category: StrideCategory;
  elementKinds: RuleElementKind[];
  title: string;
  description: string;
  include?: RuleCondition;
  exclude?: RuleCondition;
  /** Rules that raise the same threat in other words (see Rule.equivalentTo). */
  equivalentTo?: string[];
}

/** An enabled rule over every element of the given kinds (optionally narrowed by `include`). */
export function elementRule(fields: ElementRuleFields): Rule {
  const { elementKinds, include, exclude, equivalentTo, ...rest } = fields;
  return {
    ...rest,
    scope: { kind: "element", elementKinds },
    include: include ?? ALWAYS,
    ...(exclude === undefined ? {} : { exclude }),
    ...(equivalentTo === undefined ? {} : { equivalentTo }),
    enabled: true,
  };
}
