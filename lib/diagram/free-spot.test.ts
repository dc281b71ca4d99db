import { describe, expect, it } from "vitest";
import { addElement, addFlow, listElementsOfDiagram, listFlows } from "../model";
import { buildModelDoc } from "../model/test-helpers";
import { doesSegmentTouchRect, findFreeSpot, listObstacles } from "./free-spot";

const size = { width: 120, height: 120 };

describe("findFreeSpot", () => {
  it("keeps the wanted centre when it is free", () => {
    expect(findFreeSpot({ center: { x: 0, y: 0 }, size, occupied: [], lines: [] })).toEqual({
      x: 0,
      y: 0,
    });
  });

  it("moves off an element in the way, to the nearest free place", () => {
    const occupied = [{ x: -80, y: -60, width: 160, height: 120 }];
    const spot = findFreeSpot({ center: { x: 0, y: 0 }, size, occupied, lines: [] });
    const rect = { x: spot.x - 60, y: spot.y - 60, width: 120, height: 120 };
    const other = occupied[0] ?? rect;
    const apart =
      rect.x >= other.x + other.width ||
      other.x >= rect.x + rect.width ||
      rect.y >= other.y + other.height ||
      other.y >= rect.y + rect.height;
    expect(apart).toBe(true);
    expect(Math.hypot(spot.x, spot.y)).toBeLessThan(260);
  });

  it("keeps clear of flows", () => {
    const flows = [{ from: { x: -500, y: 0 }, to: { x: 500, y: 0 } }];
    const spot = findFreeSpot({ center: { x: 0, y: 0 }, size, occupied: [], lines: flows });
    expect(Math.abs(spot.y)).toBeGreaterThanOrEqual(60 + 24);
    expect(
      doesSegmentTouchRect(flows[0]?.from ?? spot, flows[0]?.to ?? spot, {
        x: spot.x - 60,
        y: spot.y - 60,
        width: 120,
        height: 120,
      }),
    ).toBe(false);
  });
});

describe("listObstacles", () => {
  function buildDiagram() {
    const { doc, diagramId } = buildModelDoc();
    // Client (centre 80,40) -> Server (centre 660,60): a flow along y 40..60.
    const client = addElement(doc, { kind: "external-entity", diagramId, name: "Client" });
    const server = addElement(doc, { kind: "process", diagramId, name: "Server", x: 600 });
    addFlow(doc, { sourceId: client, targetId: server, name: "Request" });
    addElement(doc, {
      kind: "trust-boundary",
      diagramId,
      name: "DMZ",
      x: 500,
      y: -200,
      width: 600,
      height: 700,
    });
    addElement(doc, {
      kind: "trust-boundary",
      diagramId,
      name: "Edge",
      shape: "line",
      x: 300,
      y: 200,
      width: 0,
      height: 400,
    });
    return {
      doc,
      obstacles: listObstacles(listElementsOfDiagram(doc, diagramId), listFlows(doc)),
    };
  }

  it("lists elements, the flow's label, its line and the boundaries' outlines", () => {
    const { obstacles } = buildDiagram();
    // Client, Server and the label of "Request" at the middle of the flow.
    expect(obstacles.occupied).toHaveLength(3);
    expect(obstacles.occupied[2]).toMatchObject({ y: 50 - 20, height: 40 });
    // The flow, four sides of the box and the line.
    expect(obstacles.lines).toHaveLength(6);
    expect(obstacles.lines).toContainEqual({ from: { x: 80, y: 40 }, to: { x: 660, y: 60 } });
    expect(obstacles.lines).toContainEqual({ from: { x: 300, y: 200 }, to: { x: 300, y: 600 } });
  });

  it("gives a spot wanted on the flow's middle room off the flow, its label and the line", () => {
    const { obstacles } = buildDiagram();
    const wanted = { x: 370, y: 50 };
    const spot = findFreeSpot({ center: wanted, size, ...obstacles });
    const rect = { x: spot.x - 60, y: spot.y - 60, width: 120, height: 120 };
    for (const line of obstacles.lines) {
      expect(doesSegmentTouchRect(line.from, line.to, rect)).toBe(false);
    }
    for (const other of obstacles.occupied) {
      const isApart =
        rect.x >= other.x + other.width ||
        other.x >= rect.x + rect.width ||
        rect.y >= other.y + other.height ||
        other.y >= rect.y + rect.height;
      expect(isApart).toBe(true);
    }
    expect(spot).not.toEqual(wanted);
  });

  it("lets a new element go inside a box boundary, away from its outline", () => {
    const { obstacles } = buildDiagram();
    const spot = findFreeSpot({ center: { x: 750, y: 250 }, size, ...obstacles });
    expect(spot).toEqual({ x: 750, y: 250 });
    // Wanted on the outline: moved until the outline is clear.
    const onOutline = findFreeSpot({ center: { x: 750, y: 500 }, size, ...obstacles });
    expect(Math.abs(onOutline.y - 500)).toBeGreaterThanOrEqual(60 + 24);
  });
});
