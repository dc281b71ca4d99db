import { describe, expect, it } from "vitest";
import {
  getFlowEndpoints,
  getNodeOutline,
  getOutlinePoint,
  getParallelOffsets,
} from "./edge-geometry";

describe("getOutlinePoint", () => {
  it("leaves a box through the side facing the other element", () => {
    const rect = { x: 0, y: 0, width: 100, height: 50 };
    expect(getOutlinePoint(rect, "box", { x: 500, y: 25 })).toEqual({ x: 100, y: 25 });
    expect(getOutlinePoint(rect, "box", { x: 50, y: -300 })).toEqual({ x: 50, y: 0 });
  });

  it("leaves an ellipse on its curve", () => {
    const point = getOutlinePoint({ x: 0, y: 0, width: 100, height: 100 }, "ellipse", {
      x: 200,
      y: 200,
    });
    expect(Math.hypot(point.x - 50, point.y - 50)).toBeCloseTo(50);
  });
});

describe("getFlowEndpoints", () => {
  it("runs between the facing sides of two boxes", () => {
    const ends = getFlowEndpoints(
      { rect: { x: 0, y: 0, width: 100, height: 100 }, outline: "box" },
      { rect: { x: 300, y: 0, width: 100, height: 100 }, outline: "box" },
      0,
    );
    expect(ends).toEqual({ from: { x: 100, y: 50 }, to: { x: 300, y: 50 } });
  });
});

describe("getParallelOffsets", () => {
  it("spreads flows between the same two elements and leaves a lone flow straight", () => {
    const offsets = getParallelOffsets([
      { id: "f1", sourceId: "a", targetId: "b" },
      { id: "f2", sourceId: "b", targetId: "a" },
      { id: "f3", sourceId: "a", targetId: "c" },
    ]);
    expect(offsets.get("f3")).toBe(0);
    expect(offsets.get("f1")).toBe(-9);
    // Drawn the other way, so its normal is flipped: +9 lands on the other side of the line.
    expect(offsets.get("f2")).toBe(-9);
  });
});

describe("getNodeOutline", () => {
  it("draws a process as an ellipse and every other kind as a box", () => {
    expect(getNodeOutline("process")).toBe("ellipse");
    expect(getNodeOutline("data-store")).toBe("box");
    expect(getNodeOutline("external-entity")).toBe("box");
    expect(getNodeOutline(undefined)).toBe("box");
  });
});
