import { describe, expect, it } from "vitest";
import { listElements } from "@/lib/model/elements";
import { addFlow, listFlows } from "@/lib/model/flows";
import {
  applySelectChanges,
  getSelectedProcessId,
  getTargetNodeIds,
  splitSelection,
} from "./canvas-selection";
import { buildSmallDiagram } from "./test-factories";

function buildIndexedDiagram() {
  const diagram = buildSmallDiagram();
  const flow = addFlow(diagram.doc, {
    sourceId: diagram.browser,
    targetId: diagram.web,
    name: "Sign in",
  });
  const elementsById = new Map(listElements(diagram.doc).map((element) => [element.id, element]));
  return { ...diagram, flow, elementsById, flows: listFlows(diagram.doc) };
}

describe("splitSelection", () => {
  it("splits elements from flows and drops unknown ids", () => {
    const { browser, flow, elementsById } = buildIndexedDiagram();
    const selection = splitSelection(
      new Set([browser, flow, "gone"]),
      elementsById,
      new Set([flow]),
    );
    expect(selection).toEqual({ elementIds: [browser], flowIds: [flow] });
  });
});

describe("applySelectChanges", () => {
  it("adds and removes in order without changing the current set", () => {
    const current = new Set(["a", "b"]);
    const next = applySelectChanges(current, [
      { id: "a", selected: false },
      { id: "c", selected: true },
    ]);
    expect([...next].sort()).toEqual(["b", "c"]);
    expect([...current]).toEqual(["a", "b"]);
  });
});

describe("getSelectedProcessId", () => {
  it("is the process when it is selected alone", () => {
    const { web, db, elementsById } = buildIndexedDiagram();
    expect(getSelectedProcessId([web], elementsById)).toBe(web);
    expect(getSelectedProcessId([db], elementsById)).toBeNull();
    expect(getSelectedProcessId([web, db], elementsById)).toBeNull();
    expect(getSelectedProcessId([], elementsById)).toBeNull();
  });
});

describe("getTargetNodeIds", () => {
  it("is the element, or both ends of the flow", () => {
    const { browser, web, flow, flows } = buildIndexedDiagram();
    expect(getTargetNodeIds({ type: "element", id: web }, flows)).toEqual([web]);
    expect(getTargetNodeIds({ type: "flow", id: flow }, flows)).toEqual([browser, web]);
    expect(getTargetNodeIds({ type: "flow", id: "gone" }, flows)).toEqual([]);
  });
});
