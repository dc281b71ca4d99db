import { describe, expect, it } from "vitest";
import { evaluateRules } from "./engine";
import type { RuleModel } from "./engine";
import { buildElementKey, buildInteractionKey } from "./interaction-key";
import {
  ALWAYS,
  crossesBoundary,
  elementRule,
  fieldContains,
  fieldEquals,
  fieldNotBlank,
  interactionRule,
  isKind,
  not,
} from "./rule-builders";
import type { Rule, RuleCondition } from "./rule-types";
import { buildElement, buildFlow, buildInteraction, buildRuleSet } from "./test-factories";

function whenRule(include: RuleCondition, appliesTo: "flow" | "source" | "target" = "flow"): Rule {
  return interactionRule({
    id: "probe",
    category: "tampering",
    appliesTo,
    title: "{source.name} -> {target.name} via {flow.name}",
    description: "{flow.protocol}",
    include,
  });
}

function fires(include: RuleCondition, model: RuleModel): boolean {
  return evaluateRules(buildRuleSet(whenRule(include)), model).length > 0;
}

describe("evaluateRules: conditions", () => {
  const model = buildInteraction(["external-entity", { authentication: "  " }], "process", {
    flow: { protocol: " HTTPS ", encrypted: true, authenticated: null },
  });

  it("compares text trimmed and case-insensitively, other values exactly", () => {
    expect(fires(fieldEquals("flow", "protocol", "https"), model)).toBe(true);
    expect(fires(fieldEquals("flow", "protocol", "http"), model)).toBe(false);
    expect(fires(fieldEquals("flow", "encrypted", true), model)).toBe(true);
    expect(fires(fieldEquals("flow", "encrypted", "true"), model)).toBe(false);
    expect(fires(fieldEquals("flow", "authenticated", null), model)).toBe(true);
    expect(fires(fieldEquals("flow", "authenticated", false), model)).toBe(false);
  });

  it("treats a field the subject lacks as never matching, even null", () => {
    expect(fires(fieldEquals("source", "holdsLogs", false), model)).toBe(false);
    expect(fires(fieldEquals("source", "permissionLevel", null), model)).toBe(false);
    expect(fires(fieldEquals("target", "permissionLevel", null), model)).toBe(true);
  });

  it("reads own fields only, never inherited ones", () => {
    expect(fires(fieldNotBlank("flow", "constructor"), model)).toBe(false);
    expect(fires(fieldContains("flow", "toString", "function"), model)).toBe(false);
  });

  it("tells blank text from filled text, and finds text inside text", () => {
    expect(fires(fieldNotBlank("source", "authentication"), model)).toBe(false);
    expect(fires(fieldNotBlank("flow", "protocol"), model)).toBe(true);
    expect(fires(fieldContains("flow", "protocol", "TTP"), model)).toBe(true);
    expect(fires(fieldContains("flow", "encrypted", "true"), model)).toBe(false);
  });

  it("checks kinds, and is false for a subject the scope does not have", () => {
    expect(fires(isKind("source", "external-entity"), model)).toBe(true);
    expect(fires(isKind("flow", "data-flow"), model)).toBe(true);
    expect(fires(isKind("element", "process"), model)).toBe(false);
    expect(fires(fieldNotBlank("element", "name"), model)).toBe(false);
  });

  it("evaluates an unknown imported condition as false, so its negation is true", () => {
    expect(fires({ op: "unknown", text: "target is 'SE.P.X'" }, model)).toBe(false);
    expect(fires(not({ op: "unknown", text: "target is 'SE.P.X'" }), model)).toBe(true);
  });

  it("filters crossings by boundary shape", () => {
    const crossing = buildInteraction("process", "process", { isCrossing: true });
    expect(fires(crossesBoundary(), crossing)).toBe(true);
    expect(fires(crossesBoundary("box"), crossing)).toBe(true);
    expect(fires(crossesBoundary("line"), crossing)).toBe(false);
    expect(fires(crossesBoundary(), model)).toBe(false);
  });

  it("applies the exclusion after the inclusion", () => {
    const rule: Rule = { ...whenRule(ALWAYS), exclude: fieldEquals("flow", "encrypted", true) };
    expect(evaluateRules(buildRuleSet(rule), model)).toEqual([]);
    expect(evaluateRules(buildRuleSet({ ...rule, exclude: not(ALWAYS) }), model)).toHaveLength(1);
  });
});

describe("evaluateRules: what is generated", () => {
  it("renders templates and builds a stable key per interaction", () => {
    const model = buildInteraction("external-entity", "process", { flow: { protocol: "AMQP" } });
    expect(evaluateRules(buildRuleSet(whenRule(ALWAYS, "target")), model)).toEqual([
      {
        ruleId: "probe",
        interactionKey: buildInteractionKey("probe", "flow-1", "source", "target"),
        category: "tampering",
        title: "Source -> Target via Orders",
        description: "AMQP",
        targetId: "target",
        sources: [
          {
            ruleId: "probe",
            interactionKey: buildInteractionKey("probe", "flow-1", "source", "target"),
          },
        ],
      },
    ]);
  });

  it("names unnamed elements by their kind", () => {
    const model = buildInteraction(["data-store", { name: "" }], "process", {
      flow: { name: " " },
    });
    const [threat] = evaluateRules(buildRuleSet(whenRule(ALWAYS)), model);
    expect(threat?.title).toBe("unnamed data store -> Target via unnamed data flow");
  });

  it("runs a bidirectional flow in both directions", () => {
    const model = buildInteraction("external-entity", "process", { flow: { bidirectional: true } });
    const threats = evaluateRules(
      buildRuleSet(whenRule(isKind("target", "external-entity"), "target")),
      model,
    );
    expect(threats).toEqual([
      expect.objectContaining({
        title: "Target -> Source via Orders",
        targetId: "source",
        interactionKey: buildInteractionKey("probe", "flow-1", "target", "source"),
      }),
    ]);
  });

  it("runs element rules on elements and data flows of their kinds", () => {
    const rule = elementRule({
      id: "each",
      category: "denial-of-service",
      elementKinds: ["data-store", "data-flow"],
      title: "{element.name} down",
      description: "",
    });
    const model = buildInteraction("process", "data-store");
    expect(evaluateRules(buildRuleSet(rule), model)).toEqual([
      expect.objectContaining({
        title: "Target down",
        targetId: "target",
        interactionKey: buildElementKey("each", "target"),
      }),
      expect.objectContaining({
        title: "Orders down",
        targetId: "flow-1",
        interactionKey: buildElementKey("each", "flow-1"),
      }),
    ]);
  });

  it("skips disabled rules and keeps the first of two rules with one id", () => {
    const first = whenRule(ALWAYS);
    const second = { ...first, title: "second" };
    const model = buildInteraction("process", "process");
    const threats = evaluateRules(
      [
        buildRuleSet(first),
        buildRuleSet(second),
        buildRuleSet({ ...first, id: "off", enabled: false }),
      ],
      model,
    );
    expect(threats.map((threat) => threat.title)).toEqual(["Source -> Target via Orders"]);
  });

  it("clips titles to the threat title limit", () => {
    const model = buildInteraction(["process", { name: "x".repeat(200) }], "process");
    const rule = { ...whenRule(ALWAYS), title: "{source.name} {source.name}" };
    const [threat] = evaluateRules(buildRuleSet(rule), model);
    expect(threat?.title).toHaveLength(300);
  });

  it("keeps unknown placeholders as typed", () => {
    const rule = { ...whenRule(ALWAYS), title: "{source.nope} {element.name}" };
    const [threat] = evaluateRules(buildRuleSet(rule), buildInteraction("process", "process"));
    expect(threat?.title).toBe("{source.nope} {element.name}");
  });
});

describe("evaluateRules: scope", () => {
  const everything = buildRuleSet(
    whenRule(ALWAYS, "source"),
    { ...whenRule(ALWAYS, "target"), id: "probe-target" },
    elementRule({
      id: "each",
      category: "spoofing",
      elementKinds: ["process", "external-entity", "data-flow"],
      title: "{element.name}",
      description: "",
    }),
  );

  it("skips out-of-scope elements, and interaction threats recorded against them", () => {
    const model = buildInteraction(["external-entity", { outOfScope: true }], "process");
    const threats = evaluateRules(everything, model);
    expect(threats.map((threat) => [threat.ruleId, threat.targetId])).toEqual([
      ["each", "target"],
      ["each", "flow-1"],
      ["probe-target", "target"],
    ]);
  });

  it("skips every threat of an out-of-scope flow", () => {
    const model = buildInteraction("external-entity", "process", { flow: { outOfScope: true } });
    expect(evaluateRules(everything, model).map((threat) => threat.targetId)).toEqual([
      "source",
      "target",
    ]);
  });

  it("skips flows whose ends are missing, equal or trust boundaries", () => {
    const boundary = buildElement("trust-boundary", { id: "zone" });
    const processElement = buildElement("process", { id: "p" });
    const model: RuleModel = {
      elements: [boundary, processElement],
      flows: [
        buildFlow({ id: "f1", sourceId: "p", targetId: "missing" }),
        buildFlow({ id: "f2", sourceId: "p", targetId: "p" }),
        buildFlow({ id: "f3", sourceId: "p", targetId: "zone" }),
      ],
    };
    expect(evaluateRules(everything, model).map((threat) => threat.targetId)).toEqual(["p"]);
  });

  it("limits evaluation to one diagram or one element", () => {
    const model = buildInteraction("external-entity", "process");
    const other: RuleModel = {
      elements: [
        ...model.elements,
        buildElement("process", { id: "elsewhere", diagramId: "d2", name: "Elsewhere" }),
      ],
      flows: model.flows,
    };
    const inD2 = evaluateRules(everything, other, { kind: "diagram", id: "d2" });
    expect(inD2.map((threat) => threat.targetId)).toEqual(["elsewhere"]);
    const ofSource = evaluateRules(everything, other, { kind: "element", id: "source" });
    expect(ofSource.map((threat) => [threat.ruleId, threat.targetId])).toEqual([
      ["each", "source"],
      ["probe", "source"],
      ["probe-target", "target"],
    ]);
    const ofFlow = evaluateRules(everything, other, { kind: "element", id: "flow-1" });
    expect(ofFlow.map((threat) => threat.ruleId)).toEqual(["each", "probe", "probe-target"]);
  });
});
