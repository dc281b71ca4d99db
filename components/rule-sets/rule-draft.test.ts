import { describe, expect, it } from "vitest";
import { STRIDE_PER_INTERACTION_RULE_SET } from "@/lib/stride/default-rules";
import { elementRule, fieldNotBlank, interactionRule, isKind } from "@/lib/stride/rule-builders";
import { parseRuleSet, type Rule } from "@/lib/stride/rule-types";
import {
  buildRuleFromDraft,
  createRuleDraft,
  draftRuleTexts,
  listExclusionOptions,
  listPlaceholders,
  readRuleDraft,
  reviseDraft,
  suggestRuleId,
  type DraftResult,
  type RuleDraft,
} from "./rule-draft";

const NO_IDS: ReadonlySet<string> = new Set();

function buildDraft(overrides: Partial<RuleDraft> = {}): RuleDraft {
  return {
    ...createRuleDraft(),
    id: "spoof-unauthenticated",
    title: "Spoofing of {source.name} over unauthenticated flows",
    description: "{target.name} cannot tell who sent {flow.name}.",
    ...overrides,
  };
}

function expectRule(result: DraftResult): Rule {
  if (!result.ok) throw new Error(`expected a rule, got ${JSON.stringify(result.errors)}`);
  return result.rule;
}

function expectErrors(result: DraftResult) {
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("buildRuleFromDraft", () => {
  it("builds an interaction rule from kinds, crossing and exclusions", () => {
    const rule = expectRule(
      buildRuleFromDraft(
        buildDraft({
          appliesTo: "source",
          sourceKinds: ["external-entity"],
          targetKinds: ["process", "data-store"],
          isBoundaryCrossingRequired: true,
          exclusions: ["flow.authenticated", "target.holdsCredentials"],
        }),
        { takenIds: NO_IDS },
      ),
    );
    expect(rule).toEqual({
      id: "spoof-unauthenticated",
      title: "Spoofing of {source.name} over unauthenticated flows",
      description: "{target.name} cannot tell who sent {flow.name}.",
      category: "spoofing",
      scope: { kind: "interaction", appliesTo: "source" },
      include: {
        op: "and",
        conditions: [
          { op: "kind-is", subject: "source", kind: "external-entity" },
          {
            op: "or",
            conditions: [
              { op: "kind-is", subject: "target", kind: "process" },
              { op: "kind-is", subject: "target", kind: "data-store" },
            ],
          },
          { op: "crosses-boundary" },
        ],
      },
      exclude: {
        op: "or",
        conditions: [
          { op: "property-equals", subject: "flow", property: "authenticated", value: true },
          { op: "property-equals", subject: "target", property: "holdsCredentials", value: true },
        ],
      },
      enabled: true,
    });
    // The whole set is valid under lib/stride's format.
    expect(() =>
      parseRuleSet({ id: "set", name: "Set", description: "", rules: [rule] }),
    ).not.toThrow();
  });

  it("builds an always-true interaction rule and an element rule", () => {
    expect(expectRule(buildRuleFromDraft(buildDraft(), { takenIds: NO_IDS })).include).toEqual({
      op: "always",
    });
    const rule = expectRule(
      buildRuleFromDraft(
        buildDraft({
          scope: "element",
          title: "{element.name} leaks credentials",
          description: "",
          elementKinds: ["data-store"],
          exclusions: ["element.encrypted"],
          category: "information-disclosure",
          isEnabled: false,
        }),
        { takenIds: NO_IDS },
      ),
    );
    expect(rule).toMatchObject({
      scope: { kind: "element", elementKinds: ["data-store"] },
      include: { op: "always" },
      exclude: { op: "property-equals", subject: "element", property: "encrypted", value: true },
      enabled: false,
    });
  });

  it("reports field errors from the rule schema and the set", () => {
    const errors = expectErrors(
      buildRuleFromDraft(
        buildDraft({
          id: "has space",
          title: "  ",
          description: "",
          scope: "element",
          elementKinds: [],
        }),
        { takenIds: NO_IDS },
      ),
    );
    expect(errors).toEqual({
      id: "Use letters, digits and . _ : - only",
      title: "Enter a title.",
      elementKinds: "Choose at least one kind of element.",
    });
    expect(
      expectErrors(
        buildRuleFromDraft(buildDraft(), { takenIds: new Set(["spoof-unauthenticated"]) }),
      ),
    ).toEqual({ id: "Another rule already has this id." });
    expect(expectErrors(buildRuleFromDraft(buildDraft({ id: "" }), { takenIds: NO_IDS }))).toEqual({
      id: "Enter an id.",
    });
  });

  it("refuses placeholders of subjects the rule does not see", () => {
    const errors = expectErrors(
      buildRuleFromDraft(buildDraft({ title: "{element.name} is spoofed" }), { takenIds: NO_IDS }),
    );
    expect(errors.title).toBe(
      "{element.name} is not a placeholder of this rule: use {source.…}, {target.…}, {flow.…}.",
    );
    const element = expectErrors(
      buildRuleFromDraft(
        buildDraft({ scope: "element", title: "ok", description: "From {sorce.name}" }),
        { takenIds: NO_IDS },
      ),
    );
    expect(element.description).toMatch(/^\{sorce\.name\} is not a placeholder/);
  });

  it("refuses exclusions the chosen kinds do not offer", () => {
    const errors = expectErrors(
      buildRuleFromDraft(
        buildDraft({ sourceKinds: ["process"], exclusions: ["source.holdsLogs"] }),
        {
          takenIds: NO_IDS,
        },
      ),
    );
    expect(errors.exclusions).toBe("“source.holdsLogs” does not apply to the chosen kinds.");
  });

  it("keeps the condition of a rule the builder cannot show", () => {
    const kept = interactionRule({
      id: "custom",
      category: "tampering",
      appliesTo: "flow",
      title: "Old",
      description: "",
      include: isKind("source", "process"),
      exclude: fieldNotBlank("source", "authentication"),
    });
    const rule = expectRule(
      buildRuleFromDraft(
        { ...draftRuleTexts(kept), title: "New {flow.name}", isEnabled: false },
        { takenIds: NO_IDS, keepConditionOf: kept },
      ),
    );
    expect(rule).toEqual({ ...kept, title: "New {flow.name}", enabled: false });
  });
});

describe("readRuleDraft", () => {
  it("round-trips drafts through rules", () => {
    const drafts: RuleDraft[] = [
      buildDraft(),
      buildDraft({
        appliesTo: "target",
        sourceKinds: ["process", "external-entity"],
        targetKinds: ["data-store"],
        isBoundaryCrossingRequired: true,
        exclusions: ["flow.encrypted", "source.sandboxed", "target.holdsSecrets"],
        category: "tampering",
        isEnabled: false,
      }),
      buildDraft({ isBoundaryCrossingRequired: true }),
      buildDraft({
        scope: "element",
        title: "{element.name}",
        description: "",
        elementKinds: ["data-flow", "data-store"],
        exclusions: ["element.encrypted", "element.forgeryProtection"],
      }),
    ];
    for (const draft of drafts) {
      const rule = expectRule(buildRuleFromDraft(draft, { takenIds: NO_IDS }));
      expect(readRuleDraft(rule)).toEqual(draft);
      expect(expectRule(buildRuleFromDraft(draft, { takenIds: NO_IDS }))).toEqual(rule);
    }
  });

  it("reads the expressible built-in rules and gives them back unchanged", () => {
    const expressible = STRIDE_PER_INTERACTION_RULE_SET.rules.filter(
      (rule) => readRuleDraft(rule) !== null,
    );
    expect(expressible.map((rule) => rule.id)).toContain("spoof-target-process-crossing");
    for (const rule of expressible) {
      const draft = readRuleDraft(rule);
      if (draft === null) throw new Error("unreachable");
      expect(expectRule(buildRuleFromDraft(draft, { takenIds: NO_IDS }))).toEqual(rule);
    }
  });

  it("returns null for conditions the builder cannot show", () => {
    const base = elementRule({
      id: "x",
      category: "spoofing",
      elementKinds: ["process"],
      title: "t",
      description: "",
    });
    const interaction = interactionRule({
      id: "y",
      category: "spoofing",
      appliesTo: "flow",
      title: "t",
      description: "",
      include: { op: "always" },
    });
    const unreadable: Rule[] = [
      { ...base, include: isKind("element", "process") },
      { ...interaction, include: { op: "crosses-boundary", shape: "box" } },
      { ...interaction, include: { op: "not", condition: { op: "crosses-boundary" } } },
      {
        ...interaction,
        include: {
          op: "and",
          conditions: [isKind("source", "process"), isKind("source", "data-store")],
        },
      },
      { ...interaction, include: isKind("source", "data-flow") },
      {
        ...interaction,
        include: {
          op: "or",
          conditions: [isKind("source", "process"), isKind("target", "process")],
        },
      },
      { ...interaction, exclude: fieldNotBlank("source", "authentication") },
      {
        ...interaction,
        exclude: {
          op: "property-equals",
          subject: "flow",
          property: "authenticated",
          value: false,
        },
      },
      {
        ...interaction,
        exclude: { op: "property-equals", subject: "flow", property: "protocol", value: true },
      },
      {
        ...interaction,
        exclude: { op: "property-equals", subject: "element", property: "holdsLogs", value: true },
      },
      { ...interaction, include: { op: "unknown", text: "GE.P" } },
    ];
    for (const rule of unreadable) expect(readRuleDraft(rule)).toBeNull();
  });
});

describe("listExclusionOptions", () => {
  it("offers the flow's fields and those of the source and target kinds", () => {
    const options = listExclusionOptions(
      buildDraft({ sourceKinds: ["external-entity"], targetKinds: ["data-store"] }),
    );
    expect(options.map((option) => option.label)).toEqual([
      "the data flow is authenticated",
      "the data flow is encrypted",
      "the data flow has forgery protection",
      "the target data store holds logs",
      "the target data store holds credentials",
      "the target data store holds secrets",
      "the target data store holds backups",
      "the target data store shares data between parties",
      "the target data store is encrypted",
      "the target data store is on an encrypted disk",
      "the target data store holds signed data",
    ]);
  });

  it("offers every endpoint kind's fields when any kind is allowed, and merges shared fields", () => {
    const keys = listExclusionOptions(buildDraft()).map((option) => option.key);
    expect(keys).toContain("source.sandboxed");
    expect(keys).toContain("target.holdsCredentials");
    const element = listExclusionOptions(
      buildDraft({ scope: "element", elementKinds: ["data-flow", "data-store"] }),
    );
    expect(element.find((option) => option.key === "element.encrypted")?.label).toBe(
      "the data flow or data store is encrypted",
    );
  });
});

describe("reviseDraft", () => {
  it("drops exclusions that the new kinds do not offer", () => {
    const draft = buildDraft({ exclusions: ["flow.authenticated", "source.holdsLogs"] });
    expect(reviseDraft(draft, { sourceKinds: ["process"] }).exclusions).toEqual([
      "flow.authenticated",
    ]);
    expect(reviseDraft(draft, { scope: "element" }).exclusions).toEqual([]);
  });
});

describe("suggestRuleId and listPlaceholders", () => {
  it("slugs the title and avoids taken ids", () => {
    expect(suggestRuleId("Spoofing of {source.name} over unauthenticated flows", NO_IDS)).toBe(
      "spoofing-of-source-name-over-unauthenticated-flows",
    );
    expect(suggestRuleId("  ", NO_IDS)).toBe("rule");
    expect(suggestRuleId("A b", new Set(["a-b", "a-b-2"]))).toBe("a-b-3");
    expect(suggestRuleId("x".repeat(200), NO_IDS)).toHaveLength(56);
  });

  it("lists the placeholders of the scope", () => {
    expect(listPlaceholders(buildDraft())).toContain("{source.name}");
    expect(listPlaceholders({ scope: "element", elementKinds: ["process", "data-store"] })).toEqual(
      ["{element.name}", "{element.code}", "{element.storeType}"],
    );
  });
});
