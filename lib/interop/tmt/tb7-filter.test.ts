import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { RuleCondition } from "@/lib/stride/rule-types";
import { FilterSyntaxError, MAX_FILTER_LENGTH, parseGenerationFilter } from "./tb7-filter";
import type { FilterComparison } from "./tb7-filter";
import { mapTmtComparison } from "./tb7-mapping";

/** Maps each comparison to an "unknown" condition holding its text, to show the tree shape. */
const asText = (comparison: FilterComparison): RuleCondition => ({
  op: "unknown",
  text: comparison.text,
});
const leaf = (text: string): RuleCondition => ({ op: "unknown", text });

describe("parseGenerationFilter: grammar", () => {
  it("gives null for a blank filter", () => {
    expect(parseGenerationFilter("  \n ", asText)).toBeNull();
  });

  it("binds and tighter than or, and not tighter than and", () => {
    expect(parseGenerationFilter("a is 'x' or b is 'y' and not c is 'z'", asText)).toEqual({
      op: "or",
      conditions: [
        leaf("a is 'x'"),
        { op: "and", conditions: [leaf("b is 'y'"), { op: "not", condition: leaf("c is 'z'") }] },
      ],
    });
  });

  it("honours parentheses, keywords in any case and both quote styles", () => {
    expect(
      parseGenerationFilter(`NOT (a IS "x" Or flow crosses 'GE.TB.L') AND b is 'y'`, asText),
    ).toEqual({
      op: "and",
      conditions: [
        {
          op: "not",
          condition: { op: "or", conditions: [leaf("a is 'x'"), leaf("flow crosses 'GE.TB.L'")] },
        },
        leaf("b is 'y'"),
      ],
    });
  });

  it("splits a reference at its first dot, keeping ids with hyphens", () => {
    const seen: FilterComparison[] = [];
    parseGenerationFilter("flow.54851a3b-65da-4902-b4e0-94ef015be735 is 'None'", (comparison) => {
      seen.push(comparison);
      return leaf("");
    });
    expect(seen).toEqual([
      {
        operator: "is",
        subject: "flow",
        property: "54851a3b-65da-4902-b4e0-94ef015be735",
        value: "None",
        text: "flow.54851a3b-65da-4902-b4e0-94ef015be735 is 'None'",
      },
    ]);
  });

  it.each([
    "source is",
    "source 'GE.P'",
    "source is GE.P",
    "(source is 'GE.P'",
    "source is 'GE.P')",
    "source is 'GE.P' and",
    "source is 'GE.P",
    "source == 'GE.P'",
    "source is 'a' 'b'",
  ])("refuses %s as a syntax error", (filter) => {
    expect(() => parseGenerationFilter(filter, asText)).toThrow(FilterSyntaxError);
  });

  it("refuses filters that are too long or too deep with AppError(bad_request)", () => {
    const cases = [
      "x".repeat(MAX_FILTER_LENGTH + 1),
      `${"(".repeat(33)}a is 'b'${")".repeat(33)}`,
      `${"not ".repeat(33)}a is 'b'`,
      // Each level adds an "or" and an "and": deep trees with few parentheses.
      `${"a is 'b' or a is 'b' and (".repeat(17)}a is 'b'${")".repeat(17)}`,
    ];
    for (const filter of cases) {
      let caught: unknown = null;
      try {
        parseGenerationFilter(filter, asText);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AppError);
    }
    expect(parseGenerationFilter(`${"(".repeat(20)}a is 'b'${")".repeat(20)}`, asText)).toEqual(
      leaf("a is 'b'"),
    );
  });
});

describe("mapTmtComparison", () => {
  const map = (filter: string) => parseGenerationFilter(filter, mapTmtComparison);

  it("maps generic element types to kinds and boundary types to shapes", () => {
    expect(map("source is 'GE.EI'")).toEqual({
      op: "kind-is",
      subject: "source",
      kind: "external-entity",
    });
    expect(map("target is 'GE.DS'")).toEqual({
      op: "kind-is",
      subject: "target",
      kind: "data-store",
    });
    expect(map("flow is 'GE.DF'")).toEqual({ op: "always" });
    expect(map("flow crosses 'GE.TB.B'")).toEqual({ op: "crosses-boundary", shape: "box" });
  });

  it("maps flow stencils and properties to our flow fields", () => {
    expect(map("flow is 'SE.DF.TMCore.HTTPS'")).toEqual({
      op: "property-equals",
      subject: "flow",
      property: "protocol",
      value: "HTTPS",
    });
    expect(map("flow.authenticatesSource is 'Not Selected'")).toEqual({
      op: "property-equals",
      subject: "flow",
      property: "authenticated",
      value: null,
    });
    expect(map("flow.providesIntegrity is 'No'")).toEqual({
      op: "property-equals",
      subject: "flow",
      property: "encrypted",
      value: false,
    });
    expect(map("flow.54851a3b-65da-4902-b4e0-94ef015be735 is 'Nonce'")).toEqual({
      op: "property-equals",
      subject: "flow",
      property: "forgeryProtection",
      value: true,
    });
  });

  it("maps element properties to our context fields", () => {
    expect(map("target.storesLogData is 'Yes'")).toEqual({
      op: "property-equals",
      subject: "target",
      property: "holdsLogs",
      value: true,
    });
    expect(map("source.implementsAuthenticationScheme is 'No'")).toEqual({
      op: "not",
      condition: { op: "property-not-blank", subject: "source", property: "authentication" },
    });
    expect(map("source.acceptsInputFrom is 'Any Remote User or Entity'")).toEqual({
      op: "property-equals",
      subject: "source",
      property: "acceptsInputFrom",
      value: "everyone",
    });
  });

  it("keeps what has no equivalent as unknown conditions", () => {
    for (const filter of [
      "target is 'SE.P.TMCore.WebServer'",
      "source is 'ROOT'",
      "flow crosses 'SE.TB.L.TMCore.Machine'",
      "source.implementsCommunicationProtocol is 'Yes'",
      "source.authenticatesItself is 'Not Applicable'",
      "source.constructor is 'Yes'",
      "element is 'GE.P'",
      "target crosses 'GE.TB.L'",
    ]) {
      expect(map(filter)).toEqual({ op: "unknown", text: filter });
    }
  });
});
