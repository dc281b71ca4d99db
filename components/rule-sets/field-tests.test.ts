import { describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/limits";
import type { FieldOption } from "./field-options";
import {
  ANSWER_OPERATORS,
  buildFieldCondition,
  findFieldTestProblem,
  isTextNeeded,
  OPERATORS_OF_TYPE,
  readFieldTest,
  TEXT_OPERATORS,
  type FieldTest,
} from "./field-tests";

const PROTOCOL: FieldOption = {
  key: "flow.protocol",
  subject: "flow",
  property: "protocol",
  type: "text",
  label: "the data flow’s protocol",
};
const SANDBOXED: FieldOption = {
  key: "source.sandboxed",
  subject: "source",
  property: "sandboxed",
  type: "answer",
  label: "the source process runs in a sandbox",
};
const HOLDS_LOGS: FieldOption = { ...SANDBOXED, key: "target.holdsLogs", type: "yes-no" };

function buildTest(overrides: Partial<FieldTest>): FieldTest {
  return { id: "1", key: PROTOCOL.key, operator: "contains", text: "", ...overrides };
}

describe("buildFieldCondition", () => {
  it("writes text tests as contains, equals and not-blank, or their negation", () => {
    const subject = { subject: "flow", property: "protocol" } as const;
    expect(buildFieldCondition(buildTest({ text: "HTTP" }), PROTOCOL)).toEqual({
      op: "property-contains",
      ...subject,
      text: "HTTP",
    });
    expect(buildFieldCondition(buildTest({ operator: "is-not", text: "HTTPS" }), PROTOCOL)).toEqual(
      { op: "not", condition: { op: "property-equals", ...subject, value: "HTTPS" } },
    );
    expect(buildFieldCondition(buildTest({ operator: "is-empty" }), PROTOCOL)).toEqual({
      op: "not",
      condition: { op: "property-not-blank", ...subject },
    });
  });

  it("writes answers as equals true, false or null, or their negation", () => {
    const subject = { subject: "source", property: "sandboxed" } as const;
    expect(buildFieldCondition(buildTest({ operator: "is-not-answered" }), SANDBOXED)).toEqual({
      op: "property-equals",
      ...subject,
      value: null,
    });
    expect(buildFieldCondition(buildTest({ operator: "is-not-no" }), SANDBOXED)).toEqual({
      op: "not",
      condition: { op: "property-equals", ...subject, value: false },
    });
  });
});

describe("readFieldTest", () => {
  it.each([...TEXT_OPERATORS, ...ANSWER_OPERATORS])("reads back the %s operator", (operator) => {
    const option = TEXT_OPERATORS.some((each) => each === operator) ? PROTOCOL : SANDBOXED;
    const test = buildTest({
      key: option.key,
      operator,
      text: isTextNeeded(operator) ? "TLS" : "",
    });
    expect(readFieldTest(buildFieldCondition(test, option))).toEqual({
      key: test.key,
      operator: test.operator,
      text: test.text,
    });
  });

  it("refuses conditions that are not one field test", () => {
    expect(readFieldTest({ op: "crosses-boundary" })).toBeNull();
    expect(readFieldTest({ op: "not", condition: { op: "always" } })).toBeNull();
    expect(
      readFieldTest({ op: "property-equals", subject: "flow", property: "port", value: 443 }),
    ).toBeNull();
    expect(
      readFieldTest({
        op: "not",
        condition: {
          op: "not",
          condition: { op: "property-not-blank", subject: "flow", property: "protocol" },
        },
      }),
    ).toBeNull();
  });
});

describe("findFieldTestProblem", () => {
  it("asks for the text of text comparisons", () => {
    expect(findFieldTestProblem(buildTest({ text: "  " }), PROTOCOL)).toEqual({
      text: "Enter the text to look for.",
    });
    expect(findFieldTestProblem(buildTest({ operator: "is" }), PROTOCOL)).toEqual({
      text: "Enter the text to compare with.",
    });
    expect(
      findFieldTestProblem(buildTest({ text: "x".repeat(LIMITS.shortTextLength + 1) }), PROTOCOL),
    ).toEqual({ text: `Use at most ${LIMITS.shortTextLength} characters.` });
    expect(findFieldTestProblem(buildTest({ operator: "is-filled-in" }), PROTOCOL)).toBeNull();
  });

  it("refuses fields that are not offered and operators their type does not allow", () => {
    expect(findFieldTestProblem(buildTest({}), undefined)).toEqual({
      key: "This field does not apply to the chosen kinds.",
    });
    expect(findFieldTestProblem(buildTest({ operator: "is-yes" }), PROTOCOL)).toEqual({
      key: "Choose a test this field offers.",
    });
    expect(
      findFieldTestProblem(
        buildTest({ key: HOLDS_LOGS.key, operator: "is-not-answered" }),
        HOLDS_LOGS,
      ),
    ).toEqual({ key: "Choose a test this field offers." });
    expect(OPERATORS_OF_TYPE["yes-no"]).toEqual(["is-yes", "is-no"]);
  });
});
