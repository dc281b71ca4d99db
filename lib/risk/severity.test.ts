import { describe, expect, it } from "vitest";
import { THREAT_SEVERITIES } from "../model";
import { SEVERITY_LEVELS, compareSeverity, getWorstSeverity } from "./severity";

describe("the bug bar", () => {
  it("lists the five levels, most severe first, each described", () => {
    expect(SEVERITY_LEVELS.map((level) => level.label)).toEqual([
      "Critical",
      "Important",
      "Moderate",
      "Low",
      "Information",
    ]);
    for (const level of SEVERITY_LEVELS) expect(level.description.length).toBeGreaterThan(10);
  });

  it("sorts most severe first", () => {
    expect(compareSeverity("critical", "low")).toBeLessThan(0);
    expect(compareSeverity("information", "moderate")).toBeGreaterThan(0);
    expect([...THREAT_SEVERITIES].reverse().sort(compareSeverity)).toEqual([...THREAT_SEVERITIES]);
  });

  it("takes the worst case, ignoring threats not rated", () => {
    expect(getWorstSeverity(["low", null, "important", "moderate"])).toBe("important");
    expect(getWorstSeverity(["information", "critical"])).toBe("critical");
    expect(getWorstSeverity([null, null])).toBeNull();
    expect(getWorstSeverity([])).toBeNull();
  });
});
