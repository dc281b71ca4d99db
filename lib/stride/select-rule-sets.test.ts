import { describe, expect, it } from "vitest";
import {
  addElement,
  addFlow,
  getRuleSetChoices,
  getThreat,
  listThreats,
  setRuleSetChoice,
} from "../model";
import { buildModelDoc } from "../model/test-helpers";
import { DEFAULT_RULE_SETS } from "./default-rules";
import { STALE_REVIEW_REASONS, generateThreats } from "./generate";
import { interactionRule, ALWAYS } from "./rule-builders";
import { isRuleSetOn, selectModelRuleSets } from "./select-rule-sets";
import type { OfferedRuleSet } from "./select-rule-sets";

const ORGANISATION_SET = {
  id: "org",
  name: "Ours",
  description: "",
  rules: [
    interactionRule({
      id: "org-rule",
      category: "tampering",
      appliesTo: "flow",
      title: "Ours on {flow.name}",
      description: "",
      include: ALWAYS,
    }),
  ],
};
const OFFERED: OfferedRuleSet[] = [
  ...DEFAULT_RULE_SETS.map((ruleSet) => ({ ruleSet, isOnByDefault: true })),
  { ruleSet: ORGANISATION_SET, isOnByDefault: false },
];

describe("selectModelRuleSets", () => {
  it("uses the instance's defaults when the model made no choice", () => {
    expect(selectModelRuleSets(OFFERED, new Map()).map((set) => set.id)).toEqual([
      "stride-per-element",
      "stride-per-interaction",
    ]);
  });

  it("follows the model's choice set by set, in the order offered", () => {
    const choices = new Map([
      ["org", true],
      ["stride-per-element", false],
      ["deleted-set", true],
    ]);
    expect(selectModelRuleSets(OFFERED, choices).map((set) => set.id)).toEqual([
      "stride-per-interaction",
      "org",
    ]);
    expect(OFFERED.map((offered) => isRuleSetOn(offered, choices))).toEqual([false, true, true]);
  });
});

describe("generating threats with a model's choice", () => {
  function buildDoc() {
    const { doc, diagramId } = buildModelDoc();
    const browser = addElement(doc, { kind: "external-entity", diagramId, name: "Browser" });
    const web = addElement(doc, { kind: "process", diagramId, name: "Web app", x: 600 });
    addFlow(doc, { sourceId: browser, targetId: web, name: "Request" });
    return doc;
  }
  const generate = (doc: ReturnType<typeof buildDoc>) =>
    generateThreats(
      doc,
      selectModelRuleSets(OFFERED, getRuleSetChoices(doc)),
      { kind: "model" },
      {
        isEveryRuleInForce: true,
      },
    );
  const ruleIdsOf = (doc: ReturnType<typeof buildDoc>) =>
    new Set(
      listThreats(doc).map((threat) => (threat.origin.kind === "rule" ? threat.origin.ruleId : "")),
    );

  it("generates only from the sets the model turned on", () => {
    const doc = buildDoc();
    setRuleSetChoice(doc, "stride-per-element", false);
    setRuleSetChoice(doc, "org", true);
    generate(doc);
    const ruleIds = ruleIdsOf(doc);
    expect(ruleIds.has("org-rule")).toBe(true);
    expect(ruleIds.has("spoof-external-entity")).toBe(false);
    expect(ruleIds.has("spoof-source-external-entity")).toBe(true);
  });

  it("flags, never deletes, the threats of a set the model turned off later", () => {
    const doc = buildDoc();
    const first = generate(doc);
    const perElement = listThreats(doc).filter(
      (threat) => threat.origin.kind === "rule" && threat.origin.ruleId === "spoof-external-entity",
    );
    expect(perElement).toHaveLength(1);
    setRuleSetChoice(doc, "stride-per-element", false);
    const second = generate(doc);
    expect(second.added).toEqual([]);
    expect(listThreats(doc)).toHaveLength(first.added.length);
    expect(getThreat(doc, perElement[0]?.id ?? "")).toMatchObject({
      needsReview: true,
      reviewReason: STALE_REVIEW_REASONS.ruleWithdrawn,
    });
  });
});
