import { describe, expect, it } from "vitest";
import {
  addDiagram,
  addElement,
  addFlow,
  listDiagrams,
  listElements,
  listFlows,
  type Threat,
} from "@/lib/model";
import { THREAT_DEFAULTS } from "@/lib/model/threats";
import { buildModelDoc } from "@/lib/model/test-helpers";
import {
  buildThreatTargetIndex,
  countUnresolvedThreatsByTarget,
  describeThreatTarget,
  listDiagramChoices,
  listTargetChoices,
} from "./threat-targets";
import {
  DEFAULT_THREAT_QUERY,
  filterThreats,
  groupThreats,
  hasActiveFilters,
} from "./threat-query";

/** A stored threat for these tests: the model's defaults overlaid with `overrides`. */
function buildThreat(overrides: Partial<Threat> & { id: string }): Threat {
  return { ...THREAT_DEFAULTS, ...overrides };
}

/** Context diagram (layer 0): Browser -> Web app -> Orders DB; Worker (layer 1): Queue reader. */
function buildShop() {
  const { doc, diagramId } = buildModelDoc();
  const browser = addElement(doc, { kind: "external-entity", diagramId, name: "Browser" });
  const web = addElement(doc, { kind: "process", diagramId, name: "Web app" });
  const db = addElement(doc, { kind: "data-store", diagramId, name: "  " });
  addElement(doc, { kind: "trust-boundary", diagramId, name: "Internet" });
  const request = addFlow(doc, { sourceId: browser, targetId: web, name: "Order" });
  const save = addFlow(doc, { sourceId: web, targetId: db, bidirectional: true });
  const worker = addDiagram(doc, { title: "Worker", layer: 1, parentElementId: web });
  const reader = addElement(doc, { kind: "process", diagramId: worker, name: "Queue reader" });
  const targets = buildThreatTargetIndex(listElements(doc), listFlows(doc), listDiagrams(doc));
  return { diagramId, worker, browser, web, db, request, save, reader, targets };
}

describe("buildThreatTargetIndex", () => {
  it("names elements and flows, with their diagram, and leaves trust boundaries out", () => {
    const shop = buildShop();
    expect(shop.targets.size).toBe(6);
    expect(shop.targets.get(shop.web)).toMatchObject({
      type: "element",
      elementKind: "process",
      name: "Web app",
      diagramId: shop.diagramId,
    });
    expect(shop.targets.get(shop.db)?.name).toBe("Unnamed data store");
    expect(shop.targets.get(shop.request)?.name).toBe("Order (Browser → Web app)");
    expect(shop.targets.get(shop.save)?.name).toBe("Web app ↔ ?");
    expect(shop.targets.get(shop.reader)?.diagramTitle).toBe("Worker");
  });
});

describe("threat filters and grouping by target", () => {
  const shop = buildShop();
  const threats: Threat[] = [
    buildThreat({ id: "t1", targetId: shop.web }),
    buildThreat({ id: "t2", targetId: shop.request }),
    buildThreat({ id: "t3", targetId: shop.reader, status: "mitigated" }),
    buildThreat({ id: "t4", targetId: null }),
    buildThreat({ id: "t5", targetId: "gone-element" }),
    buildThreat({ id: "t6", targetId: shop.web, status: "needs-investigation" }),
  ];

  it("filters by diagram through each threat's element or flow", () => {
    const query = { ...DEFAULT_THREAT_QUERY, diagram: shop.diagramId };
    expect(hasActiveFilters(query)).toBe(true);
    expect(filterThreats(threats, query, shop.targets).map((t) => t.id)).toEqual([
      "t1",
      "t2",
      "t6",
    ]);
    const worker = { ...DEFAULT_THREAT_QUERY, diagram: shop.worker };
    expect(filterThreats(threats, worker, shop.targets).map((t) => t.id)).toEqual(["t3"]);
  });

  it("filters by element or flow", () => {
    const query = { ...DEFAULT_THREAT_QUERY, target: shop.web };
    expect(filterThreats(threats, query, shop.targets).map((t) => t.id)).toEqual(["t1", "t6"]);
  });

  it("groups by target name, threats without a target last", () => {
    const groups = groupThreats(threats, "element", shop.targets);
    expect(groups.map((group) => [group.label, group.threats.map((t) => t.id)])).toEqual([
      ["Deleted element or flow", ["t5"]],
      ["Order (Browser → Web app)", ["t2"]],
      ["Queue reader", ["t3"]],
      ["Web app", ["t1", "t6"]],
      ["No target", ["t4"]],
    ]);
  });

  it("counts unresolved threats per target", () => {
    const counts = countUnresolvedThreatsByTarget(threats);
    expect(counts.get(shop.web)).toBe(2);
    expect(counts.get(shop.request)).toBe(1);
    expect(counts.has(shop.reader)).toBe(false);
  });

  it("describes a threat's target", () => {
    expect(describeThreatTarget(buildThreat({ id: "x", targetId: null }), shop.targets)).toBe(
      "No target",
    );
    expect(describeThreatTarget(buildThreat({ id: "y", targetId: shop.web }), shop.targets)).toBe(
      "Web app",
    );
  });

  it("offers diagrams and the targets of the chosen diagram as filter choices", () => {
    expect(listDiagramChoices(shop.targets).map((choice) => choice.label)).toEqual([
      "Context diagram",
      "Worker",
    ]);
    expect(listTargetChoices(shop.targets, shop.worker)).toEqual([
      { value: shop.reader, label: "Queue reader" },
    ]);
    const all = listTargetChoices(shop.targets, "all").map((choice) => choice.label);
    expect(all.at(-1)).toBe("Flow: Web app ↔ ?");
    expect(all).toHaveLength(6);
  });
});
