import { crossesBoundary, isKind } from "@/lib/stride/rule-builders";
import type { RuleCondition } from "@/lib/stride/rule-types";
import { ENDPOINT_KINDS, type EndpointKind, type FieldOption } from "./field-options";
import {
  buildFieldCondition,
  findFieldTestProblem,
  isOperatorOfType,
  OPERATORS_OF_TYPE,
  readFieldTest,
  type FieldTest,
  type FieldTestErrors,
} from "./field-tests";

/*
 * Groups of conditions in the rule builder: "any of" (an `or`) or "all of" (an `and`) of field
 * tests, kind tests on the source or target and trust boundary crossings, with groups one level
 * down inside a group. They let the builder show rules such as "the source or the target is a
 * data store" or "either of two sets of conditions", and read them back exactly.
 */

/** How a group's conditions combine. */
export const GROUP_MODES = ["any", "all"] as const;
export type GroupMode = (typeof GROUP_MODES)[number];

/** The shapes of trust boundary a crossing condition counts; "any" counts every shape. */
export type CrossingShape = "any" | "box" | "line";

/** A field test inside a group; its id keys its messages like any field test. */
export type GroupFieldTest = FieldTest & { type: "field" };

/** Interaction rules: the source (or target) is one of these kinds. */
export interface GroupKindTest {
  type: "kind";
  id: string;
  subject: "source" | "target";
  kinds: EndpointKind[];
}

/** Interaction rules: the data flow crosses a trust boundary of this shape. */
export interface GroupCrossingTest {
  type: "crossing";
  id: string;
  shape: CrossingShape;
}

/** One condition of a group. */
export type GroupCondition = GroupFieldTest | GroupKindTest | GroupCrossingTest;

/** A group inside a group: conditions only, no deeper groups. */
export interface Subgroup {
  type: "group";
  id: string;
  mode: GroupMode;
  conditions: GroupCondition[];
}

/** A group of the "only when" or "unless" list; it needs two items or more. */
export interface ConditionGroup {
  id: string;
  mode: GroupMode;
  items: (GroupCondition | Subgroup)[];
}

/** Messages about groups: field tests by test id, the rest by group or condition id. */
export interface GroupErrors {
  tests: Record<string, FieldTestErrors>;
  items: Record<string, string>;
}

/** What a group's conditions may use: the offered fields, and kinds and crossings or not. */
export interface GroupContext {
  fields: ReadonlyMap<string, FieldOption>;
  isInteraction: boolean;
}

/** The ids used by the groups and everything in them. */
export function listGroupIds(groups: readonly ConditionGroup[]): string[] {
  return groups.flatMap((group) => [
    group.id,
    ...group.items.flatMap((item) =>
      item.type === "group" ? [item.id, ...item.conditions.map((each) => each.id)] : [item.id],
    ),
  ]);
}

function buildGroupTest(
  condition: GroupCondition,
  context: GroupContext,
  errors: GroupErrors,
): RuleCondition | null {
  if (condition.type === "field") {
    const option = context.fields.get(condition.key);
    const problem = findFieldTestProblem(condition, option);
    if (problem !== null) errors.tests[condition.id] = problem;
    return problem === null && option !== undefined ? buildFieldCondition(condition, option) : null;
  }
  if (!context.isInteraction) {
    errors.items[condition.id] = "Only interaction rules can test kinds and crossings.";
    return null;
  }
  if (condition.type === "crossing") {
    return crossesBoundary(condition.shape === "any" ? undefined : condition.shape);
  }
  if (condition.kinds.length === 0) {
    errors.items[condition.id] = "Choose at least one kind.";
    return null;
  }
  return isKind(condition.subject, ...condition.kinds);
}

/** An `or` or `and` of the parts; a group needs two parts so that it reads back as one. */
function combine(
  id: string,
  mode: GroupMode,
  parts: readonly (RuleCondition | null)[],
  errors: GroupErrors,
): RuleCondition | null {
  if (parts.length < 2) {
    errors.items[id] = "Add a second condition to this group, or remove the group.";
    return null;
  }
  const built = parts.filter((part): part is RuleCondition => part !== null);
  if (built.length < parts.length) return null;
  return { op: mode === "any" ? "or" : "and", conditions: built };
}

/**
 * The condition a group stands for, or null when something in it cannot be built; the reasons
 * are added to `errors`.
 */
export function buildGroupCondition(
  group: ConditionGroup,
  context: GroupContext,
  errors: GroupErrors,
): RuleCondition | null {
  const parts = group.items.map((item) =>
    item.type === "group"
      ? combine(
          item.id,
          item.mode,
          item.conditions.map((each) => buildGroupTest(each, context, errors)),
          errors,
        )
      : buildGroupTest(item, context, errors),
  );
  return combine(group.id, group.mode, parts, errors);
}

function isEndpointKind(kind: string): kind is EndpointKind {
  return ENDPOINT_KINDS.some((endpoint) => endpoint === kind);
}

/** A kind test (`kind-is`, or an `or` of them on one subject, each kind once), or null. */
function readKindTest(condition: RuleCondition, nextId: () => string): GroupKindTest | null {
  const leaves = condition.op === "or" ? condition.conditions : [condition];
  const [first] = leaves;
  if (first?.op !== "kind-is" || (first.subject !== "source" && first.subject !== "target")) {
    return null;
  }
  const kinds: EndpointKind[] = [];
  for (const leaf of leaves) {
    if (leaf.op !== "kind-is" || leaf.subject !== first.subject) return null;
    if (!isEndpointKind(leaf.kind) || kinds.includes(leaf.kind)) return null;
    kinds.push(leaf.kind);
  }
  return { type: "kind", id: nextId(), subject: first.subject, kinds };
}

function readGroupTest(condition: RuleCondition, nextId: () => string): GroupCondition | null {
  if (condition.op === "crosses-boundary") {
    return { type: "crossing", id: nextId(), shape: condition.shape ?? "any" };
  }
  const test = readFieldTest(condition);
  if (test !== null) return { type: "field", id: nextId(), ...test };
  return readKindTest(condition, nextId);
}

/** The `and` or `or` of two conditions or more, as a mode and its parts, or null. */
function readCombination(
  condition: RuleCondition,
): { mode: GroupMode; parts: readonly RuleCondition[] } | null {
  if ((condition.op !== "or" && condition.op !== "and") || condition.conditions.length < 2) {
    return null;
  }
  return { mode: condition.op === "or" ? "any" : "all", parts: condition.conditions };
}

/**
 * The group a condition stands for, or null when it is not an `and` or `or` of conditions a
 * group can hold. `nextId` numbers the group and its contents in reading order. Whether the
 * fields are offered is for the caller to check (by building the group again).
 */
export function readConditionGroup(
  condition: RuleCondition,
  nextId: () => string,
): ConditionGroup | null {
  const combination = readCombination(condition);
  if (combination === null) return null;
  const group: ConditionGroup = { id: nextId(), mode: combination.mode, items: [] };
  for (const part of combination.parts) {
    const test = readGroupTest(part, nextId);
    if (test !== null) {
      group.items.push(test);
      continue;
    }
    const inner = readCombination(part);
    if (inner === null) return null;
    const subgroup: Subgroup = { type: "group", id: nextId(), mode: inner.mode, conditions: [] };
    for (const innerPart of inner.parts) {
      const innerTest = readGroupTest(innerPart, nextId);
      if (innerTest === null) return null;
      subgroup.conditions.push(innerTest);
    }
    group.items.push(subgroup);
  }
  return group;
}

/**
 * Fits a group condition to what the rule now offers: a field test keeps a field still offered
 * (taking its type's default test when the type changed); kinds and crossings stay only in
 * interaction rules. Returns null for a condition to drop.
 */
function fitGroupTest(condition: GroupCondition, context: GroupContext): GroupCondition | null {
  if (condition.type !== "field") return context.isInteraction ? condition : null;
  const option = context.fields.get(condition.key);
  if (option === undefined) return null;
  if (isOperatorOfType(condition.operator, option.type)) return condition;
  const [operator] = OPERATORS_OF_TYPE[option.type];
  return operator === undefined ? null : { ...condition, operator };
}

/** The groups with each condition fitted (see fitGroupTest); groups left short stay, to be fixed. */
export function fitGroups(
  groups: readonly ConditionGroup[],
  context: GroupContext,
): ConditionGroup[] {
  const fit = (conditions: readonly GroupCondition[]) =>
    conditions.flatMap((condition) => fitGroupTest(condition, context) ?? []);
  return groups.map((group) => ({
    ...group,
    items: group.items.flatMap((item): (GroupCondition | Subgroup)[] =>
      item.type === "group" ? [{ ...item, conditions: fit(item.conditions) }] : fit([item]),
    ),
  }));
}

/** What a group condition tests, as the builder's condition picker names it. */
export type GroupConditionChoice = "kind:source" | "kind:target" | "crossing" | `field:${string}`;

/** The picker value of a condition: its field, the source or target kind, or the crossing. */
export function getConditionChoice(condition: GroupCondition): GroupConditionChoice {
  if (condition.type === "field") return `field:${condition.key}`;
  return condition.type === "crossing" ? "crossing" : `kind:${condition.subject}`;
}

/**
 * A new condition for `choice` with the given id: a field's default test, a kind test with no
 * kind chosen yet, or a crossing of any trust boundary. Null for a field not offered.
 */
export function createGroupCondition(
  id: string,
  choice: GroupConditionChoice,
  context: GroupContext,
): GroupCondition | null {
  if (choice === "crossing") return { type: "crossing", id, shape: "any" };
  if (choice === "kind:source" || choice === "kind:target") {
    return { type: "kind", id, subject: choice === "kind:source" ? "source" : "target", kinds: [] };
  }
  const option = context.fields.get(choice.slice("field:".length));
  const [operator] = option === undefined ? [] : OPERATORS_OF_TYPE[option.type];
  if (option === undefined || operator === undefined) return null;
  return { type: "field", id, key: option.key, operator, text: "" };
}

/** The condition a new group or group condition starts with: the first offered field. */
export function getFirstChoice(context: GroupContext): GroupConditionChoice | null {
  const [first] = context.fields.keys();
  if (first !== undefined) return `field:${first}`;
  return context.isInteraction ? "kind:source" : null;
}

/**
 * A new "any of" group holding two new conditions (see getFirstChoice), numbered from
 * `firstId`; null when the rule offers nothing to test.
 */
export function createConditionGroup(
  firstId: number,
  context: GroupContext,
): ConditionGroup | null {
  const choice = getFirstChoice(context);
  if (choice === null) return null;
  const first = createGroupCondition(String(firstId + 1), choice, context);
  const second = createGroupCondition(String(firstId + 2), choice, context);
  if (first === null || second === null) return null;
  return { id: String(firstId), mode: "any", items: [first, second] };
}
