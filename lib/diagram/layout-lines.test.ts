import { describe, expect, it } from "vitest";
import { addElement, addFlow, listElementsOfDiagram, listFlows } from "../model";
import { buildModelDoc } from "../model/test-helpers";
import { placeLineBoundaries } from "./layout-lines";

function buildDiagram() {
  const { doc, diagramId } = buildModelDoc();
  // Browser (0..160) | Edge line at x 300 | API (400..520).
  const browser = addElement(doc, { kind: "external-entity", diagramId, name: "Browser" });
  const api = addElement(doc, { kind: "process", diagramId, name: "API", x: 400 });
  const edge = addElement(doc, {
    kind: "trust-boundary",
    diagramId,
    shape: "line",
    x: 300,
    y: -50,
    width: 0,
    height: 300,
  });
  const idle = addElement(doc, {
    kind: "trust-boundary",
    diagramId,
    shape: "line",
    x: 0,
    y: 200,
    width: 520,
    height: 0,
  });
  addFlow(doc, { sourceId: browser, targetId: api, name: "Call" });
  return { doc, diagramId, browser, api, edge, idle };
}

describe("placeLineBoundaries", () => {
  it("draws a crossed line through the gap between its two sides, wherever they went", () => {
    const { doc, diagramId, browser, api, edge } = buildDiagram();
    // The API now stands above the browser.
    const placed = new Map([
      [browser, { x: 0, y: 400, width: 160, height: 80 }],
      [api, { x: 0, y: 0, width: 120, height: 120 }],
    ]);
    const lines = placeLineBoundaries(
      listElementsOfDiagram(doc, diagramId),
      listFlows(doc),
      placed,
    );
    // Not side by side any more: one above the other, so the line lies across, in the gap.
    expect(lines.get(edge)).toEqual({ x: -40, y: 260, width: 240, height: 0 });
  });

  it("keeps a line no flow crosses at its place relative to the drawing", () => {
    const { doc, diagramId, browser, api, idle } = buildDiagram();
    // Everything twice as far apart, from (100, 100).
    const placed = new Map([
      [browser, { x: 100, y: 100, width: 160, height: 80 }],
      [api, { x: 900, y: 100, width: 120, height: 120 }],
    ]);
    const lines = placeLineBoundaries(
      listElementsOfDiagram(doc, diagramId),
      listFlows(doc),
      placed,
    );
    // Old drawing 0..520 x 0..120; new 100..1020 x 100..220: the line ran along y 200.
    expect(lines.get(idle)).toEqual({ x: 100, y: 100 + (200 / 120) * 120, width: 920, height: 0 });
  });
});
