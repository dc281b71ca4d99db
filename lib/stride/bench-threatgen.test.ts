import { describe, expect, it } from "vitest";
import { DEFAULT_RULE_SETS } from "./default-rules";
import { evaluateRules } from "./engine";
import { buildLargeModel, measureThreatGeneration } from "./bench-threatgen";

describe("buildLargeModel", () => {
  it("builds the asked numbers of elements and flows, the same every time", () => {
    const model = buildLargeModel(1_000, 1_500);
    expect(model.elements).toHaveLength(1_000);
    expect(model.flows).toHaveLength(1_500);
    expect(model.elements.filter((element) => element.kind === "trust-boundary")).toHaveLength(100);
    expect(buildLargeModel(1_000, 1_500)).toEqual(model);
  });

  it("connects elements of one diagram, never a boundary or itself", () => {
    const { elements, flows } = buildLargeModel(300, 400);
    const byId = new Map(elements.map((element) => [element.id, element]));
    for (const flow of flows) {
      const source = byId.get(flow.sourceId);
      const target = byId.get(flow.targetId);
      expect(source?.diagramId).toBe(flow.diagramId);
      expect(target?.diagramId).toBe(flow.diagramId);
      expect(flow.sourceId).not.toBe(flow.targetId);
      expect([source?.kind, target?.kind]).not.toContain("trust-boundary");
    }
  });

  it("makes the default rules fire, crossings included", () => {
    const threats = evaluateRules(DEFAULT_RULE_SETS, buildLargeModel(200, 300));
    const ruleIds = new Set(
      threats.flatMap((threat) => threat.sources.map((source) => source.ruleId)),
    );
    expect(ruleIds.has("deny-flow-interrupted-crossing")).toBe(true);
    expect(ruleIds.has("spoof-process")).toBe(true);
  });
});

describe("measureThreatGeneration", () => {
  it("returns a duration in milliseconds", () => {
    const ms = measureThreatGeneration({ elements: 50, flows: 60, runs: 1 });
    expect(Number.isFinite(ms)).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(0);
  });
});
