import { describe, expect, it } from "vitest";
import {
  addElement,
  addFlow,
  getElement,
  listElementsOfDiagram,
  listFlowsOfDiagram,
} from "../model";
import { buildModelDoc } from "../model/test-helpers";
import { doRectsOverlap, doesSegmentCrossSegment, getRectCenter, isPointInRect } from "./geometry";
import type { Point, Rect } from "./geometry";
import { layoutDiagram } from "./layout";
import type { LayoutPosition } from "./layout";

/** Whether the straight line passes through the box, sampled every pixel along it. */
function doesLinePassThrough(from: Point, to: Point, rect: Rect): boolean {
  const steps = Math.ceil(Math.hypot(to.x - from.x, to.y - from.y));
  for (let step = 0; step <= steps; step++) {
    const t = steps === 0 ? 0 : step / steps;
    const point = { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
    if (
      point.x > rect.x &&
      point.x < rect.x + rect.width &&
      point.y > rect.y &&
      point.y < rect.y + rect.height
    ) {
      return true;
    }
  }
  return false;
}

/** The box an element occupies after layout: new corner, its own size unless laid out too. */
function placedRect(
  positions: Map<string, LayoutPosition>,
  element: { id: string; width: number; height: number },
): Rect {
  const position = positions.get(element.id);
  if (position === undefined) throw new Error(`no position for ${element.id}`);
  return {
    x: position.x,
    y: position.y,
    width: position.width ?? element.width,
    height: position.height ?? element.height,
  };
}

/** A small web shop: a user, two processes and two stores, all piled on one spot. */
function buildShop() {
  const { doc, diagramId } = buildModelDoc();
  const at = { x: 100, y: 100 };
  const user = addElement(doc, { kind: "external-entity", diagramId, name: "User", ...at });
  const web = addElement(doc, { kind: "process", diagramId, name: "Web", ...at });
  const worker = addElement(doc, { kind: "process", diagramId, name: "Worker", ...at });
  const orders = addElement(doc, { kind: "data-store", diagramId, name: "Orders", ...at });
  const logs = addElement(doc, { kind: "data-store", diagramId, name: "Logs", ...at });
  addFlow(doc, { sourceId: user, targetId: web, name: "Order", bidirectional: true });
  addFlow(doc, { sourceId: web, targetId: orders, name: "Save" });
  addFlow(doc, { sourceId: orders, targetId: worker, name: "Load" });
  addFlow(doc, { sourceId: worker, targetId: logs, name: "Log" });
  addFlow(doc, { sourceId: web, targetId: logs, name: "Log" });
  return { doc, diagramId, user, web, worker, orders, logs };
}

describe("layoutDiagram", () => {
  it("places every element, left to right, with no two overlapping", async () => {
    const { doc, diagramId, user, web, orders } = buildShop();
    const positions = await layoutDiagram(doc, diagramId);
    const elements = listElementsOfDiagram(doc, diagramId);

    expect([...positions.keys()].sort()).toEqual(elements.map((element) => element.id).sort());
    const rects = elements.map((element) => placedRect(positions, element));
    for (const [index, rect] of rects.entries()) {
      for (const other of rects.slice(index + 1)) expect(doRectsOverlap(rect, other)).toBe(false);
    }
    const xOf = (id: string) => positions.get(id)?.x ?? Number.NaN;
    expect(xOf(user)).toBeLessThan(xOf(web));
    expect(xOf(web)).toBeLessThan(xOf(orders));
  });

  it("keeps the drawing's top-left corner", async () => {
    const { doc, diagramId } = buildShop();
    const positions = [...(await layoutDiagram(doc, diagramId)).values()];
    expect(Math.min(...positions.map((position) => position.x))).toBe(100);
    expect(Math.min(...positions.map((position) => position.y))).toBe(100);
  });

  it("keeps elements inside the box boundaries that held them, and the line between its sides", async () => {
    const { doc, diagramId } = buildModelDoc();
    const user = addElement(doc, { kind: "external-entity", diagramId, x: 900, y: 900 });
    const web = addElement(doc, { kind: "process", diagramId, x: 100, y: 100 });
    const db = addElement(doc, { kind: "data-store", diagramId, x: 100, y: 400 });
    const outer = addElement(doc, {
      kind: "trust-boundary",
      diagramId,
      name: "Data centre",
      x: 0,
      y: 0,
      width: 600,
      height: 600,
    });
    const inner = addElement(doc, {
      kind: "trust-boundary",
      diagramId,
      name: "Database network",
      x: 50,
      y: 350,
      width: 300,
      height: 200,
    });
    const empty = addElement(doc, {
      kind: "trust-boundary",
      diagramId,
      name: "Sandbox",
      x: 2000,
      y: 0,
      width: 120,
      height: 90,
    });
    const edge = addElement(doc, {
      kind: "trust-boundary",
      diagramId,
      shape: "line",
      x: 700,
      y: 0,
      width: 0,
      height: 1000,
    });
    addFlow(doc, { sourceId: user, targetId: web });
    addFlow(doc, { sourceId: web, targetId: db });

    const positions = await layoutDiagram(doc, diagramId);
    const rectOf = (id: string) => {
      const element = getElement(doc, id);
      if (element === null) throw new Error(`no element ${id}`);
      return placedRect(positions, element);
    };
    const isInside = (id: string, boxId: string) =>
      isPointInRect(getRectCenter(rectOf(id)), rectOf(boxId));

    // The line separated the user from the web process: it still does, crossing their flow.
    const line = positions.get(edge);
    if (line === undefined) throw new Error("the line was not placed");
    const lineEnd = { x: line.x + (line.width ?? 0), y: line.y + (line.height ?? 0) };
    expect(
      doesSegmentCrossSegment(
        getRectCenter(rectOf(user)),
        getRectCenter(rectOf(web)),
        { x: line.x, y: line.y },
        lineEnd,
      ),
    ).toBe(true);
    expect(
      doesSegmentCrossSegment(
        getRectCenter(rectOf(web)),
        getRectCenter(rectOf(db)),
        { x: line.x, y: line.y },
        lineEnd,
      ),
    ).toBe(false);
    expect(isInside(web, outer)).toBe(true);
    expect(isInside(db, outer)).toBe(true);
    expect(isInside(db, inner)).toBe(true);
    expect(isInside(web, inner)).toBe(false);
    expect(isInside(user, outer)).toBe(false);
    expect(positions.get(empty)).toMatchObject({ width: 120, height: 90 });
    expect(isInside(user, empty) || isInside(web, empty) || isInside(db, empty)).toBe(false);
  });

  it("draws no flow's straight line through a third element, boxes kept", async () => {
    const { doc, diagramId } = buildModelDoc();
    const add = (kind: "external-entity" | "process" | "data-store", name: string) =>
      addElement(doc, { kind, diagramId, name, x: 100, y: 100 });
    // A -> B -> C with A -> C too: a layered layout puts B on the line from A to C.
    const client = add("external-entity", "Client");
    const gateway = add("process", "Gateway");
    const service = add("process", "Service");
    const store = add("data-store", "Store");
    const audit = add("data-store", "Audit");
    const zone = addElement(doc, {
      kind: "trust-boundary",
      diagramId,
      name: "Zone",
      x: 0,
      y: 0,
      width: 400,
      height: 400,
    });
    addFlow(doc, { sourceId: client, targetId: gateway, name: "Call" });
    addFlow(doc, { sourceId: gateway, targetId: service, name: "Forward" });
    addFlow(doc, { sourceId: client, targetId: service, name: "Direct" });
    addFlow(doc, { sourceId: service, targetId: store, name: "Save" });
    addFlow(doc, { sourceId: client, targetId: store, name: "Read" });
    addFlow(doc, { sourceId: gateway, targetId: audit, name: "Log" });
    addFlow(doc, { sourceId: client, targetId: audit, name: "Log too" });

    const positions = await layoutDiagram(doc, diagramId);
    const elements = listElementsOfDiagram(doc, diagramId).filter(
      (element) => element.kind !== "trust-boundary",
    );
    const rectOf = (id: string) => {
      const element = getElement(doc, id);
      if (element === null) throw new Error(`no element ${id}`);
      return placedRect(positions, element);
    };
    for (const flow of listFlowsOfDiagram(doc, diagramId)) {
      const from = getRectCenter(rectOf(flow.sourceId));
      const to = getRectCenter(rectOf(flow.targetId));
      for (const element of elements) {
        if (element.id === flow.sourceId || element.id === flow.targetId) continue;
        expect(doesLinePassThrough(from, to, rectOf(element.id))).toBe(false);
      }
    }
    const rects = elements.map((element) => rectOf(element.id));
    for (const [index, rect] of rects.entries()) {
      for (const other of rects.slice(index + 1)) expect(doRectsOverlap(rect, other)).toBe(false);
    }
    // Everything started inside the Zone: the box still wraps every element.
    for (const rect of rects) {
      const box = rectOf(zone);
      expect(rect.x).toBeGreaterThanOrEqual(box.x);
      expect(rect.y).toBeGreaterThanOrEqual(box.y);
      expect(rect.x + rect.width).toBeLessThanOrEqual(box.x + box.width);
      expect(rect.y + rect.height).toBeLessThanOrEqual(box.y + box.height);
    }
  });

  it("clears a row of steps that a flow skipping them would cut through, whatever the ids", async () => {
    // Ids are random and ELK's order follows them: try several drawings.
    for (let attempt = 0; attempt < 6; attempt++) {
      const { doc, diagramId } = buildModelDoc();
      const steps = Array.from({ length: 10 }, (_, index) =>
        addElement(doc, { kind: "process", diagramId, name: `Step ${index}`, x: index * 40 }),
      );
      steps.slice(1).forEach((step, index) => {
        addFlow(doc, { sourceId: steps[index] ?? step, targetId: step });
      });
      addFlow(doc, { sourceId: steps[0] ?? "", targetId: steps[2] ?? "" });
      addFlow(doc, { sourceId: steps[4] ?? "", targetId: steps[7] ?? "" });
      const positions = await layoutDiagram(doc, diagramId);
      const rectOf = (id: string) => {
        const element = getElement(doc, id);
        if (element === null) throw new Error(`no element ${id}`);
        return placedRect(positions, element);
      };
      for (const flow of listFlowsOfDiagram(doc, diagramId)) {
        for (const step of steps) {
          if (step === flow.sourceId || step === flow.targetId) continue;
          const from = getRectCenter(rectOf(flow.sourceId));
          const to = getRectCenter(rectOf(flow.targetId));
          expect(doesLinePassThrough(from, to, rectOf(step))).toBe(false);
        }
      }
    }
  });

  it("returns nothing for an empty or unknown diagram", async () => {
    const { doc, diagramId } = buildModelDoc();
    expect((await layoutDiagram(doc, diagramId)).size).toBe(0);
    expect((await layoutDiagram(doc, "ghost")).size).toBe(0);
  });
});
