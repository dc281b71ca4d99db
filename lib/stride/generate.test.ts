import { describe, expect, it } from "vitest";
import {
  addDiagram,
  addElement,
  addFlow,
  addThreat,
  deleteElement,
  deleteFlow,
  getThreat,
  listThreats,
  updateFlow,
  updateThreat,
} from "../model";
import { buildModelDoc, expectAppError } from "../model/test-helpers";
import { DEFAULT_RULE_SETS, STRIDE_PER_INTERACTION_RULE_SET } from "./default-rules";
import { RULE_ENGINE_AUTHOR_ID, generateThreats } from "./generate";
import { buildInteractionKey } from "./interaction-key";
import { allOf, crossesBoundary, fieldEquals, interactionRule, isKind, not } from "./rule-builders";
import { buildRuleSet } from "./test-factories";

const MODEL = { kind: "model" } as const;

/** Browser -> Web app across an Internet boundary; Web app -> Orders DB inside. */
function buildShop() {
  const { doc, diagramId } = buildModelDoc();
  const browser = addElement(doc, { kind: "external-entity", diagramId, name: "Browser" });
  const web = addElement(doc, { kind: "process", diagramId, name: "Web app", x: 600 });
  const db = addElement(doc, { kind: "data-store", diagramId, name: "Orders DB", x: 600, y: 400 });
  addElement(doc, {
    kind: "trust-boundary",
    diagramId,
    name: "Data center",
    x: 500,
    y: -100,
    width: 500,
    height: 800,
  });
  const request = addFlow(doc, { sourceId: browser, targetId: web, name: "Order request" });
  const write = addFlow(doc, { sourceId: web, targetId: db, name: "Save order" });
  return { doc, diagramId, browser, web, db, request, write };
}

/** One rule: sniffing of unencrypted flows that cross a boundary. */
const sniffing = buildRuleSet(
  interactionRule({
    id: "sniff",
    category: "information-disclosure",
    appliesTo: "flow",
    title: "{flow.name} could be sniffed",
    description: "",
    include: allOf(crossesBoundary(), not(fieldEquals("flow", "encrypted", true))),
  }),
);

describe("generateThreats", () => {
  it("records each generated threat with its rule origin, in one transaction", () => {
    const { doc, request, browser, web } = buildShop();
    let transactions = 0;
    doc.on("afterTransaction", () => (transactions += 1));
    const result = generateThreats(doc, sniffing, MODEL, { authorId: "user-facilitator" });
    expect(transactions).toBe(1);
    expect(result.existing).toEqual([]);
    expect(result.stale).toEqual([]);
    expect(result.added).toHaveLength(1);
    const [id] = result.added;
    expect(getThreat(doc, id ?? "")).toMatchObject({
      title: "Order request could be sniffed",
      category: "information-disclosure",
      status: "open",
      targetId: request,
      author: "user-facilitator",
      origin: {
        kind: "rule",
        ruleId: "sniff",
        interactionKey: buildInteractionKey("sniff", request, browser, web),
      },
    });
  });

  it("adds nothing the second time, and reports what exists", () => {
    const { doc } = buildShop();
    const first = generateThreats(doc, DEFAULT_RULE_SETS, MODEL);
    expect(first.added.length).toBeGreaterThan(10);
    const threatsAfterFirst = listThreats(doc);
    expect(threatsAfterFirst.every((threat) => threat.author === RULE_ENGINE_AUTHOR_ID)).toBe(true);

    let transactions = 0;
    doc.on("afterTransaction", () => (transactions += 1));
    const second = generateThreats(doc, DEFAULT_RULE_SETS, MODEL);
    expect(second.added).toEqual([]);
    expect(second.stale).toEqual([]);
    expect([...second.existing].sort()).toEqual([...first.added].sort());
    expect(listThreats(doc)).toEqual(threatsAfterFirst);
    expect(transactions).toBe(0);
  });

  it("never duplicates a threat that people have since edited", () => {
    const { doc } = buildShop();
    const [id] = generateThreats(doc, sniffing, MODEL).added;
    updateThreat(doc, id ?? "", { title: "Orders readable on the wire", status: "mitigated" });
    expect(generateThreats(doc, sniffing, MODEL)).toEqual({ added: [], existing: [id], stale: [] });
  });

  it("flags threats whose flow no longer matches, without changing them", () => {
    const { doc, request } = buildShop();
    const [id] = generateThreats(doc, sniffing, MODEL).added;
    const before = getThreat(doc, id ?? "");
    updateFlow(doc, request, { encrypted: true });
    expect(generateThreats(doc, sniffing, MODEL)).toEqual({ added: [], existing: [], stale: [id] });
    expect(getThreat(doc, id ?? "")).toEqual(before);
  });

  it("flags threats whose flow or element is gone, and keeps them", () => {
    const { doc, request, browser } = buildShop();
    const first = generateThreats(doc, DEFAULT_RULE_SETS, MODEL);
    deleteFlow(doc, request);
    const second = generateThreats(doc, DEFAULT_RULE_SETS, MODEL);
    expect(second.added).toEqual([]);
    const staleThreats = second.stale.map((id) => getThreat(doc, id));
    expect(staleThreats.length).toBeGreaterThan(0);
    for (const threat of staleThreats) {
      const key = threat?.origin.kind === "rule" ? threat.origin.interactionKey : "";
      expect(key?.includes(request) || key?.includes(browser)).toBe(true);
    }
    expect([...second.existing, ...second.stale].sort()).toEqual([...first.added].sort());
    expect(listThreats(doc)).toHaveLength(first.added.length);

    deleteElement(doc, browser);
    const third = generateThreats(doc, DEFAULT_RULE_SETS, MODEL);
    const newlyStale = third.stale.filter((id) => !second.stale.includes(id));
    expect(third.stale).toEqual(expect.arrayContaining(second.stale));
    expect(newlyStale.map((id) => getThreat(doc, id)?.title).sort()).toEqual([
      "Browser could be impersonated",
      "Browser could deny what it did",
    ]);
  });

  it("treats a reconnected flow as a new interaction", () => {
    const { doc, diagramId, request } = buildShop();
    const [oldId] = generateThreats(doc, sniffing, MODEL).added;
    const partner = addElement(doc, { kind: "external-entity", diagramId, name: "Partner" });
    updateFlow(doc, request, { sourceId: partner });
    const result = generateThreats(doc, sniffing, MODEL);
    expect(result.stale).toEqual([oldId]);
    expect(result.added).toHaveLength(1);
  });

  it("leaves manual threats, other rule sets' threats and disabled rules alone", () => {
    const { doc, request, web } = buildShop();
    addThreat(doc, { title: "Manual", category: "spoofing", targetId: web }, "user-1");
    addThreat(
      doc,
      {
        title: "From another rule set",
        category: "spoofing",
        targetId: request,
        origin: { kind: "rule", ruleId: "elsewhere", interactionKey: "rule:elsewhere|element:x" },
      },
      "user-1",
    );
    const [id] = generateThreats(doc, sniffing, MODEL).added;
    updateFlow(doc, request, { encrypted: true });
    const [rule] = sniffing.rules;
    const disabled = buildRuleSet(...(rule === undefined ? [] : [{ ...rule, enabled: false }]));
    expect(generateThreats(doc, disabled, MODEL)).toEqual({ added: [], existing: [], stale: [] });
    expect(generateThreats(doc, sniffing, MODEL).stale).toEqual([id]);
  });

  it("limits generation and staleness to one diagram", () => {
    const { doc, diagramId, web } = buildShop();
    const inner = addDiagram(doc, { title: "Web app - internals", layer: 1, parentElementId: web });
    const router = addElement(doc, { kind: "process", diagramId: inner, name: "Router" });
    const cache = addElement(doc, { kind: "data-store", diagramId: inner, name: "Cache" });
    addFlow(doc, { sourceId: router, targetId: cache, name: "Cache write" });

    const innerRun = generateThreats(doc, STRIDE_PER_INTERACTION_RULE_SET, {
      kind: "diagram",
      id: inner,
    });
    const targets = new Set(innerRun.added.map((id) => getThreat(doc, id)?.targetId));
    expect(targets.has(web)).toBe(false);
    expect(targets.has(cache)).toBe(true);

    const outerRun = generateThreats(doc, STRIDE_PER_INTERACTION_RULE_SET, {
      kind: "diagram",
      id: diagramId,
    });
    expect(outerRun.existing).toEqual([]);
    expect(outerRun.stale).toEqual([]);
    expect(outerRun.added.length).toBeGreaterThan(0);
    expect(generateThreats(doc, STRIDE_PER_INTERACTION_RULE_SET, MODEL).added).toEqual([]);
  });

  it("limits generation to one element and the interactions it takes part in", () => {
    const { doc, db, request, write } = buildShop();
    const result = generateThreats(doc, DEFAULT_RULE_SETS, { kind: "element", id: db });
    const threats = result.added.map((id) => getThreat(doc, id));
    expect(threats.length).toBeGreaterThan(0);
    for (const threat of threats) {
      const key = threat?.origin.kind === "rule" ? (threat.origin.interactionKey ?? "") : "";
      expect(key.includes(db)).toBe(true);
      expect(key.includes(request)).toBe(false);
    }
    expect(threats.some((threat) => threat?.targetId === write)).toBe(true);
  });

  it("refuses an invalid author before writing anything", () => {
    const { doc } = buildShop();
    expectAppError(() => generateThreats(doc, sniffing, MODEL, { authorId: "" }), "bad_request");
    expect(listThreats(doc)).toEqual([]);
  });

  it("generates threats for a kind-only rule on every matching interaction", () => {
    const { doc } = buildShop();
    const rule = interactionRule({
      id: "writes",
      category: "tampering",
      appliesTo: "target",
      title: "{source.name} writes to {target.name}",
      description: "",
      include: isKind("target", "data-store"),
    });
    const result = generateThreats(doc, buildRuleSet(rule), MODEL);
    expect(result.added.map((id) => getThreat(doc, id)?.title)).toEqual([
      "Web app writes to Orders DB",
    ]);
  });
});
