import { ELEMENT_KIND_LABELS } from "@/lib/model/element-records";
import type { StrideCategory } from "@/lib/model/threats";
import {
  ALWAYS,
  allOf,
  anyOf,
  crossesBoundary,
  fieldEquals,
  isKind,
} from "@/lib/stride/rule-builders";
import {
  ruleSchema,
  type ConditionSubject,
  type InteractionTarget,
  type Rule,
  type RuleCondition,
  type RuleElementKind,
} from "@/lib/stride/rule-types";
import { CONTEXT_FLAGS } from "./context-flags";

/*
 * The rule builder's state (a draft) and its conversion to and from a lib/stride rule. The
 * builder covers the common shapes of rule without free-form conditions:
 *   interaction: source kind is one of ..., target kind is one of ..., the flow crosses a trust
 *                boundary (each optional);
 *   element:     every element of the chosen kinds;
 *   unless:      any of a list of yes/no context fields is true.
 * Rules of any other shape (hand-written, imported) read as null and keep their condition.
 */

/** The kinds of element a data flow can start or end at. */
export const ENDPOINT_KINDS = ["external-entity", "process", "data-store"] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];

/** Whether a rule runs over interactions (source, flow, target) or over single elements. */
export type DraftScope = "interaction" | "element";

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
  /** Interaction rules: fire only when the data flow crosses a trust boundary. */
  isBoundaryCrossingRequired: boolean;
  /** Element rules: the kinds it runs on (at least one). */
  elementKinds: RuleElementKind[];
  /** Keys (`subject.property`) of yes/no fields; the rule does not fire when any is true. */
  exclusions: string[];
}

/** A yes/no field the builder offers as an "unless" exclusion. */
export interface ExclusionOption {
  /** `subject.property`, as stored in RuleDraft.exclusions. */
  key: string;
  subject: ConditionSubject;
  property: string;
  /** e.g. "the source data store holds credentials". */
  label: string;
}

/** The builder fields a validation message belongs to; `form` is the whole rule. */
export type DraftField =
  "id" | "title" | "description" | "category" | "elementKinds" | "exclusions" | "form";
export type DraftErrors = Partial<Record<DraftField, string>>;
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
    isBoundaryCrossingRequired: false,
    elementKinds: ["process"],
    exclusions: [],
  };
}

function describeKind(kind: RuleElementKind): string {
  return kind === "data-flow" ? "data flow" : ELEMENT_KIND_LABELS[kind].toLowerCase();
}

/** The yes/no fields of `kinds` read through `subject`, one option per distinct field. */
function collectOptions(
  subject: ConditionSubject,
  subjectWord: string,
  kinds: readonly RuleElementKind[],
): ExclusionOption[] {
  const byKey = new Map<string, { property: string; phrase: string; kinds: RuleElementKind[] }>();
  for (const kind of kinds) {
    for (const flag of CONTEXT_FLAGS[kind]) {
      const key = `${subject}.${flag.property}`;
      const entry = byKey.get(key);
      if (entry === undefined) byKey.set(key, { ...flag, kinds: [kind] });
      else entry.kinds.push(kind);
    }
  }
  return [...byKey].map(([key, entry]) => ({
    key,
    subject,
    property: entry.property,
    label: ["the", subjectWord, entry.kinds.map(describeKind).join(" or "), entry.phrase]
      .filter((word) => word !== "")
      .join(" "),
  }));
}

/**
 * The exclusions the draft's scope and kinds can use: the data flow's fields and those of the
 * source and target kinds (all endpoint kinds when any kind is allowed) for an interaction
 * rule; the fields of the chosen kinds for an element rule.
 */
export function listExclusionOptions(
  draft: Pick<RuleDraft, "scope" | "sourceKinds" | "targetKinds" | "elementKinds">,
): ExclusionOption[] {
  if (draft.scope === "element") return collectOptions("element", "", draft.elementKinds);
  const orAny = (kinds: readonly EndpointKind[]) => (kinds.length === 0 ? ENDPOINT_KINDS : kinds);
  return [
    ...collectOptions("flow", "", ["data-flow"]),
    ...collectOptions("source", "source", orAny(draft.sourceKinds)),
    ...collectOptions("target", "target", orAny(draft.targetKinds)),
  ];
}

/** Applies changes to a draft and drops exclusions its new scope or kinds no longer offer. */
export function reviseDraft(draft: RuleDraft, changes: Partial<RuleDraft>): RuleDraft {
  const revised = { ...draft, ...changes };
  const offered = new Set(listExclusionOptions(revised).map((option) => option.key));
  return { ...revised, exclusions: revised.exclusions.filter((key) => offered.has(key)) };
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

function buildInclude(draft: RuleDraft): RuleCondition {
  if (draft.scope === "element") return ALWAYS;
  const parts: RuleCondition[] = [];
  if (draft.sourceKinds.length > 0) parts.push(isKind("source", ...draft.sourceKinds));
  if (draft.targetKinds.length > 0) parts.push(isKind("target", ...draft.targetKinds));
  if (draft.isBoundaryCrossingRequired) parts.push(crossesBoundary());
  return parts.length === 0 ? ALWAYS : allOf(...parts);
}

/**
 * Turns the builder's state into a rule and validates it (validateRule). With `keepConditionOf`
 * (a rule the builder cannot show) only id, texts, category and enabled flag come from the
 * draft; scope and conditions stay those of that rule.
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

  const offered = new Map(listExclusionOptions(draft).map((option) => [option.key, option]));
  const exclusions: RuleCondition[] = [];
  for (const key of new Set(draft.exclusions)) {
    const option = offered.get(key);
    if (option === undefined) {
      return { ok: false, errors: { exclusions: `“${key}” does not apply to the chosen kinds.` } };
    }
    exclusions.push(fieldEquals(option.subject, option.property, true));
  }
  const scope: Rule["scope"] =
    draft.scope === "interaction"
      ? { kind: "interaction", appliesTo: draft.appliesTo }
      : { kind: "element", elementKinds: [...new Set(draft.elementKinds)] };
  return validateRule(
    {
      ...texts,
      scope,
      include: buildInclude(draft),
      ...(exclusions.length === 0 ? {} : { exclude: anyOf(...exclusions) }),
      enabled: draft.isEnabled,
    },
    options.takenIds,
  );
}

function isEndpointKind(kind: RuleElementKind): kind is EndpointKind {
  return ENDPOINT_KINDS.some((endpoint) => endpoint === kind);
}

/** The kinds a `kind-is` (or an `or` of them) allows for `subject`, or null for another shape. */
function readKinds(condition: RuleCondition, subject: "source" | "target"): EndpointKind[] | null {
  const leaves = condition.op === "or" ? condition.conditions : [condition];
  const kinds: EndpointKind[] = [];
  for (const leaf of leaves) {
    if (leaf.op !== "kind-is" || leaf.subject !== subject || !isEndpointKind(leaf.kind))
      return null;
    if (!kinds.includes(leaf.kind)) kinds.push(leaf.kind);
  }
  return kinds;
}

function readSubjectOfKinds(condition: RuleCondition): "source" | "target" | null {
  const first = condition.op === "or" ? condition.conditions[0] : condition;
  if (first?.op !== "kind-is") return null;
  return first.subject === "source" || first.subject === "target" ? first.subject : null;
}

/** Reads an interaction rule's include into the draft, or returns false for another shape. */
function readInteractionInclude(include: RuleCondition, draft: RuleDraft): boolean {
  if (include.op === "always") return true;
  const parts = include.op === "and" ? include.conditions : [include];
  const seen = new Set<string>();
  for (const part of parts) {
    if (part.op === "crosses-boundary" && part.shape === undefined && !seen.has("crossing")) {
      seen.add("crossing");
      draft.isBoundaryCrossingRequired = true;
      continue;
    }
    const subject = readSubjectOfKinds(part);
    // A second condition on the same subject would intersect, which the builder cannot show.
    if (subject === null || seen.has(subject)) return false;
    const kinds = readKinds(part, subject);
    if (kinds === null) return false;
    seen.add(subject);
    if (subject === "source") draft.sourceKinds = kinds;
    else draft.targetKinds = kinds;
  }
  return true;
}

/** The exclusion keys of an exclude condition, or null when it has another shape. */
function readExclusions(exclude: RuleCondition | undefined): string[] | null {
  if (exclude === undefined) return [];
  const leaves = exclude.op === "or" ? exclude.conditions : [exclude];
  const keys: string[] = [];
  for (const leaf of leaves) {
    if (leaf.op !== "property-equals" || leaf.value !== true) return null;
    const key = `${leaf.subject}.${leaf.property}`;
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

/**
 * The builder's state for a rule, or null when its conditions have a shape the builder cannot
 * show (then edit it with draftRuleTexts and keepConditionOf). buildRuleFromDraft of the result
 * gives back an equivalent rule.
 */
export function readRuleDraft(rule: Rule): RuleDraft | null {
  const draft = draftRuleTexts(rule);
  if (rule.scope.kind === "interaction") {
    draft.scope = "interaction";
    draft.appliesTo = rule.scope.appliesTo;
    if (!readInteractionInclude(rule.include, draft)) return null;
  } else {
    if (rule.include.op !== "always") return null;
    draft.scope = "element";
    draft.elementKinds = [...new Set(rule.scope.elementKinds)];
  }
  const exclusions = readExclusions(rule.exclude);
  if (exclusions === null) return null;
  const offered = new Set(listExclusionOptions(draft).map((option) => option.key));
  if (!exclusions.every((key) => offered.has(key))) return null;
  draft.exclusions = exclusions;
  return draft;
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
