import { describe, expect, it } from "vitest";
import type { ThreatTarget } from "./threat-targets";
import {
  listTargetOptions,
  MISSING_TARGET,
  targetIdOfOption,
  targetOptionValue,
  WHOLE_MODEL_TARGET,
} from "./threat-target-options";

function target(overrides: Partial<ThreatTarget> & { id: string }): ThreatTarget {
  return {
    type: "element",
    elementKind: "process",
    name: overrides.id,
    diagramId: "d1",
    diagramTitle: "Context",
    ...overrides,
  };
}

describe("threat target options", () => {
  const targets = new Map([
    ["f1", target({ id: "f1", type: "flow", elementKind: null, name: "Login (Web → API)" })],
    ["e2", target({ id: "e2", name: "Web" })],
    ["e1", target({ id: "e1", name: "API" })],
  ]);

  it("offers the model first, then elements by name, then flows", () => {
    expect(listTargetOptions(targets, null).map((option) => option.label)).toEqual([
      "The model as a whole",
      "API",
      "Web",
      "Flow: Login (Web → API)",
    ]);
  });

  it("names the diagram when there are several", () => {
    const more = new Map(targets);
    more.set(
      "e3",
      target({ id: "e3", name: "Parser", diagramId: "d2", diagramTitle: "API - Worker" }),
    );
    expect(listTargetOptions(more, null).map((option) => option.label)).toContain(
      "API - Worker › Parser",
    );
  });

  it("shows an orphan's missing target, and maps picks back to target ids", () => {
    const options = listTargetOptions(targets, "gone");
    expect(options[1]).toEqual({
      value: MISSING_TARGET,
      label: "A deleted element or flow: pick another",
    });
    expect(targetOptionValue(targets, "gone")).toBe(MISSING_TARGET);
    expect(targetOptionValue(targets, null)).toBe(WHOLE_MODEL_TARGET);
    expect(targetOptionValue(targets, "e1")).toBe("e1");
    expect(targetIdOfOption(MISSING_TARGET)).toBeUndefined();
    expect(targetIdOfOption(WHOLE_MODEL_TARGET)).toBeNull();
    expect(targetIdOfOption("e2")).toBe("e2");
  });
});
