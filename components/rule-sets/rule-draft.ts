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
 *   only when:   all of a list of tests of text and yes/no fields (field-tests.ts);
 *   unless:      any of a list of yes/no fields is yes, or a text field test holds.
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
}

/** The builder fields a validation message belongs to; `form` is the whole rule. */
export type DraftField =
  "id" | "title" | "description" | "category" | "elementKinds" | "exclusions" | "form";

/** One message per builder field, and per field test by test id. */
export type DraftErrors = Partial<Record<DraftField, string>> & {
  tests?: Readonly<Record<string, FieldTestErrors>>;
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
  };
}

/** An id for a new field test of the draft: one more than the largest numeric id in use. */
export function createFieldTestId(draft: Pick<RuleDraft, "requirements" | "exclusions">): string {
  const used = [...draft.requirements, ...draft.exclusions].map((test) => Number(test.id));
  return String(Math.max(0, ...used.filter(Number.isSafeInteger)) + 1);
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
  return {
    ...revised,
    requirements: fitTests(revised.requirements, listFieldOptions(revised)),
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

  const offered = new Map(listFieldOptions(draft).map((option) => [option.key, option]));
  const include: RuleCondition[] = [];
  if (draft.scope === "interaction") {
    if (draft.sourceKinds.length > 0) include.push(isKind("source", ...draft.sourceKinds));
    if (draft.targetKinds.length > 0) include.push(isKind("target", ...draft.targetKinds));
    if (draft.boundaryCrossing !== "not-required") {
      include.push(
        crossesBoundary(draft.boundaryCrossing === "any" ? undefined : draft.boundaryCrossing),
      );
    }
  }
  for (const test of draft.requirements) {
    const option = offered.get(test.key);
    const problem = findFieldTestProblem(test, option);
    if (problem !== null) testErrors[test.id] = problem;
    else if (option !== undefined) include.push(buildFieldCondition(test, option));
  }

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

  const scope: Rule["scope"] =
    draft.scope === "interaction"
      ? { kind: "interaction", appliesTo: draft.appliesTo }
      : { kind: "element", elementKinds: [...new Set(draft.elementKinds)] };
  if (Object.keys(testErrors).length > 0) errors.tests = testErrors;
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

/**
 * Reads one part of an interaction rule's include into the draft (kinds, crossing or a field
 * test), or returns false for a part the builder cannot show.
 */
function readInteractionPart(
  part: RuleCondition,
  draft: RuleDraft,
  readTest: (condition: RuleCondition) => FieldTest | null,
): boolean {
  if (part.op === "crosses-boundary") {
    if (draft.boundaryCrossing !== "not-required") return false;
    draft.boundaryCrossing = part.shape ?? "any";
    return true;
  }
  const subject = readSubjectOfKinds(part);
  if (subject !== null) {
    const kinds = readKinds(part, subject);
    const current = subject === "source" ? draft.sourceKinds : draft.targetKinds;
    // A second condition on the same subject would intersect, which the builder cannot show.
    if (kinds === null || current.length > 0) return false;
    if (subject === "source") draft.sourceKinds = kinds;
    else draft.targetKinds = kinds;
    return true;
  }
  const test = readTest(part);
  if (test === null) return false;
  draft.requirements.push(test);
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
  const draft = draftRuleTexts(rule);
  let testCount = 0;
  function readTest(condition: RuleCondition): FieldTest | null {
    const test = readFieldTest(condition);
    if (test === null) return null;
    testCount += 1;
    return { id: String(testCount), ...test };
  }

  if (rule.scope.kind === "interaction") {
    draft.scope = "interaction";
    draft.appliesTo = rule.scope.appliesTo;
    for (const part of listConjuncts(rule.include)) {
      if (!readInteractionPart(part, draft, readTest)) return null;
    }
  } else {
    draft.scope = "element";
    draft.elementKinds = [...new Set(rule.scope.elementKinds)];
    for (const part of listConjuncts(rule.include)) {
      const test = readTest(part);
      if (test === null) return null;
      draft.requirements.push(test);
    }
  }
  if (rule.exclude !== undefined) {
    const leaves = rule.exclude.op === "or" ? rule.exclude.conditions : [rule.exclude];
    for (const leaf of leaves) {
      const test = readTest(leaf);
      if (test === null) return null;
      draft.exclusions.push(test);
    }
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
  };
}
