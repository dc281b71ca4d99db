import { describe, expect, it } from "vitest";
import { formatCondition, formatScope } from "./format-condition";

describe("formatCondition", () => {
  it("reads leaves as sentences", () => {
    expect(formatCondition({ op: "always" })).toBe("always");
    expect(formatCondition({ op: "kind-is", subject: "source", kind: "external-entity" })).toBe(
      "source is a external-entity",
    );
    expect(
      formatCondition({
        op: "property-equals",
        subject: "flow",
        property: "isEncrypted",
        value: false,
      }),
    ).toBe("flow.isEncrypted is false");
    expect(
      formatCondition({
        op: "property-equals",
        subject: "flow",
        property: "protocol",
        value: null,
      }),
    ).toBe("flow.protocol is not answered");
    expect(
      formatCondition({ op: "property-contains", subject: "target", property: "name", text: "db" }),
    ).toBe("target.name contains “db”");
    expect(formatCondition({ op: "crosses-boundary", shape: "box" })).toBe(
      "crosses a trust boundary (box)",
    );
    expect(formatCondition({ op: "unknown", text: "GE.X" })).toBe("never (unsupported: GE.X)");
  });

  it("parenthesises nested groups and reads negations", () => {
    expect(
      formatCondition({
        op: "and",
        conditions: [
          { op: "crosses-boundary" },
          {
            op: "or",
            conditions: [
              { op: "kind-is", subject: "target", kind: "process" },
              {
                op: "not",
                condition: { op: "property-not-blank", subject: "flow", property: "protocol" },
              },
            ],
          },
        ],
      }),
    ).toBe("crosses a trust boundary and (target is a process or not flow.protocol is filled in)");
  });
});

describe("formatScope", () => {
  it("names the elements or the interaction target", () => {
    expect(formatScope({ kind: "element", elementKinds: ["process", "data-store"] })).toBe(
      "each process or data-store",
    );
    expect(formatScope({ kind: "interaction", appliesTo: "flow" })).toBe(
      "each interaction, against its flow",
    );
  });
});
