import { LIMITS } from "@/lib/limits";
import { fieldContains, fieldEquals, fieldNotBlank, not } from "@/lib/stride/rule-builders";
import type { RuleCondition } from "@/lib/stride/rule-types";
import { getFieldKey, type FieldOption, type FieldType } from "./field-options";

/*
 * One test of one field, as the rule builder edits it ("the data flow's protocol contains
 * HTTP", "the process runs in a sandbox: not answered"), and its conversion to and from a
 * lib/stride condition. Each operator is one condition or the `not` of one.
 */

/** How a text field is tested; text compares case-insensitively, "is" also trimmed. */
export const TEXT_OPERATORS = [
  "contains",
  "does-not-contain",
  "is",
  "is-not",
  "is-filled-in",
  "is-empty",
] as const;
export type TextOperator = (typeof TEXT_OPERATORS)[number];

/** How a yes/no field is tested; the last four only make sense for answers (see FieldType). */
export const ANSWER_OPERATORS = [
  "is-yes",
  "is-no",
  "is-not-answered",
  "is-not-yes",
  "is-not-no",
  "is-answered",
] as const;
export type AnswerOperator = (typeof ANSWER_OPERATORS)[number];

export type FieldOperator = TextOperator | AnswerOperator;

/** The operators offered for each type of field, the default first. */
export const OPERATORS_OF_TYPE: Readonly<Record<FieldType, readonly FieldOperator[]>> = {
  text: TEXT_OPERATORS,
  "yes-no": ["is-yes", "is-no"],
  answer: ANSWER_OPERATORS,
};

/** How the builder names each operator, after the field. */
export const OPERATOR_LABELS: Readonly<Record<FieldOperator, string>> = {
  contains: "contains",
  "does-not-contain": "does not contain",
  is: "is",
  "is-not": "is not",
  "is-filled-in": "is filled in",
  "is-empty": "is empty",
  "is-yes": "yes",
  "is-no": "no",
  "is-not-answered": "not answered",
  "is-not-yes": "not yes (no or not answered)",
  "is-not-no": "not no (yes or not answered)",
  "is-answered": "answered (yes or no)",
};

/** A test of one field in the rule builder. */
export interface FieldTest {
  /** Identifies the test while it is edited (list keys, messages); not saved in the rule. */
  id: string;
  /** `subject.property` of one of the offered fields (see FieldOption). */
  key: string;
  operator: FieldOperator;
  /** What the field is compared with; used only by operators that need text, else "". */
  text: string;
}

/** Messages for a field test: `key` about its field, `text` about its text. */
export type FieldTestErrors = Partial<Record<"key" | "text", string>>;

/** True when the operator compares the field with the test's text. */
export function isTextNeeded(operator: FieldOperator): boolean {
  return (
    operator === "contains" ||
    operator === "does-not-contain" ||
    operator === "is" ||
    operator === "is-not"
  );
}

/** True when `operator` can test a field of this type. */
export function isOperatorOfType(operator: FieldOperator, type: FieldType): boolean {
  return OPERATORS_OF_TYPE[type].includes(operator);
}

/**
 * Why the test cannot be saved, or null when it can: `key` is the test's field, `text` its text.
 * `option` is the offered field the test's key names, if any.
 */
export function findFieldTestProblem(
  test: FieldTest,
  option: FieldOption | undefined,
): FieldTestErrors | null {
  if (option === undefined) return { key: "This field does not apply to the chosen kinds." };
  if (!isOperatorOfType(test.operator, option.type)) {
    return { key: "Choose a test this field offers." };
  }
  if (!isTextNeeded(test.operator)) return null;
  if (test.text.trim() === "") {
    return {
      text:
        test.operator === "is" || test.operator === "is-not"
          ? "Enter the text to compare with."
          : "Enter the text to look for.",
    };
  }
  if (test.text.length > LIMITS.shortTextLength) {
    return { text: `Use at most ${LIMITS.shortTextLength} characters.` };
  }
  return null;
}

/** The condition a test stands for; `option` is the field its key names. */
export function buildFieldCondition(test: FieldTest, option: FieldOption): RuleCondition {
  const { subject, property } = option;
  switch (test.operator) {
    case "contains":
      return fieldContains(subject, property, test.text);
    case "does-not-contain":
      return not(fieldContains(subject, property, test.text));
    case "is":
      return fieldEquals(subject, property, test.text);
    case "is-not":
      return not(fieldEquals(subject, property, test.text));
    case "is-filled-in":
      return fieldNotBlank(subject, property);
    case "is-empty":
      return not(fieldNotBlank(subject, property));
    case "is-yes":
      return fieldEquals(subject, property, true);
    case "is-no":
      return fieldEquals(subject, property, false);
    case "is-not-answered":
      return fieldEquals(subject, property, null);
    case "is-not-yes":
      return not(fieldEquals(subject, property, true));
    case "is-not-no":
      return not(fieldEquals(subject, property, false));
    case "is-answered":
      return not(fieldEquals(subject, property, null));
  }
}

/** The operator of a condition that is not negated, with its text, or null for another shape. */
function readPositiveTest(
  condition: RuleCondition,
): { key: string; operator: FieldOperator; text: string } | null {
  switch (condition.op) {
    case "property-contains":
      return {
        key: getFieldKey(condition.subject, condition.property),
        operator: "contains",
        text: condition.text,
      };
    case "property-not-blank":
      return {
        key: getFieldKey(condition.subject, condition.property),
        operator: "is-filled-in",
        text: "",
      };
    case "property-equals": {
      const { value } = condition;
      const key = getFieldKey(condition.subject, condition.property);
      if (typeof value === "string") return { key, operator: "is", text: value };
      if (value === true) return { key, operator: "is-yes", text: "" };
      if (value === false) return { key, operator: "is-no", text: "" };
      if (value === null) return { key, operator: "is-not-answered", text: "" };
      return null;
    }
    default:
      return null;
  }
}

const NEGATED: Readonly<Partial<Record<FieldOperator, FieldOperator>>> = {
  contains: "does-not-contain",
  is: "is-not",
  "is-filled-in": "is-empty",
  "is-yes": "is-not-yes",
  "is-no": "is-not-no",
  "is-not-answered": "is-answered",
};

/**
 * The test a condition stands for (without its id), or null when it is not a field test.
 * Whether the field and operator are offered is for the caller to check (findFieldTestProblem).
 */
export function readFieldTest(condition: RuleCondition): Omit<FieldTest, "id"> | null {
  if (condition.op !== "not") return readPositiveTest(condition);
  const inner = readPositiveTest(condition.condition);
  const operator = inner === null ? undefined : NEGATED[inner.operator];
  return inner === null || operator === undefined ? null : { ...inner, operator };
}
