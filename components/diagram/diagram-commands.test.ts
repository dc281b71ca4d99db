import { describe, expect, it } from "vitest";
import { getElement } from "@/lib/model/elements";
import { addFlow, getFlow } from "@/lib/model/flows";
import { addThreat } from "@/lib/model/threats";
import {
  applyDeletion,
  buildNewElementInput,
  connectElements,
  planDeletion,
  renameTarget,
  storeGeometries,
} from "./diagram-commands";
import { buildSmallDiagram } from "./test-factories";

describe("buildNewElementInput", () => {
  it("centres a new element on the point, a boundary line horizontally", () => {
    expect(buildNewElementInput("process", "d1", { x: 100, y: 100 })).toMatchObject({
      kind: "process",
      x: 40,
      y: 40,
      width: 120,
      height: 120,
    });
    expect(buildNewElementInput("boundary-line", "d1", { x: 0, y: 0 })).toMatchObject({
      kind: "trust-boundary",
      shape: "line",
      height: 0,
    });
  });
});

describe("connectElements", () => {
  it("adds a flow between two elements and refuses a trust boundary", () => {
    const { doc, browser, web, internet } = buildSmallDiagram();
    const id = connectElements(doc, browser, web);
    expect(id && getFlow(doc, id)).toMatchObject({ sourceId: browser, targetId: web });
    expect(connectElements(doc, browser, internet)).toBeNull();
    expect(connectElements(doc, web, web)).toBeNull();
  });
});

describe("storeGeometries", () => {
  it("stores rounded positions and skips elements deleted meanwhile", () => {
    const { doc, browser } = buildSmallDiagram();
    storeGeometries(
      doc,
      new Map([
        [browser, { x: 10.4, y: 20.6, width: 160, height: 80 }],
        ["gone", { x: 1, y: 1, width: 1, height: 1 }],
      ]),
    );
    expect(getElement(doc, browser)).toMatchObject({ x: 10, y: 21 });
  });
});

describe("renameTarget", () => {
  it("renames elements and flows, refusing a blank element name", () => {
    const { doc, browser, web } = buildSmallDiagram();
    const flow = addFlow(doc, { sourceId: browser, targetId: web });
    expect(renameTarget(doc, { type: "element", id: browser }, "  Customer ")).toBe(true);
    expect(getElement(doc, browser)?.name).toBe("Customer");
    expect(renameTarget(doc, { type: "element", id: browser }, "  ")).toBe(false);
    renameTarget(doc, { type: "flow", id: flow }, "Sign in");
    expect(getFlow(doc, flow)?.name).toBe("Sign in");
  });
});

describe("planDeletion", () => {
  it("includes attached flows and counts the threats that lose their target", () => {
    const { doc, diagramId, browser, web, db } = buildSmallDiagram();
    const signIn = addFlow(doc, { sourceId: browser, targetId: web });
    const query = addFlow(doc, { sourceId: web, targetId: db });
    addThreat(doc, { title: "Spoofed sign-in", category: "spoofing", targetId: signIn }, "u1");
    addThreat(doc, { title: "Unrelated", category: "tampering", targetId: query }, "u1");

    const plan = planDeletion(doc, diagramId, [browser], []);
    expect(plan.flowIds).toEqual([signIn]);
    expect(plan.affectedThreatCount).toBe(1);

    applyDeletion(doc, plan);
    expect(getElement(doc, browser)).toBeNull();
    expect(getFlow(doc, signIn)).toBeNull();
    expect(getFlow(doc, query)).not.toBeNull();
  });
});
