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
      "crosses a box trust boundary",
    );
    expect(formatCondition({ op: "crosses-boundary", shape: "line" })).toBe(
      "crosses a line trust boundary",
    );
    expect(formatCondition({ op: "crosses-boundary" })).toBe("crosses a trust boundary");
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
    ).toBe("crosses a trust boundary and (any of: target is a process, flow.protocol is empty)");
    expect(
      formatCondition({
        op: "not",
        condition: { op: "or", conditions: [{ op: "always" }, { op: "crosses-boundary" }] },
      }),
    ).toBe("not (any of: always, crosses a trust boundary)");
    expect(
      formatCondition({
        op: "or",
        conditions: [
          {
            op: "and",
            conditions: [
              { op: "kind-is", subject: "source", kind: "data-store" },
              { op: "crosses-boundary" },
            ],
          },
          { op: "kind-is", subject: "target", kind: "data-store" },
        ],
      }),
    ).toBe("any of: (source is a data-store and crosses a trust boundary), target is a data-store");
    expect(formatCondition({ op: "or", conditions: [{ op: "crosses-boundary" }] })).toBe(
      "crosses a trust boundary",
    );
  });

  it("reads negated field tests as one phrase", () => {
    const flow = { subject: "flow", property: "protocol" } as const;
    expect(
      formatCondition({ op: "not", condition: { op: "property-contains", ...flow, text: "TLS" } }),
    ).toBe("flow.protocol does not contain “TLS”");
    expect(
      formatCondition({ op: "not", condition: { op: "property-equals", ...flow, value: "FTP" } }),
    ).toBe("flow.protocol is not “FTP”");
    expect(
      formatCondition({
        op: "not",
        condition: { op: "property-equals", subject: "flow", property: "encrypted", value: false },
      }),
    ).toBe("flow.encrypted is not false");
    expect(
      formatCondition({
        op: "not",
        condition: { op: "property-equals", subject: "source", property: "sandboxed", value: null },
      }),
    ).toBe("source.sandboxed is answered");
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
