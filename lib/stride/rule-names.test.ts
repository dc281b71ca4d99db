import { describe, expect, it } from "vitest";
import { DEFAULT_RULE_SETS } from "./default-rules";
import { UNKNOWN_RULE_NAME, describeRule, describeRuleTitle, indexRuleNames } from "./rule-names";

describe("rule names", () => {
  it("puts a title's placeholders in words", () => {
    expect(describeRuleTitle("{flow.name} could be interrupted")).toBe(
      "[data flow] could be interrupted",
    );
    expect(describeRuleTitle("Spoofing the {source.name} Process via {flow.protocol}")).toBe(
      "Spoofing the [source] Process via [data flow protocol]",
    );
    expect(describeRuleTitle("{target.holdsLogs} and {element.odd}")).toBe(
      "[target holds logs or audit data] and [element odd]",
    );
  });

  it("names a rule by its title and set, never by its id", () => {
    const names = indexRuleNames(DEFAULT_RULE_SETS);
    expect(describeRule("deny-data-flow", names)).toBe(
      "“[data flow] could be interrupted” (STRIDE per element)",
    );
    expect(describeRule("tmt:D4", names)).toBe(UNKNOWN_RULE_NAME);
  });
});
