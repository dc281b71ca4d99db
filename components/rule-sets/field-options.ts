import { ELEMENT_KIND_LABELS } from "@/lib/model/element-records";
import type { ConditionSubject, RuleElementKind } from "@/lib/stride/rule-types";
import { CONTEXT_FLAGS } from "./context-flags";
import { CONTEXT_TEXT_FIELDS } from "./context-text-fields";

/*
 * The fields a rule's conditions can test, given what the rule runs over: an interaction rule
 * sees the data flow and the source and target kinds it allows, an element rule the kinds it
 * runs on. Each field is offered once per subject, with the kinds that have it.
 */

/** The kinds of element a data flow can start or end at. */
export const ENDPOINT_KINDS = ["external-entity", "process", "data-store"] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];

/** Whether a rule runs over interactions (source, flow, target) or over single elements. */
export type DraftScope = "interaction" | "element";

/** What the offered fields depend on: the rule's scope and the kinds it allows. */
export interface FieldScope {
  scope: DraftScope;
  /** Interaction rules: the source is one of these kinds; empty means any kind. */
  sourceKinds: readonly EndpointKind[];
  /** Interaction rules: the target is one of these kinds; empty means any kind. */
  targetKinds: readonly EndpointKind[];
  /** Element rules: the kinds it runs on. */
  elementKinds: readonly RuleElementKind[];
}

/**
 * What a field holds, which decides how it can be tested: free text, yes or no, or an answer
 * that may also be "not answered".
 */
export type FieldType = "text" | "yes-no" | "answer";

/** A field a condition can test. */
export interface FieldOption {
  /** `subject.property`, as stored in a draft's conditions. */
  key: string;
  subject: ConditionSubject;
  property: string;
  type: FieldType;
  /** e.g. "the data flow's protocol", "the target data store holds logs". */
  label: string;
}

/** The key of a subject's field, as stored in a draft's conditions. */
export function getFieldKey(subject: ConditionSubject, property: string): string {
  return `${subject}.${property}`;
}

function describeKinds(kinds: readonly RuleElementKind[]): string {
  return kinds
    .map((kind) => (kind === "data-flow" ? "data flow" : ELEMENT_KIND_LABELS[kind].toLowerCase()))
    .join(" or ");
}

function joinWords(...words: string[]): string {
  return words.filter((word) => word !== "").join(" ");
}

interface SubjectView {
  subject: ConditionSubject;
  /** "source", "target", or "" when the kinds name the subject ("the data flow"). */
  word: string;
  kinds: readonly RuleElementKind[];
}

/** Groups the fields of `kinds` by property, keeping the kinds that have each one. */
function groupByProperty<F extends { property: string }>(
  kinds: readonly RuleElementKind[],
  fieldsOf: (kind: RuleElementKind) => readonly F[],
): { field: F; kinds: RuleElementKind[] }[] {
  const byProperty = new Map<string, { field: F; kinds: RuleElementKind[] }>();
  for (const kind of kinds) {
    for (const field of fieldsOf(kind)) {
      const entry = byProperty.get(field.property);
      if (entry === undefined) byProperty.set(field.property, { field, kinds: [kind] });
      else entry.kinds.push(kind);
    }
  }
  return [...byProperty.values()];
}

/** Yes/no fields that may be "not answered" on at least one kind. */
const ANSWER_PROPERTIES: ReadonlySet<string> = new Set(
  Object.values(CONTEXT_FLAGS).flatMap((flags) =>
    flags.filter((flag) => flag.isAnswer).map((flag) => flag.property),
  ),
);

/** The yes/no fields a subject sees, labelled "the source process runs in a sandbox". */
function listFlagOptions({ subject, word, kinds }: SubjectView): FieldOption[] {
  return groupByProperty(kinds, (kind) => CONTEXT_FLAGS[kind]).map(({ field, kinds: having }) => ({
    key: getFieldKey(subject, field.property),
    subject,
    property: field.property,
    // A field that is an answer on one kind is tested as an answer on all of them.
    type: ANSWER_PROPERTIES.has(field.property) ? "answer" : "yes-no",
    label: joinWords("the", word, describeKinds(having), field.phrase),
  }));
}

/**
 * The text fields a subject sees, labelled "the data flow's protocol". A field every allowed
 * kind has is named by the subject alone ("the source's name").
 */
function listTextOptions({ subject, word, kinds }: SubjectView): FieldOption[] {
  return groupByProperty(kinds, (kind) => CONTEXT_TEXT_FIELDS[kind]).map(
    ({ field, kinds: having }) => {
      const owner =
        word !== "" && having.length === kinds.length && kinds.length > 1
          ? word
          : joinWords(word, describeKinds(having));
      return {
        key: getFieldKey(subject, field.property),
        subject,
        property: field.property,
        type: "text" as const,
        label: `the ${owner}’s ${field.noun}`,
      };
    },
  );
}

/** The subjects the scope sees, with the kinds each may be. */
function listSubjectViews(scope: FieldScope): SubjectView[] {
  if (scope.scope === "element") {
    return [{ subject: "element", word: "", kinds: scope.elementKinds }];
  }
  const orAny = (kinds: readonly EndpointKind[]) => (kinds.length === 0 ? ENDPOINT_KINDS : kinds);
  return [
    { subject: "flow", word: "", kinds: ["data-flow"] },
    { subject: "source", word: "source", kinds: orAny(scope.sourceKinds) },
    { subject: "target", word: "target", kinds: orAny(scope.targetKinds) },
  ];
}

/**
 * The yes/no fields the scope can use as "unless" exclusions: the data flow's fields and those
 * of the source and target kinds (all endpoint kinds when any kind is allowed) for an
 * interaction rule; the fields of the chosen kinds for an element rule.
 */
export function listExclusionOptions(scope: FieldScope): FieldOption[] {
  return listSubjectViews(scope).flatMap(listFlagOptions);
}

/** The text fields the scope can test, subject by subject (see listExclusionOptions). */
export function listTextFieldOptions(scope: FieldScope): FieldOption[] {
  return listSubjectViews(scope).flatMap(listTextOptions);
}

/** Every field the scope can test: each subject's text fields, then its yes/no fields. */
export function listFieldOptions(scope: FieldScope): FieldOption[] {
  return listSubjectViews(scope).flatMap((view) => [
    ...listTextOptions(view),
    ...listFlagOptions(view),
  ]);
}
