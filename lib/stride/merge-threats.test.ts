/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import coreTemplate from "../../tests/fixtures/ms-tmt/default.tb7?raw";
import { parseTb7Template } from "../interop/tmt/tb7";
import { DEFAULT_RULE_SETS } from "./default-rules";
import { evaluateRules } from "./engine";
import type { RuleModel } from "./engine";
import { createEquivalenceTest, mergeEquivalentThreats, normalizeTitle } from "./merge-threats";
import type { FoundThreat } from "./merge-threats";
import { elementRule, interactionRule, ALWAYS } from "./rule-builders";
import type { Rule } from "./rule-types";
import { buildElement, buildFlow, buildRuleSet } from "./test-factories";

function found(overrides: Partial<FoundThreat> & Pick<FoundThreat, "ruleId">): FoundThreat {
  return {
    interactionKey: `rule:${overrides.ruleId}|flow:f|source:a|target:b`,
    category: "denial-of-service",
    title: `Title of ${overrides.ruleId}`,
    description: "",
    targetId: "f",
    rank: 0,
    interaction: "f|a|b",
    ...overrides,
  };
}

const NONE_DECLARED = () => false;
const rulesOf = (threats: ReturnType<typeof mergeEquivalentThreats>) =>
  threats.map((threat) => threat.sources.map((source) => source.ruleId));

describe("normalizeTitle", () => {
  it("ignores case, punctuation and spacing", () => {
    expect(normalizeTitle("  Data Flow “Orders” Is   Potentially-Interrupted! ")).toBe(
      "data flow orders is potentially interrupted",
    );
    expect(normalizeTitle("Zugriff für Ämter")).toBe("zugriff für ämter");
  });
});

describe("mergeEquivalentThreats", () => {
  it("merges declared equivalents found for one interaction, even on different targets", () => {
    const areEquivalent = createEquivalenceTest([
      interactionRule({
        id: "ours",
        category: "spoofing",
        appliesTo: "target",
        title: "t",
        description: "",
        include: ALWAYS,
        equivalentTo: ["theirs"],
      }),
    ]);
    const merged = mergeEquivalentThreats(
      [
        found({ ruleId: "theirs", category: "spoofing", rank: 5, targetId: "f" }),
        found({ ruleId: "ours", category: "spoofing", rank: 1, targetId: "b" }),
      ],
      areEquivalent,
    );
    expect(merged).toEqual([
      expect.objectContaining({ ruleId: "ours", targetId: "b", title: "Title of ours" }),
    ]);
    expect(rulesOf(merged)).toEqual([["ours", "theirs"]]);
    expect(merged[0]).not.toHaveProperty("rank");
    expect(merged[0]).not.toHaveProperty("interaction");
  });

  it("declares equivalence both ways round", () => {
    const areEquivalent = createEquivalenceTest([
      elementRule({
        id: "a",
        category: "tampering",
        elementKinds: ["process"],
        title: "t",
        description: "",
        equivalentTo: ["b"],
      }),
    ]);
    expect(areEquivalent("a", "b")).toBe(true);
    expect(areEquivalent("b", "a")).toBe(true);
    expect(areEquivalent("a", "c")).toBe(false);
  });

  it("merges the same title on the same target, but not on another target", () => {
    const sameTarget = mergeEquivalentThreats(
      [
        found({ ruleId: "x", title: "Orders could be interrupted" }),
        found({ ruleId: "y", title: "orders could be INTERRUPTED.", rank: 1 }),
      ],
      NONE_DECLARED,
    );
    expect(rulesOf(sameTarget)).toEqual([["x", "y"]]);
    const otherTarget = mergeEquivalentThreats(
      [found({ ruleId: "x", title: "Same" }), found({ ruleId: "y", title: "Same", targetId: "b" })],
      NONE_DECLARED,
    );
    expect(rulesOf(otherTarget)).toEqual([["x"], ["y"]]);
  });

  it("never merges two categories, even when declared equivalent", () => {
    const merged = mergeEquivalentThreats(
      [
        found({ ruleId: "x", title: "Same" }),
        found({ ruleId: "y", title: "Same", category: "tampering" }),
      ],
      () => true,
    );
    expect(merged).toHaveLength(2);
  });

  it("keeps threats of two interactions apart, unless an element threat joins them", () => {
    const directions = [
      found({ ruleId: "r", title: "Same", interaction: "f|a|b", interactionKey: "k1" }),
      found({ ruleId: "r", title: "Same", interaction: "f|b|a", interactionKey: "k2" }),
    ];
    expect(rulesOf(mergeEquivalentThreats(directions, NONE_DECLARED))).toEqual([["r"], ["r"]]);
    const withElement = mergeEquivalentThreats(
      [...directions, found({ ruleId: "e", title: "Same", interaction: null, rank: -1 })],
      NONE_DECLARED,
    );
    expect(withElement).toHaveLength(1);
    expect(withElement[0]?.sources).toEqual([
      { ruleId: "e", interactionKey: "rule:e|flow:f|source:a|target:b" },
      { ruleId: "r", interactionKey: "k1" },
      { ruleId: "r", interactionKey: "k2" },
    ]);
  });

  it("keeps the order of each group's first threat", () => {
    const merged = mergeEquivalentThreats(
      [
        found({ ruleId: "a", title: "One" }),
        found({ ruleId: "b", title: "Two" }),
        found({ ruleId: "c", title: "one" }),
      ],
      NONE_DECLARED,
    );
    expect(rulesOf(merged)).toEqual([["a", "c"], ["b"]]);
  });
});

/**
 * A web shop: Browser -> Web app and Web app -> Payments cross an Internet boundary (a box
 * around Web app, Orders DB and Audit log); Web app writes Orders DB (SQL) and the audit log.
 */
function buildShopModel(): RuleModel {
  const place = (
    id: string,
    kind: "external-entity" | "process" | "data-store",
    x: number,
    fields = {},
  ) => buildElement(kind, { id, name: id, x, y: 100, width: 80, height: 80, ...fields });
  return {
    elements: [
      place("Browser", "external-entity", 0),
      place("Web app", "process", 400),
      place("Orders DB", "data-store", 600, { storeType: "Azure SQL" }),
      place("Audit log", "data-store", 800, { holdsLogs: true }),
      place("Payments", "external-entity", 1200),
      buildElement("trust-boundary", { id: "dc", x: 300, y: 0, width: 700, height: 400 }),
    ],
    flows: [
      buildFlow({
        id: "f1",
        name: "Order",
        sourceId: "Browser",
        targetId: "Web app",
        bidirectional: true,
      }),
      buildFlow({ id: "f2", name: "Save order", sourceId: "Web app", targetId: "Orders DB" }),
      buildFlow({ id: "f3", name: "Read orders", sourceId: "Orders DB", targetId: "Web app" }),
      buildFlow({ id: "f4", name: "Audit", sourceId: "Web app", targetId: "Audit log" }),
      buildFlow({ id: "f5", name: "Charge", sourceId: "Web app", targetId: "Payments" }),
    ],
  };
}

describe("importing Microsoft's core template beside the built-in rule sets", () => {
  const template = parseTb7Template(coreTemplate).ruleSet;
  const model = buildShopModel();
  const builtInOnly = evaluateRules(DEFAULT_RULE_SETS, model);
  const templateOnly = evaluateRules(template, model);
  const together = evaluateRules([...DEFAULT_RULE_SETS, template], model);
  const declared = new Set(
    DEFAULT_RULE_SETS.flatMap((set) => set.rules).flatMap((rule: Rule) => rule.equivalentTo ?? []),
  );

  it("adds only the template's threats that restate no built-in one", () => {
    const restating = templateOnly.filter((threat) => declared.has(threat.ruleId));
    const added = together.length - builtInOnly.length;
    // Before merging, every template threat was added: restatements included.
    expect(restating.length).toBeGreaterThanOrEqual(20);
    expect(added).toBe(templateOnly.length - restating.length);
    expect(
      together.filter((threat) => threat.ruleId.startsWith("tmt:")).map((t) => t.ruleId),
    ).toEqual(templateOnly.filter((threat) => !declared.has(threat.ruleId)).map((t) => t.ruleId));
    console.info(
      `built-in ${builtInOnly.length}, template ${templateOnly.length} (${restating.length} restating), together ${together.length}`,
    );
  });

  it("names the template's rule on the built-in threat it restates", () => {
    const interrupted = together.filter((threat) =>
      threat.sources.some((source) => source.ruleId === "tmt:D4"),
    );
    expect(interrupted.length).toBeGreaterThan(0);
    for (const threat of interrupted) {
      expect(threat.ruleId).toBe("deny-data-flow");
      expect(threat.sources.map((source) => source.ruleId)).toContain(
        "deny-flow-interrupted-crossing",
      );
    }
    // Every template threat that fired is in exactly one generated threat.
    const named = together.flatMap((threat) => threat.sources);
    for (const threat of templateOnly) {
      expect(
        named.filter((source) => source.interactionKey === threat.interactionKey),
      ).toHaveLength(1);
    }
  });
});

it("leaves rule sets without agreeing rules as they were", () => {
  const set = buildRuleSet(
    interactionRule({
      id: "one",
      category: "spoofing",
      appliesTo: "flow",
      title: "One {flow.name}",
      description: "",
      include: ALWAYS,
    }),
  );
  const threats = evaluateRules(set, buildShopModel());
  expect(threats.every((threat) => threat.sources.length === 1)).toBe(true);
});
