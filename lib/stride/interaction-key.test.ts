import { describe, expect, it } from "vitest";
import { buildElementKey, buildInteractionKey, parseInteractionKey } from "./interaction-key";

describe("interaction keys", () => {
  it("round-trip for interactions and elements, rule ids with colons included", () => {
    const key = buildInteractionKey("tmt:S1", "f", "a", "b");
    expect(key).toBe("rule:tmt:S1|flow:f|source:a|target:b");
    expect(parseInteractionKey(key)).toEqual({
      kind: "interaction",
      ruleId: "tmt:S1",
      flowId: "f",
      sourceId: "a",
      targetId: "b",
    });
    expect(parseInteractionKey(buildElementKey("spoof-process", "p1"))).toEqual({
      kind: "element",
      ruleId: "spoof-process",
      elementId: "p1",
    });
  });

  it("reads anything else as null", () => {
    for (const key of [
      "",
      "element:p1",
      "rule:x",
      "rule:x|element:",
      "rule:x|flow:f|source:a",
      "rule:x|flow:f|target:b|source:a",
      "rule:x|element:p|extra:1",
    ]) {
      expect(parseInteractionKey(key)).toBeNull();
    }
  });
});
