import { describe, expect, it } from "vitest";
import { DEFAULT_RULE_SETS } from "@/lib/stride/default-rules";
import type { OrganisationRuleSet } from "@/components/api/schemas";
import { describeGeneration, selectGenerationRuleSets } from "./threat-generation";

function buildOrganisationSet(overrides: Partial<OrganisationRuleSet>): OrganisationRuleSet {
  return {
    id: "org1",
    name: "Ours",
    description: "",
    rules: [],
    ruleCount: 0,
    isEnabled: true,
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
    ...overrides,
  };
}

describe("selectGenerationRuleSets", () => {
  it("uses the built-in sets first and then only the enabled organisation sets", () => {
    const sets = selectGenerationRuleSets([
      buildOrganisationSet({ id: "on" }),
      buildOrganisationSet({ id: "off", isEnabled: false }),
    ]);
    expect(sets.map((set) => set.id)).toEqual([...DEFAULT_RULE_SETS.map((set) => set.id), "on"]);
    expect(Object.keys(sets.at(-1) ?? {})).toEqual(["id", "name", "description", "rules"]);
  });

  it("follows the model's choice where it made one, and the instance elsewhere", () => {
    const choices = new Map([
      ["stride-per-element", false],
      ["off", true],
      ["gone", true],
    ]);
    const sets = selectGenerationRuleSets(
      [buildOrganisationSet({ id: "on" }), buildOrganisationSet({ id: "off", isEnabled: false })],
      choices,
    );
    expect(sets.map((set) => set.id)).toEqual(["stride-per-interaction", "on", "off"]);
  });
});

describe("describeGeneration", () => {
  it("counts added, existing and stale threats", () => {
    expect(
      describeGeneration({
        added: ["a", "b"],
        existing: ["c"],
        stale: [],
        duplicates: [],
        flagged: [],
        cleared: [],
      }),
    ).toBe("Added 2 threats; 1 already listed; 0 flagged for review");
    expect(
      describeGeneration({
        added: ["a"],
        existing: [],
        stale: ["x"],
        duplicates: ["y"],
        flagged: ["x", "y"],
        cleared: [],
      }),
    ).toBe("Added 1 threat; 0 already listed; 2 flagged for review");
  });
});
