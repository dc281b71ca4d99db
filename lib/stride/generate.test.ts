import { describe, expect, it } from "vitest";
import * as Y from "yjs";
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
import { buildModelDoc, cloneDoc, expectAppError, syncDocs } from "../model/test-helpers";
import {
  DEFAULT_RULE_SETS,
  STRIDE_PER_ELEMENT_RULE_SET,
  STRIDE_PER_INTERACTION_RULE_SET,
} from "./default-rules";
import {
  RULE_ENGINE_AUTHOR_ID,
  STALE_REVIEW_REASONS,
  describeDuplicate,
  generateThreats,
  getGeneratedThreatId,
  hashFnv1a64,
} from "./generate";
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
    expect(id).toBe(
      getGeneratedThreatId("sniff", buildInteractionKey("sniff", request, browser, web)),
    );
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
    expect(generateThreats(doc, sniffing, MODEL)).toEqual({
      added: [],
      existing: [id],
      stale: [],
      duplicates: [],
      flagged: [],
      cleared: [],
    });
  });

  it("flags threats whose flow no longer matches for review, and clears the flag when it matches again", () => {
    const { doc, request } = buildShop();
    const [id = ""] = generateThreats(doc, sniffing, MODEL).added;
    updateThreat(doc, id, { status: "needs-investigation" });
    const before = getThreat(doc, id);
    updateFlow(doc, request, { encrypted: true });
    expect(generateThreats(doc, sniffing, MODEL)).toEqual({
      added: [],
      existing: [],
      stale: [id],
      duplicates: [],
      flagged: [id],
      cleared: [],
    });
    expect(getThreat(doc, id)).toEqual({
      ...before,
      needsReview: true,
      reviewReason: STALE_REVIEW_REASONS.noLongerMatches,
      updatedAt: expect.any(Number),
    });

    let transactions = 0;
    doc.on("afterTransaction", () => (transactions += 1));
    expect(generateThreats(doc, sniffing, MODEL).flagged).toEqual([]);
    expect(transactions).toBe(0);

    updateFlow(doc, request, { encrypted: false });
    transactions = 0;
    expect(generateThreats(doc, sniffing, MODEL)).toMatchObject({ existing: [id], cleared: [id] });
    expect(transactions).toBe(1);
    expect(getThreat(doc, id)).toMatchObject({
      status: "needs-investigation",
      needsReview: false,
      reviewReason: "",
    });
  });

  it("never clears or rewrites a review flag that a person set", () => {
    const { doc, request } = buildShop();
    const [id = ""] = generateThreats(doc, sniffing, MODEL).added;
    updateThreat(doc, id, { needsReview: true, reviewReason: "Ask the network team" });
    expect(generateThreats(doc, sniffing, MODEL).cleared).toEqual([]);
    updateFlow(doc, request, { encrypted: true });
    expect(generateThreats(doc, sniffing, MODEL)).toMatchObject({ stale: [id], flagged: [] });
    expect(getThreat(doc, id)?.reviewReason).toBe("Ask the network team");
  });

  it("flags threats whose flow or element is gone, and keeps them", () => {
    const { doc, request, browser } = buildShop();
    const first = generateThreats(doc, DEFAULT_RULE_SETS, MODEL);
    deleteFlow(doc, request);
    const second = generateThreats(doc, DEFAULT_RULE_SETS, MODEL);
    expect(second.added).toEqual([]);
    const staleThreats = second.stale.map((id) => getThreat(doc, id));
    expect(staleThreats.length).toBeGreaterThan(0);
    expect(second.flagged).toEqual(second.stale);
    for (const threat of staleThreats) {
      const key = threat?.origin.kind === "rule" ? threat.origin.interactionKey : "";
      expect(key?.includes(request) || key?.includes(browser)).toBe(true);
      expect(threat).toMatchObject({ needsReview: true, reviewReason: STALE_REVIEW_REASONS.gone });
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
    expect(result.added[0]).not.toBe(oldId);
    expect(getThreat(doc, oldId ?? "")?.reviewReason).toBe(STALE_REVIEW_REASONS.gone);
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
    expect(generateThreats(doc, disabled, MODEL)).toEqual({
      added: [],
      existing: [],
      stale: [],
      duplicates: [],
      flagged: [],
      cleared: [],
    });
    expect(generateThreats(doc, sniffing, MODEL).stale).toEqual([id]);
  });

  it("flags threats of a withdrawn rule when told every rule in force, and clears it on return", () => {
    const { doc } = buildShop();
    const [id] = generateThreats(doc, sniffing, MODEL).added;
    const [rule] = sniffing.rules;
    const disabled = buildRuleSet(...(rule === undefined ? [] : [{ ...rule, enabled: false }]));
    const emptySet = buildRuleSet();

    const afterDisable = generateThreats(doc, disabled, MODEL, { isEveryRuleInForce: true });
    expect(afterDisable.stale).toEqual([id]);
    expect(afterDisable.flagged).toEqual([id]);
    expect(getThreat(doc, id ?? "")?.reviewReason).toBe(STALE_REVIEW_REASONS.ruleWithdrawn);
    // Deleted outright: still flagged once, not rewritten.
    expect(generateThreats(doc, emptySet, MODEL, { isEveryRuleInForce: true }).flagged).toEqual([]);

    const afterReturn = generateThreats(doc, sniffing, MODEL, { isEveryRuleInForce: true });
    expect(afterReturn.cleared).toEqual([id]);
    expect(getThreat(doc, id ?? "")?.needsReview).toBe(false);
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

describe("generateThreats with agreeing rules", () => {
  const interruptionsOf = (doc: Y.Doc, flowId: string) =>
    listThreats(doc).filter(
      (threat) => threat.targetId === flowId && threat.category === "denial-of-service",
    );

  it("records one threat naming every agreeing rule, and adds rules that agree later", () => {
    const { doc, request, browser, web } = buildShop();
    generateThreats(doc, STRIDE_PER_INTERACTION_RULE_SET, MODEL);
    const [threat] = interruptionsOf(doc, request);
    expect(interruptionsOf(doc, request)).toHaveLength(1);
    updateThreat(doc, threat?.id ?? "", { severity: "important" });

    const both = generateThreats(doc, DEFAULT_RULE_SETS, MODEL);
    expect(interruptionsOf(doc, request)).toHaveLength(1);
    expect(both.existing).toContain(threat?.id);
    expect(getThreat(doc, threat?.id ?? "")).toMatchObject({
      severity: "important",
      origin: {
        ruleId: "deny-flow-interrupted-crossing",
        interactionKey: buildInteractionKey(
          "deny-flow-interrupted-crossing",
          request,
          browser,
          web,
        ),
        agreeingRules: [
          { ruleId: "deny-data-flow", interactionKey: `rule:deny-data-flow|element:${request}` },
        ],
      },
    });

    // Its first rule withdrawn, the threat still stands for the other one: nothing is added.
    const elementOnly = generateThreats(doc, STRIDE_PER_ELEMENT_RULE_SET, MODEL, {
      isEveryRuleInForce: true,
    });
    expect(elementOnly.stale).not.toContain(threat?.id);
    expect(interruptionsOf(doc, request)).toHaveLength(1);
  });

  it("a new threat lists the agreeing rules from the start", () => {
    const { doc, request } = buildShop();
    generateThreats(doc, DEFAULT_RULE_SETS, MODEL);
    const [threat] = interruptionsOf(doc, request);
    expect(interruptionsOf(doc, request)).toHaveLength(1);
    expect(threat?.origin).toMatchObject({
      ruleId: "deny-data-flow",
      agreeingRules: [{ ruleId: "deny-flow-interrupted-crossing" }],
    });
  });

  it("flags a threat that restates another one for review, and never deletes it", () => {
    const { doc, request } = buildShop();
    generateThreats(doc, STRIDE_PER_ELEMENT_RULE_SET, MODEL);
    generateThreats(doc, STRIDE_PER_INTERACTION_RULE_SET, MODEL);
    const before = interruptionsOf(doc, request);
    expect(before).toHaveLength(2);
    const kept = before.find(
      (threat) => threat.origin.kind === "rule" && threat.origin.ruleId === "deny-data-flow",
    );
    const restating = before.find((threat) => threat !== kept);
    updateThreat(doc, restating?.id ?? "", { impact: "Orders stop" });

    const result = generateThreats(doc, DEFAULT_RULE_SETS, MODEL);
    // Its information-disclosure sibling ("could be sniffed", "could be intercepted") too.
    expect(result.duplicates).toHaveLength(2);
    expect(result.duplicates).toContain(restating?.id);
    expect(result.flagged).toContain(restating?.id);
    expect(result.added).toEqual([]);
    expect(interruptionsOf(doc, request)).toHaveLength(2);
    expect(getThreat(doc, restating?.id ?? "")).toMatchObject({
      impact: "Orders stop",
      needsReview: true,
      reviewReason: describeDuplicate(kept?.title ?? ""),
    });
    expect(getThreat(doc, kept?.id ?? "")?.needsReview).toBe(false);

    // Flagged once: the next run writes nothing.
    let transactions = 0;
    doc.on("afterTransaction", () => (transactions += 1));
    expect(generateThreats(doc, DEFAULT_RULE_SETS, MODEL).flagged).toEqual([]);
    expect(transactions).toBe(0);
  });
});

describe("generated threat ids", () => {
  it("hashes with FNV-1a 64 (published test vectors)", () => {
    expect(hashFnv1a64("")).toBe(0xcbf29ce484222325n);
    expect(hashFnv1a64("a")).toBe(0xaf63dc4c8601ec8cn);
    expect(hashFnv1a64("foobar")).toBe(0x85944171f73967e8n);
  });

  it("derives a short id from the rule and the interaction, the same every time", () => {
    const id = getGeneratedThreatId("sniff", "rule:sniff|element:e1");
    expect(id).toMatch(/^g[0-9a-z]{13}$/);
    expect(getGeneratedThreatId("sniff", "rule:sniff|element:e1")).toBe(id);
    expect(getGeneratedThreatId("sniff", "rule:sniff|element:e2")).not.toBe(id);
    expect(getGeneratedThreatId("sniff2", "rule:sniff|element:e1")).not.toBe(id);
  });

  it("makes two people generating at the same moment converge on one threat each", () => {
    const { doc: alice } = buildShop();
    const bob = cloneDoc(alice);
    const fromAlice = generateThreats(alice, DEFAULT_RULE_SETS, MODEL, { authorId: "alice" });
    const fromBob = generateThreats(bob, DEFAULT_RULE_SETS, MODEL, { authorId: "bob" });
    expect(fromAlice.added.length).toBeGreaterThan(10);
    expect([...fromBob.added].sort()).toEqual([...fromAlice.added].sort());

    syncDocs(alice, bob);
    for (const doc of [alice, bob]) {
      const threats = listThreats(doc);
      expect(threats).toHaveLength(fromAlice.added.length);
      const pairs = threats.map((threat) =>
        threat.origin.kind === "rule"
          ? `${threat.origin.ruleId} ${threat.origin.interactionKey}`
          : "",
      );
      expect(new Set(pairs).size).toBe(pairs.length);
    }
    expect(listThreats(bob)).toEqual(listThreats(alice));
    expect(Y.encodeStateVector(alice)).toEqual(Y.encodeStateVector(bob));
    expect(generateThreats(bob, DEFAULT_RULE_SETS, MODEL).added).toEqual([]);
  });

  it("ends with one agreed entry even when both sides edited their copy before syncing", () => {
    const { doc: alice, request } = buildShop();
    const bob = cloneDoc(alice);
    const [id = ""] = generateThreats(alice, sniffing, MODEL).added;
    generateThreats(bob, sniffing, MODEL);
    updateThreat(alice, id, { severity: "important" });
    updateThreat(bob, id, { status: "mitigated" });
    syncDocs(alice, bob);
    // Yjs keeps one of the two concurrently created entries (the same on both replicas); an edit
    // made to the other before the sync is dropped with it. The window is one round trip.
    expect(getThreat(alice, id)).toEqual(getThreat(bob, id));
    expect(listThreats(alice).filter((threat) => threat.targetId === request)).toHaveLength(1);
  });
});
