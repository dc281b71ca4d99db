import { describe, expect, it } from "vitest";
import { DEFAULT_RULE_SETS } from "./default-rules";
import { describeCondition, describeRuleConditions, describeScope } from "./describe-condition";
import type { RuleCondition } from "./rule-types";

const isExternalSource: RuleCondition = {
  op: "kind-is",
  subject: "source",
  kind: "external-entity",
};
const crossing: RuleCondition = { op: "crosses-boundary" };
const isEncrypted: RuleCondition = {
  op: "property-equals",
  subject: "flow",
  property: "encrypted",
  value: true,
};

describe("describeCondition: each operation", () => {
  it("always and unknown", () => {
    expect(describeCondition({ op: "always" })).toBe("always");
    expect(describeCondition({ op: "unknown", text: "target is 'SE.P.TMCore.WebApp'" })).toBe(
      "never (a condition this tool cannot check: target is 'SE.P.TMCore.WebApp')",
    );
    expect(describeCondition({ op: "unknown", text: "" })).toBe(
      "never (a condition this tool cannot check)",
    );
  });

  it("kind-is, with the right article", () => {
    expect(describeCondition(isExternalSource)).toBe("the source is an external entity");
    expect(describeCondition({ op: "kind-is", subject: "target", kind: "data-store" })).toBe(
      "the target is a data store",
    );
    expect(describeCondition({ op: "kind-is", subject: "element", kind: "data-flow" })).toBe(
      "the element is a data flow",
    );
  });

  it("crosses-boundary, of any shape or of one", () => {
    expect(describeCondition(crossing)).toBe("the flow crosses a trust boundary");
    expect(describeCondition({ op: "crosses-boundary", shape: "box" })).toBe(
      "the flow crosses a trust boundary drawn as a box",
    );
    expect(describeCondition({ op: "crosses-boundary", shape: "line" })).toBe(
      "the flow crosses a trust boundary drawn as a line",
    );
  });

  it("property-equals: yes/no fields as phrases, other values with the panel's labels", () => {
    expect(describeCondition(isEncrypted)).toBe("the flow is encrypted");
    expect(describeCondition({ ...isEncrypted, value: false })).toBe("the flow is not encrypted");
    expect(describeCondition({ ...isEncrypted, value: null })).toBe(
      "the flow's encrypted is not answered",
    );
    expect(
      describeCondition({
        op: "property-equals",
        subject: "target",
        property: "holdsLogs",
        value: true,
      }),
    ).toBe("the target holds logs or audit data");
    expect(
      describeCondition({
        op: "property-equals",
        subject: "source",
        property: "entityType",
        value: "web-service",
      }),
    ).toBe("the source's type is “Web service”");
    expect(
      describeCondition({
        op: "property-equals",
        subject: "flow",
        property: "protocol",
        value: "HTTPS",
      }),
    ).toBe("the flow's protocol is “HTTPS”");
    expect(
      describeCondition({ op: "property-equals", subject: "flow", property: "sequence", value: 3 }),
    ).toBe("the flow's sequence number is 3");
    expect(
      describeCondition({
        op: "property-equals",
        subject: "source",
        property: "customField",
        value: true,
      }),
    ).toBe("the source's custom field is yes");
  });

  it("property-not-blank and property-contains", () => {
    expect(
      describeCondition({
        op: "property-not-blank",
        subject: "source",
        property: "authentication",
      }),
    ).toBe("the source's authentication is filled in");
    expect(
      describeCondition({
        op: "property-contains",
        subject: "flow",
        property: "dataCarried",
        text: "json",
      }),
    ).toBe("the flow carries “json”");
    expect(
      describeCondition({
        op: "property-contains",
        subject: "target",
        property: "storeType",
        text: "sql",
      }),
    ).toBe("the target's type contains “sql”");
  });
});

describe("describeCondition: and, or, not and nesting", () => {
  it("joins parts, and parenthesises a group inside another", () => {
    expect(describeCondition({ op: "and", conditions: [isExternalSource, crossing] })).toBe(
      "the source is an external entity and the flow crosses a trust boundary",
    );
    expect(
      describeCondition({
        op: "or",
        conditions: [isExternalSource, crossing, isEncrypted],
      }),
    ).toBe(
      "the source is an external entity, the flow crosses a trust boundary or the flow is encrypted",
    );
    expect(
      describeCondition({
        op: "and",
        conditions: [crossing, { op: "or", conditions: [isExternalSource, isEncrypted] }],
      }),
    ).toBe(
      "the flow crosses a trust boundary and (the source is an external entity or the flow is encrypted)",
    );
    expect(describeCondition({ op: "and", conditions: [crossing] })).toBe(
      "the flow crosses a trust boundary",
    );
  });

  it("reads a negated test as one phrase", () => {
    const not = (condition: RuleCondition): RuleCondition => ({ op: "not", condition });
    expect(describeCondition(not(isEncrypted))).toBe("the flow is not encrypted");
    expect(describeCondition(not({ ...isEncrypted, value: null }))).toBe(
      "the flow's encrypted is answered",
    );
    expect(
      describeCondition(
        not({ op: "property-equals", subject: "flow", property: "protocol", value: "HTTPS" }),
      ),
    ).toBe("the flow's protocol is not “HTTPS”");
    expect(
      describeCondition(
        not({ op: "property-not-blank", subject: "source", property: "authentication" }),
      ),
    ).toBe("the source's authentication is empty");
    expect(
      describeCondition(
        not({ op: "property-contains", subject: "flow", property: "dataCarried", text: "xml" }),
      ),
    ).toBe("the flow does not carry “xml”");
    expect(
      describeCondition(
        not({ op: "property-contains", subject: "flow", property: "protocol", text: "http" }),
      ),
    ).toBe("the flow's protocol does not contain “http”");
    expect(describeCondition(not(isExternalSource))).toBe("the source is not an external entity");
    expect(describeCondition(not(crossing))).toBe("the flow crosses no trust boundary");
    expect(describeCondition(not({ op: "crosses-boundary", shape: "line" }))).toBe(
      "the flow crosses no trust boundary drawn as a line",
    );
    expect(describeCondition(not({ op: "always" }))).toBe("never");
    expect(describeCondition(not({ op: "unknown", text: "x" }))).toBe(
      "always (the negation of a condition this tool cannot check)",
    );
    expect(describeCondition(not(not(crossing)))).toBe("the flow crosses a trust boundary");
  });

  it("reads a negated group as none of / not all of", () => {
    const not = (condition: RuleCondition): RuleCondition => ({ op: "not", condition });
    expect(describeCondition(not({ op: "or", conditions: [isEncrypted, crossing] }))).toBe(
      "none of: the flow is encrypted nor the flow crosses a trust boundary",
    );
    expect(
      describeCondition({
        op: "and",
        conditions: [isExternalSource, not({ op: "and", conditions: [isEncrypted, crossing] })],
      }),
    ).toBe(
      "the source is an external entity and (not all of: the flow is encrypted and the flow crosses a trust boundary)",
    );
    expect(describeCondition(not({ op: "or", conditions: [isEncrypted] }))).toBe(
      "the flow is not encrypted",
    );
  });
});

describe("describeScope and the built-in rules", () => {
  it("names what a rule runs over", () => {
    expect(describeScope({ kind: "element", elementKinds: ["process", "data-store"] })).toBe(
      "each process or data store",
    );
    expect(describeScope({ kind: "interaction", appliesTo: "flow" })).toBe(
      "each interaction (source, data flow, target), recorded against its data flow",
    );
  });

  it("never shows a field path or an op name for any built-in rule", () => {
    for (const rule of DEFAULT_RULE_SETS.flatMap((set) => set.rules)) {
      const words = describeRuleConditions(rule);
      for (const text of [words.include, words.exclude ?? ""]) {
        expect(text).not.toMatch(/\b(source|target|flow|element)\.[a-z]/i);
        expect(text).not.toMatch(/kind-is|property-|crosses-boundary|undefined/);
      }
    }
  });
});
