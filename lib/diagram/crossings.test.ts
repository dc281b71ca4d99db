import { describe, expect, it } from "vitest";
import { addElement, addFlow, updateElement } from "../model";
import { buildModelDoc } from "../model/test-helpers";
import { computeCrossings, createCrossingIndex, isBoundaryCrossed } from "./crossings";
import type { CrossingElement } from "./crossings";

/** A 100 x 100 node whose center is (cx, cy). */
function node(id: string, cx: number, cy: number, diagramId = "d1"): CrossingElement {
  return { id, kind: "process", diagramId, x: cx - 50, y: cy - 50, width: 100, height: 100 };
}

function box(id: string, x: number, y: number, width: number, height: number): CrossingElement {
  return { id, kind: "trust-boundary", diagramId: "d1", shape: "box", x, y, width, height };
}

function line(id: string, x1: number, y1: number, x2: number, y2: number): CrossingElement {
  return {
    id,
    kind: "trust-boundary",
    diagramId: "d1",
    shape: "line",
    x: x1,
    y: y1,
    width: x2 - x1,
    height: y2 - y1,
  };
}

describe("isBoundaryCrossed", () => {
  const inside = { x: 100, y: 100 };
  const outside = { x: 500, y: 100 };
  const zone = box("zone", 0, 0, 300, 300);

  it("crosses a box when exactly one center is inside", () => {
    expect(isBoundaryCrossed(zone, inside, outside)).toBe(true);
    expect(isBoundaryCrossed(zone, outside, inside)).toBe(true);
  });

  it("does not cross a box holding both centers or neither", () => {
    expect(isBoundaryCrossed(zone, inside, { x: 200, y: 250 })).toBe(false);
    expect(isBoundaryCrossed(zone, outside, { x: 900, y: 900 })).toBe(false);
  });

  it("does not cross a box that the segment merely passes through", () => {
    expect(isBoundaryCrossed(zone, { x: -100, y: 150 }, { x: 400, y: 150 })).toBe(false);
  });

  it("counts a center on the box edge as inside", () => {
    expect(isBoundaryCrossed(zone, { x: 300, y: 150 }, outside)).toBe(true);
    expect(isBoundaryCrossed(zone, { x: 300, y: 150 }, inside)).toBe(false);
  });

  it("crosses a line, drawn in any direction, only from side to side", () => {
    const edge = line("edge", 250, 0, 250, 400);
    const reversed = line("edge", 250, 400, 250, 0);
    expect(isBoundaryCrossed(edge, inside, outside)).toBe(true);
    expect(isBoundaryCrossed(reversed, inside, outside)).toBe(true);
    expect(isBoundaryCrossed(edge, inside, { x: 200, y: 300 })).toBe(false);
    expect(isBoundaryCrossed(edge, { x: 100, y: 500 }, { x: 500, y: 500 })).toBe(false);
  });

  it("treats a boundary without a shape as a box", () => {
    const { shape: _shape, ...shapeless } = zone;
    expect(isBoundaryCrossed(shapeless, inside, outside)).toBe(true);
  });
});

describe("computeCrossings", () => {
  it("lists the crossed boundaries of every flow, sorted", () => {
    const crossings = computeCrossings({
      elements: [
        node("browser", 100, 100),
        node("web", 500, 100),
        node("db", 500, 400),
        box("zone-b", 400, 0, 400, 600),
        line("zone-a", 300, -100, 300, 300),
        box("other-diagram", 0, 0, 1000, 1000),
      ].map((element) =>
        element.id === "other-diagram" ? { ...element, diagramId: "d2" } : element,
      ),
      flows: [
        { id: "f1", sourceId: "browser", targetId: "web" },
        { id: "f2", sourceId: "web", targetId: "db" },
        { id: "f3", sourceId: "browser", targetId: "db" },
      ],
    });
    expect(crossings).toEqual(
      new Map([
        ["f1", ["zone-a", "zone-b"]],
        ["f2", []],
        // From (100, 100) to (500, 400): meets x = 300 at y = 250, within the line.
        ["f3", ["zone-a", "zone-b"]],
      ]),
    );
  });

  it("gives no crossings for unknown endpoints or boundary endpoints", () => {
    const index = createCrossingIndex([node("a", 0, 0), box("zone", -10, -10, 20, 20)]);
    expect(index.getCrossedBoundaryIds("a", "missing")).toEqual([]);
    expect(index.getCrossedBoundaryIds("a", "zone")).toEqual([]);
  });

  it("reads the elements and flows of a document", () => {
    const { doc, diagramId } = buildModelDoc();
    const browser = addElement(doc, { kind: "external-entity", diagramId, x: 0, y: 0 });
    const web = addElement(doc, { kind: "process", diagramId, x: 600, y: 0 });
    const zone = addElement(doc, {
      kind: "trust-boundary",
      diagramId,
      x: 500,
      y: -100,
      width: 400,
      height: 400,
    });
    const flow = addFlow(doc, { sourceId: browser, targetId: web });
    expect(computeCrossings(doc)).toEqual(new Map([[flow, [zone]]]));

    updateElement(doc, zone, { shape: "line", x: 300, y: -100, width: 0, height: 400 });
    expect(computeCrossings(doc)).toEqual(new Map([[flow, [zone]]]));
    updateElement(doc, zone, { x: 1000 });
    expect(computeCrossings(doc)).toEqual(new Map([[flow, []]]));
  });
});
