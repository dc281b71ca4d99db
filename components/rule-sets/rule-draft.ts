import type { StrideCategory } from "@/lib/model/threats";
import { ALWAYS, allOf, anyOf, crossesBoundary, isKind } from "@/lib/stride/rule-builders";
import {
  ruleSchema,
  type InteractionTarget,
  type Rule,
  type RuleCondition,
  type RuleElementKind,
} from "@/lib/stride/rule-types";
import {
  ENDPOINT_KINDS,
  listExclusionOptions,
  listFieldOptions,
  listTextFieldOptions,
  type DraftScope,
  type EndpointKind,
  type FieldOption,
} from "./field-options";
import {
  buildGroupCondition,
  fitGroups,
  listGroupIds,
  readConditionGroup,
  type ConditionGroup,
  type GroupContext,
  type GroupErrors,
} from "./condition-groups";
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
 * The rule builder's state (a draft) and its conversion to and from a lib/stride rule. The
 * builder covers the common shapes of rule without free-form conditions:
 *   interaction: source kind is one of ..., target kind is one of ..., the flow crosses a trust
 *                boundary (of any shape, a box or a line), then "only when" field tests;
 *   element:     every element of the chosen kinds, then "only when" field tests;
 *   only when:   all of a list of tests of text and yes/no fields (field-tests.ts), then all of
 *                a list of "any of" / "all of" groups (condition-groups.ts);
 *   unless:      any of a list of yes/no fields is yes, or a text field test holds, then any of
 *                a list of groups.
 * Rules of any other shape (hand-written, imported) read as null and keep their condition.
 */

/** Whether an interaction rule needs its data flow to cross a trust boundary, and of which shape. */
export const BOUNDARY_CROSSINGS = ["not-required", "any", "box", "line"] as const;
export type BoundaryCrossing = (typeof BOUNDARY_CROSSINGS)[number];

/** What the rule builder edits; see buildRuleFromDraft and readRuleDraft. */
export interface RuleDraft {
  /** Stable once saved: generated threats refer to it. */
  id: string;
  /** A template, e.g. "Spoofing of {source.name}". */
  title: string;
  description: string;
  category: StrideCategory;
  isEnabled: boolean;
  scope: DraftScope;
  /** Interaction rules: what the threat is recorded against. */
  appliesTo: InteractionTarget;
  /** Interaction rules: the source is one of these kinds; empty means any kind. */
  sourceKinds: EndpointKind[];
  /** Interaction rules: the target is one of these kinds; empty means any kind. */
  targetKinds: EndpointKind[];
  /** Interaction rules: fire only when the data flow crosses a trust boundary (of a shape). */
  boundaryCrossing: BoundaryCrossing;
  /** Element rules: the kinds it runs on (at least one). */
  elementKinds: RuleElementKind[];
  /** "Only when": the rule fires only when every test holds (fields of listFieldOptions). */
  requirements: FieldTest[];
  /**
   * "Unless": the rule does not fire when any test holds. Yes/no fields (listExclusionOptions)
   * are tested "is-yes" only; text fields (listTextFieldOptions) with any text operator.
   */
  exclusions: FieldTest[];
  /** "Only when", after `requirements`: every group must hold too. */
  requirementGroups: ConditionGroup[];
  /** "Unless", after `exclusions`: the rule does not fire when any group holds either. */
  exclusionGroups: ConditionGroup[];
  /**
   * Interaction rules: the crossing is written after the "only when" tests and groups rather
   * than after the kinds. It changes nothing in what the rule matches; it is kept so that a
   * rule read from its JSON is saved back unchanged.
   */
  isCrossingWrittenLast: boolean;
  /** Rules that raise the same threat (Rule.equivalentTo); not edited here, kept on save. */
  equivalentTo: string[];
}

/** The builder fields a validation message belongs to; `form` is the whole rule. */
export type DraftField =
  "id" | "title" | "description" | "category" | "elementKinds" | "exclusions" | "form";

/** One message per builder field, per field test by test id, and per group or group condition. */
export type DraftErrors = Partial<Record<DraftField, string>> & {
  tests?: Readonly<Record<string, FieldTestErrors>>;
  /** Messages of groups and of their kind and crossing conditions, by id. */
  items?: Readonly<Record<string, string>>;
};
export type DraftResult = { ok: true; rule: Rule } | { ok: false; errors: DraftErrors };

/** The state of the builder for a new rule: an enabled spoofing rule on every interaction. */
export function createRuleDraft(): RuleDraft {
  return {
    id: "",
    title: "",
    description: "",
    category: "spoofing",
    isEnabled: true,
    scope: "interaction",
    appliesTo: "flow",
    sourceKinds: [],
    targetKinds: [],
    boundaryCrossing: "not-required",
    elementKinds: ["process"],
    requirements: [],
    exclusions: [],
    requirementGroups: [],
    exclusionGroups: [],
    isCrossingWrittenLast: false,
    equivalentTo: [],
  };
}

/**
 * An id for a new field test, group or group condition of the draft: one more than the largest
 * numeric id in use.
 */
export function createFieldTestId(
  draft: Pick<RuleDraft, "requirements" | "exclusions" | "requirementGroups" | "exclusionGroups">,
): string {
  const used = [
    ...[...draft.requirements, ...draft.exclusions].map((test) => test.id),
    ...listGroupIds([...draft.requirementGroups, ...draft.exclusionGroups]),
  ].map(Number);
  return String(Math.max(0, ...used.filter(Number.isSafeInteger)) + 1);
}

/** What the draft's groups may use: its offered fields, and kinds and crossings or not. */
export function getGroupContext(draft: RuleDraft): GroupContext {
  return {
    fields: new Map(listFieldOptions(draft).map((option) => [option.key, option])),
    isInteraction: draft.scope === "interaction",
  };
}

/**
 * A new "only when" test (the first offered field, its default test) or "unless" text test
 * (the first text field), or null when the draft offers no field for it.
 */
export function createFieldTest(
  draft: RuleDraft,
  list: "requirements" | "exclusions",
): FieldTest | null {
  const [first] = list === "requirements" ? listFieldOptions(draft) : listTextFieldOptions(draft);
  if (first === undefined) return null;
  const [operator] = OPERATORS_OF_TYPE[first.type];
  if (operator === undefined) return null;
  return { id: createFieldTestId(draft), key: first.key, operator, text: "" };
}

/** True when an "unless" test is the yes/no field `key` tested "is-yes" (a checkbox). */
export function isExclusionChecked(test: FieldTest, key: string): boolean {
  return test.key === key && test.operator === "is-yes";
}

/** The draft's "unless" tests with the yes/no field `key` checked (appended) or unchecked. */
export function toggleExclusion(draft: RuleDraft, key: string, isChecked: boolean): FieldTest[] {
  const others = draft.exclusions.filter((test) => !isExclusionChecked(test, key));
  if (!isChecked) return others;
  return [...others, { id: createFieldTestId(draft), key, operator: "is-yes", text: "" }];
}

/** True when an "unless" test is a checked yes/no field rather than a text test. */
function isCheckedFlag(test: FieldTest, flagKeys: ReadonlySet<string>): boolean {
  return test.operator === "is-yes" && flagKeys.has(test.key);
}

/** The draft's "unless" tests of text fields, in order (the others are checked yes/no fields). */
export function listTextExclusions(draft: RuleDraft): FieldTest[] {
  const flagKeys = new Set(listExclusionOptions(draft).map((option) => option.key));
  return draft.exclusions.filter((test) => !isCheckedFlag(test, flagKeys));
}

/**
 * The draft's "unless" tests with its text tests replaced by `tests`: an edited test keeps its
 * place among the checked yes/no fields, a removed one goes, a new one is appended.
 */
export function replaceTextExclusions(draft: RuleDraft, tests: readonly FieldTest[]): FieldTest[] {
  const flagKeys = new Set(listExclusionOptions(draft).map((option) => option.key));
  const byId = new Map(tests.map((test) => [test.id, test]));
  const kept = draft.exclusions.flatMap((test) => {
    if (isCheckedFlag(test, flagKeys)) return [test];
    const edited = byId.get(test.id);
    return edited === undefined ? [] : [edited];
  });
  const keptIds = new Set(kept.map((test) => test.id));
  return [...kept, ...tests.filter((test) => !keptIds.has(test.id))];
}

/** Keeps the tests whose field `options` offers, each with an operator its field allows. */
function fitTests(tests: readonly FieldTest[], options: readonly FieldOption[]): FieldTest[] {
  const byKey = new Map(options.map((option) => [option.key, option]));
  return tests.flatMap((test) => {
    const option = byKey.get(test.key);
    if (option === undefined) return [];
    if (isOperatorOfType(test.operator, option.type)) return [test];
    const [operator] = OPERATORS_OF_TYPE[option.type];
    return operator === undefined ? [] : [{ ...test, operator }];
  });
}

/**
 * Applies changes to a draft, drops the tests of fields its new scope or kinds no longer offer
 * and gives a test whose field changed type that type's default operator.
 */
export function reviseDraft(draft: RuleDraft, changes: Partial<RuleDraft>): RuleDraft {
  const revised = { ...draft, ...changes };
  const flagKeys = new Set(listExclusionOptions(revised).map((option) => option.key));
  const textKeys = new Set(listTextFieldOptions(revised).map((option) => option.key));
  const context = getGroupContext(revised);
  return {
    ...revised,
    requirements: fitTests(revised.requirements, listFieldOptions(revised)),
    requirementGroups: fitGroups(revised.requirementGroups, context),
    exclusionGroups: fitGroups(revised.exclusionGroups, context),
    exclusions: revised.exclusions.filter((test) =>
      flagKeys.has(test.key)
        ? test.operator === "is-yes"
        : textKeys.has(test.key) && isOperatorOfType(test.operator, "text"),
    ),
  };
}

/** Placeholder fields worth showing per kind, beyond `name`. */
const PLACEHOLDER_FIELDS: Readonly<Record<RuleElementKind, readonly string[]>> = {
  "external-entity": ["authentication"],
  process: ["code"],
  "data-store": ["storeType"],
  "data-flow": ["protocol", "dataCarried"],
  "trust-boundary": [],
};

/** The template placeholders a draft's title and description can use, most useful first. */
export function listPlaceholders(draft: Pick<RuleDraft, "scope" | "elementKinds">): string[] {
  if (draft.scope === "interaction") {
    return [
      "{source.name}",
      "{target.name}",
      "{flow.name}",
      "{flow.protocol}",
      "{flow.dataCarried}",
    ];
  }
  const fields = new Set([
    "name",
    ...draft.elementKinds.flatMap((kind) => PLACEHOLDER_FIELDS[kind]),
  ]);
  return [...fields].map((field) => `{element.${field}}`);
}

/** The subjects whose placeholders a rule's templates render (see lib/stride/engine.ts). */
function listTemplateSubjects(rule: Pick<Rule, "scope">): readonly string[] {
  if (rule.scope.kind === "interaction") return ["source", "target", "flow"];
  return rule.scope.elementKinds.includes("data-flow") ? ["element", "flow"] : ["element"];
}

const PLACEHOLDER_LIKE = /\{([A-Za-z]+)\.([A-Za-z][A-Za-z0-9_]*)\}/g;

/** Why a template uses a subject the rule does not see, or null when it does not. */
function checkPlaceholders(template: string, subjects: readonly string[]): string | null {
  for (const match of template.matchAll(PLACEHOLDER_LIKE)) {
    if (!subjects.includes(match[1] ?? "")) {
      const allowed = subjects.map((subject) => `{${subject}.…}`).join(", ");
      return `${match[0]} is not a placeholder of this rule: use ${allowed}.`;
    }
  }
  return null;
}

/** Suggests an id from the title ("spoofing-of-source-name"), unused among `takenIds`. */
export function suggestRuleId(title: string, takenIds: ReadonlySet<string>): string {
  const base =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .slice(0, 56)
      .replace(/^-+|-+$/g, "") || "rule";
  if (!takenIds.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${base}-${suffix}`;
    if (!takenIds.has(candidate)) return candidate;
  }
}

function fieldOfPath(path: readonly PropertyKey[]): DraftField {
  const [first, second] = path;
  if (first === "id" || first === "title" || first === "description" || first === "category") {
    return first;
  }
  if (first === "scope" && second === "elementKinds") return "elementKinds";
  return "form";
}

const FRIENDLY_TOO_SMALL: Partial<Record<DraftField, string>> = {
  id: "Enter an id.",
  title: "Enter a title.",
  elementKinds: "Choose at least one kind of element.",
};

/**
 * Checks a rule against lib/stride's rule schema, plus what the schema cannot know: ids of the
 * set's other rules (`takenIds`) and placeholders of subjects the rule does not see. Returns
 * the parsed rule or one message per builder field.
 */
export function validateRule(candidate: Rule, takenIds: ReadonlySet<string>): DraftResult {
  const errors: DraftErrors = {};
  const parsed = ruleSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path);
      errors[field] ??=
        (issue.code === "too_small" ? FRIENDLY_TOO_SMALL[field] : undefined) ?? issue.message;
    }
  }
  if (takenIds.has(candidate.id)) errors.id ??= "Another rule already has this id.";
  const subjects = listTemplateSubjects(candidate);
  const titleProblem = checkPlaceholders(candidate.title, subjects);
  if (titleProblem !== null) errors.title ??= titleProblem;
  const descriptionProblem = checkPlaceholders(candidate.description, subjects);
  if (descriptionProblem !== null) errors.description ??= descriptionProblem;
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, rule: parsed.data };
}

/** What a draft's conditions build to, and the messages of tests that cannot be built. */
interface ComposedCondition {
  condition: Pick<Rule, "scope" | "include" | "exclude">;
  errors: DraftErrors;
}

/** The scope, include and exclude of a draft; tests with problems are left out and reported. */
function composeCondition(draft: RuleDraft): ComposedCondition {
  const testErrors: Record<string, FieldTestErrors> = {};
  const errors: DraftErrors = {};

  const context = getGroupContext(draft);
  const groupErrors: GroupErrors = { tests: testErrors, items: {} };
  const addGroups = (groups: readonly ConditionGroup[], conditions: RuleCondition[]) => {
    for (const group of groups) {
      const condition = buildGroupCondition(group, context, groupErrors);
      if (condition !== null) conditions.push(condition);
    }
  };

  const include: RuleCondition[] = [];
  const crossing =
    draft.scope === "interaction" && draft.boundaryCrossing !== "not-required"
      ? crossesBoundary(draft.boundaryCrossing === "any" ? undefined : draft.boundaryCrossing)
      : null;
  if (draft.scope === "interaction") {
    if (draft.sourceKinds.length > 0) include.push(isKind("source", ...draft.sourceKinds));
    if (draft.targetKinds.length > 0) include.push(isKind("target", ...draft.targetKinds));
  }
  if (crossing !== null && !draft.isCrossingWrittenLast) include.push(crossing);
  for (const test of draft.requirements) {
    const option = context.fields.get(test.key);
    const problem = findFieldTestProblem(test, option);
    if (problem !== null) testErrors[test.id] = problem;
    else if (option !== undefined) include.push(buildFieldCondition(test, option));
  }
  addGroups(draft.requirementGroups, include);
  if (crossing !== null && draft.isCrossingWrittenLast) include.push(crossing);

  const flags = new Map(listExclusionOptions(draft).map((option) => [option.key, option]));
  const texts = new Map(listTextFieldOptions(draft).map((option) => [option.key, option]));
  const exclude: RuleCondition[] = [];
  for (const test of draft.exclusions) {
    const flag = flags.get(test.key);
    if (flag !== undefined && test.operator === "is-yes") {
      exclude.push(buildFieldCondition(test, flag));
      continue;
    }
    if (flag === undefined && !texts.has(test.key) && test.operator === "is-yes") {
      errors.exclusions ??= `“${test.key}” does not apply to the chosen kinds.`;
      continue;
    }
    const option = texts.get(test.key);
    const problem = findFieldTestProblem(test, option);
    if (problem !== null) testErrors[test.id] = problem;
    else if (option !== undefined) exclude.push(buildFieldCondition(test, option));
  }
  addGroups(draft.exclusionGroups, exclude);

  const scope: Rule["scope"] =
    draft.scope === "interaction"
      ? { kind: "interaction", appliesTo: draft.appliesTo }
      : { kind: "element", elementKinds: [...new Set(draft.elementKinds)] };
  if (Object.keys(testErrors).length > 0) errors.tests = testErrors;
  if (Object.keys(groupErrors.items).length > 0) errors.items = groupErrors.items;
  return {
    condition: {
      scope,
      include: include.length === 0 ? ALWAYS : allOf(...include),
      ...(exclude.length === 0 ? {} : { exclude: anyOf(...exclude) }),
    },
    errors,
  };
}

/**
 * Turns the builder's state into a rule and validates it (validateRule and each field test).
 * With `keepConditionOf` (a rule the builder cannot show) only id, texts, category and enabled
 * flag come from the draft; scope and conditions stay those of that rule.
 */
export function buildRuleFromDraft(
  draft: RuleDraft,
  options: { takenIds: ReadonlySet<string>; keepConditionOf?: Rule },
): DraftResult {
  const texts = {
    id: draft.id.trim(),
    title: draft.title,
    description: draft.description,
    category: draft.category,
    ...(draft.equivalentTo.length === 0 ? {} : { equivalentTo: draft.equivalentTo }),
  };
  const kept = options.keepConditionOf;
  if (kept !== undefined) {
    const { scope, include, exclude } = kept;
    return validateRule(
      {
        ...texts,
        scope,
        include,
        ...(exclude === undefined ? {} : { exclude }),
        enabled: draft.isEnabled,
      },
      options.takenIds,
    );
  }

  const composed = composeCondition(draft);
  const result = validateRule(
    { ...texts, ...composed.condition, enabled: draft.isEnabled },
    options.takenIds,
  );
  if (Object.keys(composed.errors).length === 0) return result;
  return { ok: false, errors: { ...(result.ok ? {} : result.errors), ...composed.errors } };
}

function isEndpointKind(kind: RuleElementKind): kind is EndpointKind {
  return ENDPOINT_KINDS.some((endpoint) => endpoint === kind);
}

/** The kinds a `kind-is` (or an `or` of them) allows for `subject`, or null for another shape. */
function readKinds(condition: RuleCondition, subject: "source" | "target"): EndpointKind[] | null {
  const leaves = condition.op === "or" ? condition.conditions : [condition];
  const kinds: EndpointKind[] = [];
  for (const leaf of leaves) {
    if (leaf.op !== "kind-is" || leaf.subject !== subject || !isEndpointKind(leaf.kind)) {
      return null;
    }
    if (!kinds.includes(leaf.kind)) kinds.push(leaf.kind);
  }
  return kinds;
}

function readSubjectOfKinds(condition: RuleCondition): "source" | "target" | null {
  const first = condition.op === "or" ? condition.conditions[0] : condition;
  if (first?.op !== "kind-is") return null;
  return first.subject === "source" || first.subject === "target" ? first.subject : null;
}

/** The conditions an and-ed condition is made of ("always" is made of none). */
function listConjuncts(condition: RuleCondition): readonly RuleCondition[] {
  if (condition.op === "always") return [];
  return condition.op === "and" ? condition.conditions : [condition];
}

/** Reads ids in reading order, so that a draft read twice gets the same ids. */
function createIdCounter(): () => string {
  let count = 0;
  return () => {
    count += 1;
    return String(count);
  };
}

/**
 * Reads one part of an interaction rule's include into the draft as kinds or the crossing, in
 * the places the builder writes them, or returns false for a part that is neither.
 */
function readInteractionPart(part: RuleCondition, draft: RuleDraft): boolean {
  const hasConditions = draft.requirements.length > 0 || draft.requirementGroups.length > 0;
  if (part.op === "crosses-boundary") {
    if (draft.boundaryCrossing !== "not-required") return false;
    draft.boundaryCrossing = part.shape ?? "any";
    draft.isCrossingWrittenLast = hasConditions;
    return true;
  }
  // Kinds come first: source, then target. Later kind tests can only be groups.
  if (hasConditions || draft.boundaryCrossing !== "not-required") return false;
  const subject = readSubjectOfKinds(part);
  if (subject === null || draft.targetKinds.length > 0) return false;
  if (subject === "source" && draft.sourceKinds.length > 0) return false;
  const kinds = readKinds(part, subject);
  if (kinds === null) return false;
  if (subject === "source") draft.sourceKinds = kinds;
  else draft.targetKinds = kinds;
  return true;
}

/**
 * Reads a rule's include into the draft: each part as kinds, the crossing, a field test or a
 * group (`asOneGroup`: the whole include as a single group). Returns false when a part is none.
 */
function readInclude(
  rule: Rule,
  draft: RuleDraft,
  nextId: () => string,
  asOneGroup: boolean,
): boolean {
  const parts = asOneGroup ? [rule.include] : listConjuncts(rule.include);
  for (const part of parts) {
    if (!asOneGroup && draft.scope === "interaction" && readInteractionPart(part, draft)) continue;
    const test = asOneGroup ? null : readFieldTest(part);
    if (test !== null && draft.requirementGroups.length === 0) {
      draft.requirements.push({ id: nextId(), ...test });
      continue;
    }
    const group = readConditionGroup(part, nextId);
    if (group === null) return false;
    draft.requirementGroups.push(group);
  }
  return true;
}

/**
 * Reads a rule's exclude into the draft: each part of its `or` as a field test or a group
 * (`asOneGroup`: the whole exclude as a single group). Returns false when a part is neither.
 */
function readExclude(
  exclude: RuleCondition,
  draft: RuleDraft,
  nextId: () => string,
  asOneGroup: boolean,
): boolean {
  const parts = asOneGroup || exclude.op !== "or" ? [exclude] : exclude.conditions;
  for (const part of parts) {
    const test = asOneGroup ? null : readFieldTest(part);
    if (test !== null && draft.exclusionGroups.length === 0) {
      draft.exclusions.push({ id: nextId(), ...test });
      continue;
    }
    const group = readConditionGroup(part, nextId);
    if (group === null) return false;
    draft.exclusionGroups.push(group);
  }
  return true;
}

/** Structural equality of JSON data; a key whose value is undefined counts as absent. */
function isSameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => isSameData(item, b[index]))
    );
  }
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const entriesOf = (value: object) =>
    Object.entries(value).filter(([, item]) => item !== undefined);
  const entriesA = entriesOf(a);
  const entriesB = new Map(entriesOf(b));
  return (
    entriesA.length === entriesB.size &&
    entriesA.every(([key, item]) => entriesB.has(key) && isSameData(item, entriesB.get(key)))
  );
}

/**
 * The builder's state for a rule, or null when its conditions have a shape the builder cannot
 * show (then edit it with draftRuleTexts and keepConditionOf). buildRuleFromDraft of the result
 * gives back the same scope and conditions, so saving an untouched rule changes nothing.
 */
export function readRuleDraft(rule: Rule): RuleDraft | null {
  // Parts read one by one first; failing that, the whole include or exclude as one group
  // (e.g. "all of" kind tests in an order the builder does not write kinds in).
  for (const includeAsOneGroup of [false, true]) {
    for (const excludeAsOneGroup of rule.exclude === undefined ? [false] : [false, true]) {
      const draft = readDraftAs(rule, includeAsOneGroup, excludeAsOneGroup);
      if (draft !== null) return draft;
    }
  }
  return null;
}

/** readRuleDraft with one way of reading the include and the exclude; see readInclude. */
function readDraftAs(
  rule: Rule,
  includeAsOneGroup: boolean,
  excludeAsOneGroup: boolean,
): RuleDraft | null {
  const draft = draftRuleTexts(rule);
  const nextId = createIdCounter();
  if (rule.scope.kind === "interaction") {
    draft.scope = "interaction";
    draft.appliesTo = rule.scope.appliesTo;
  } else {
    draft.scope = "element";
    draft.elementKinds = [...new Set(rule.scope.elementKinds)];
  }
  if (!readInclude(rule, draft, nextId, includeAsOneGroup)) return null;
  if (rule.exclude !== undefined && !readExclude(rule.exclude, draft, nextId, excludeAsOneGroup)) {
    return null;
  }

  // The parts read must be offered, valid and in the order the builder writes them.
  const composed = composeCondition(draft);
  if (Object.keys(composed.errors).length > 0) return null;
  const { scope, include, exclude } = rule;
  return isSameData(composed.condition, { scope, include, exclude }) ? draft : null;
}

/** A draft with the rule's id, texts, category and enabled flag and a default condition. */
export function draftRuleTexts(rule: Rule): RuleDraft {
  return {
    ...createRuleDraft(),
    id: rule.id,
    title: rule.title,
    description: rule.description,
    category: rule.category,
    isEnabled: rule.enabled,
    equivalentTo: [...(rule.equivalentTo ?? [])],
  };
}
