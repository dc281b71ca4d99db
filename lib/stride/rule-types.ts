import { z } from "zod";
import { AppError } from "../errors";
import { LIMITS } from "../limits";
import { BOUNDARY_SHAPES, ELEMENT_KINDS, STRIDE_CATEGORIES } from "../model";
import type { ElementKind } from "../model";

/*
 * The data-driven rule format: plain JSON, validated with zod, so rule sets can be exported,
 * imported (see tb7.ts) and edited later. engine.ts evaluates them.
 */

/** What a rule can look at: a DFD element kind, or a data flow seen as a DFD element. */
export const RULE_ELEMENT_KINDS = [...ELEMENT_KINDS, "data-flow"] as const;
export type RuleElementKind = ElementKind | "data-flow";

/**
 * Whose fields a condition reads. An interaction rule sees `source`, `flow` and `target`; an
 * element rule sees `element`. A condition on a subject the rule does not see is false.
 */
export const CONDITION_SUBJECTS = ["source", "target", "flow", "element"] as const;
export type ConditionSubject = (typeof CONDITION_SUBJECTS)[number];

/** A value a field is compared with; text compares trimmed and case-insensitively. */
export type PropertyValue = string | number | boolean | null;

/**
 * A condition as a small expression tree. A field that the subject does not have (e.g.
 * `holdsLogs` on a process) makes property conditions false.
 */
export type RuleCondition =
  /** Always true: a rule that applies to every interaction or element of its scope. */
  | { op: "always" }
  | { op: "and"; conditions: RuleCondition[] }
  | { op: "or"; conditions: RuleCondition[] }
  | { op: "not"; condition: RuleCondition }
  /** The subject is an element of this kind (a flow is "data-flow"). */
  | { op: "kind-is"; subject: ConditionSubject; kind: RuleElementKind }
  /** The field equals the value (text: trimmed, case-insensitive; null: "not answered"). */
  | { op: "property-equals"; subject: ConditionSubject; property: string; value: PropertyValue }
  /** The field is text with something other than white space in it. */
  | { op: "property-not-blank"; subject: ConditionSubject; property: string }
  /** The field is text containing this text, case-insensitively. */
  | { op: "property-contains"; subject: ConditionSubject; property: string; text: string }
  /** The data flow crosses a trust boundary; only boundaries of `shape` count when given. */
  | { op: "crosses-boundary"; shape?: "box" | "line" }
  /**
   * A condition imported from another tool that has no equivalent here (e.g. a Microsoft
   * stencil type we do not model). It is always false, so `not` of it is always true.
   */
  | { op: "unknown"; text: string };

/** Deepest nesting of and/or/not accepted in one condition. */
export const MAX_CONDITION_DEPTH = 32;
/**
 * Deepest JSON nesting of a rule set: a condition sits 4 levels down (set, rules, rule,
 * condition) and each level of and/or adds two (array and object).
 */
const MAX_RULE_SET_NESTING = 4 + 2 * MAX_CONDITION_DEPTH;
/** Most rules in one rule set. */
export const MAX_RULES_PER_SET = 2_000;

const shortText = z.string().max(LIMITS.shortTextLength);
const propertyNameSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "Invalid field name");
const subjectSchema = z.enum(CONDITION_SUBJECTS);
const propertyValueSchema = z.union([shortText, z.number().finite(), z.boolean(), z.null()]);

/** A condition tree (see RuleCondition); parseRuleSet bounds its depth before parsing it. */
export const ruleConditionSchema: z.ZodType<RuleCondition> = z.lazy(() =>
  z.discriminatedUnion("op", [
    z.strictObject({ op: z.literal("always") }),
    z.strictObject({ op: z.literal("and"), conditions: z.array(ruleConditionSchema).min(1) }),
    z.strictObject({ op: z.literal("or"), conditions: z.array(ruleConditionSchema).min(1) }),
    z.strictObject({ op: z.literal("not"), condition: ruleConditionSchema }),
    z.strictObject({
      op: z.literal("kind-is"),
      subject: subjectSchema,
      kind: z.enum(RULE_ELEMENT_KINDS),
    }),
    z.strictObject({
      op: z.literal("property-equals"),
      subject: subjectSchema,
      property: propertyNameSchema,
      value: propertyValueSchema,
    }),
    z.strictObject({
      op: z.literal("property-not-blank"),
      subject: subjectSchema,
      property: propertyNameSchema,
    }),
    z.strictObject({
      op: z.literal("property-contains"),
      subject: subjectSchema,
      property: propertyNameSchema,
      text: shortText.min(1),
    }),
    z.strictObject({
      op: z.literal("crosses-boundary"),
      shape: z.enum(BOUNDARY_SHAPES).optional(),
    }),
    z.strictObject({ op: z.literal("unknown"), text: shortText }),
  ]),
);

/** Which part of an interaction a generated threat is recorded against. */
export const INTERACTION_TARGETS = ["flow", "source", "target"] as const;
export type InteractionTarget = (typeof INTERACTION_TARGETS)[number];

/**
 * What a rule is evaluated over: every interaction (source, data flow, target), or every element
 * of the given kinds. A bidirectional flow is two interactions, one per direction.
 */
export const ruleScopeSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("interaction"),
    /** The threat's target: the flow (default) or one of its two elements. */
    appliesTo: z.enum(INTERACTION_TARGETS),
  }),
  z.strictObject({
    kind: z.literal("element"),
    elementKinds: z.array(z.enum(RULE_ELEMENT_KINDS)).min(1),
  }),
]);
export type RuleScope = z.infer<typeof ruleScopeSchema>;

/**
 * A rule id: letters, digits and . _ : - (never "|", which separates the parts of an
 * interaction key). Keep ids stable: generated threats refer to them.
 */
export const ruleIdSchema = z
  .string()
  .min(1)
  .max(LIMITS.idLength)
  .regex(/^[A-Za-z0-9._:-]+$/, "Use letters, digits and . _ : - only");

/** Most rule ids one rule may declare equivalent to it. */
export const MAX_EQUIVALENT_RULES = 20;

/**
 * One threat-generation rule. Title and description are templates: `{source.name}`,
 * `{target.name}`, `{flow.name}`, `{element.name}` or any other field of those subjects.
 */
export const ruleSchema = z.strictObject({
  id: ruleIdSchema,
  title: z.string().trim().min(1).max(LIMITS.threatTitleLength),
  description: z.string().max(LIMITS.threatDescriptionLength),
  category: z.enum(STRIDE_CATEGORIES),
  scope: ruleScopeSchema,
  /** The rule fires when this holds... */
  include: ruleConditionSchema,
  /** ...unless this holds (e.g. "the flow authenticates its source"). */
  exclude: ruleConditionSchema.optional(),
  /**
   * Ids of rules (in this or any other set, e.g. "tmt:D4" of an imported Microsoft template)
   * that raise the same threat in other words: where both fire for the same element or
   * interaction, one threat is generated naming both rules (see merge-threats.ts).
   */
  equivalentTo: z.array(ruleIdSchema).max(MAX_EQUIVALENT_RULES).optional(),
  enabled: z.boolean(),
});
export type Rule = z.infer<typeof ruleSchema>;

/** A named, versionable list of rules with unique ids. */
export const ruleSetSchema = z
  .strictObject({
    id: ruleIdSchema,
    name: z.string().trim().min(1).max(LIMITS.elementNameLength),
    description: z.string().max(LIMITS.longTextLength),
    rules: z.array(ruleSchema).max(MAX_RULES_PER_SET),
  })
  .superRefine((ruleSet, context) => {
    const seen = new Set<string>();
    ruleSet.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) {
        context.addIssue({ code: "custom", path: ["rules", index, "id"], message: "Duplicate id" });
      }
      seen.add(rule.id);
      // The rule engine and the builder walk conditions at most this deep, whatever the source.
      for (const part of ["include", "exclude"] as const) {
        const condition = rule[part];
        if (condition && getConditionDepth(condition) > MAX_CONDITION_DEPTH) {
          context.addIssue({
            code: "custom",
            path: ["rules", index, part],
            message: `Conditions may nest at most ${MAX_CONDITION_DEPTH} levels deep`,
          });
        }
      }
    });
  });
export type RuleSet = z.infer<typeof ruleSetSchema>;

/** Levels of the condition tree (a leaf is 1), counted without recursion. */
export function getConditionDepth(condition: RuleCondition): number {
  let deepest = 0;
  const stack: { node: RuleCondition; depth: number }[] = [{ node: condition, depth: 1 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { node, depth } = next;
    deepest = Math.max(deepest, depth);
    if (node.op === "and" || node.op === "or") {
      for (const child of node.conditions) stack.push({ node: child, depth: depth + 1 });
    } else if (node.op === "not") {
      stack.push({ node: node.condition, depth: depth + 1 });
    }
  }
  return deepest;
}

/**
 * How deeply `value` nests objects and arrays, counted without recursion so hostile input
 * cannot overflow the stack. Stops counting once `limit` is passed.
 */
export function measureNesting(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: { item: unknown; depth: number }[] = [{ item: value, depth: 0 }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined || typeof next.item !== "object" || next.item === null) continue;
    const depth = next.depth + 1;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(next.item)) stack.push({ item: child, depth });
  }
  return deepest;
}

/**
 * Parses a rule set from untrusted JSON data (e.g. an imported file). Throws
 * AppError("bad_request") when it is nested too deeply or does not match ruleSetSchema.
 */
export function parseRuleSet(input: unknown): RuleSet {
  if (measureNesting(input, MAX_RULE_SET_NESTING) > MAX_RULE_SET_NESTING) {
    throw new AppError("bad_request", "The rule set is nested too deeply");
  }
  const result = ruleSetSchema.safeParse(input);
  if (!result.success) {
    throw new AppError("bad_request", "Invalid rule set", {
      issues: result.error.issues.map((issue) => ({
        path: issue.path.map(String).join("."),
        message: issue.message,
      })),
    });
  }
  return result.data;
}
