import { describe, expect, it } from "vitest";
import {
  getRectEdges,
  doRectsOverlap,
  doesSegmentCrossSegment,
  getRectCenter,
  getSegmentDistance,
  getSide,
  growRect,
  isPointInRect,
} from "./geometry";

const point = (x: number, y: number) => ({ x, y });

describe("getRectCenter", () => {
  it("is the middle of the box, also for negative sizes", () => {
    expect(getRectCenter({ x: 10, y: 20, width: 100, height: 40 })).toEqual(point(60, 40));
    expect(getRectCenter({ x: 10, y: 20, width: -10, height: -20 })).toEqual(point(5, 10));
  });
});

describe("getRectEdges", () => {
  it("gives a box's edges, a negative size extending left or up from the corner", () => {
    expect(getRectEdges({ x: 10, y: 20, width: 30, height: 40 })).toEqual({
      left: 10,
      right: 40,
      top: 20,
      bottom: 60,
    });
    expect(getRectEdges({ x: 10, y: 20, width: -30, height: -40 })).toEqual({
      left: -20,
      right: 10,
      top: -20,
      bottom: 20,
    });
  });
});

describe("isPointInRect", () => {
  const box = { x: 0, y: 0, width: 100, height: 50 };

  it("holds points inside and on the edge, not outside", () => {
    expect(isPointInRect(point(50, 25), box)).toBe(true);
    expect(isPointInRect(point(0, 0), box)).toBe(true);
    expect(isPointInRect(point(100, 50), box)).toBe(true);
    expect(isPointInRect(point(100.001, 25), box)).toBe(false);
    expect(isPointInRect(point(50, -1), box)).toBe(false);
  });

  it("normalises a box drawn with negative sizes", () => {
    expect(isPointInRect(point(-50, -25), { x: 0, y: 0, width: -100, height: -50 })).toBe(true);
    expect(isPointInRect(point(50, 25), { x: 0, y: 0, width: -100, height: -50 })).toBe(false);
  });

  it("a zero-size box holds only its own point", () => {
    expect(isPointInRect(point(3, 4), { x: 3, y: 4, width: 0, height: 0 })).toBe(true);
    expect(isPointInRect(point(3, 5), { x: 3, y: 4, width: 0, height: 0 })).toBe(false);
  });
});

describe("doRectsOverlap", () => {
  const box = { x: 0, y: 0, width: 100, height: 50 };

  it("is true for boxes sharing some area, one inside the other included", () => {
    expect(doRectsOverlap(box, { x: 90, y: 40, width: 20, height: 20 })).toBe(true);
    expect(doRectsOverlap(box, { x: 10, y: 10, width: 5, height: 5 })).toBe(true);
  });

  it("is false for boxes apart or only touching", () => {
    expect(doRectsOverlap(box, { x: 100, y: 0, width: 10, height: 10 })).toBe(false);
    expect(doRectsOverlap(box, { x: 0, y: 50, width: 10, height: 10 })).toBe(false);
    expect(doRectsOverlap(box, { x: 200, y: 200, width: 10, height: 10 })).toBe(false);
  });

  it("reads negative sizes as the box they cover", () => {
    expect(doRectsOverlap(box, { x: 120, y: 60, width: -30, height: -20 })).toBe(true);
    expect(doRectsOverlap(box, { x: 130, y: 60, width: -30, height: -20 })).toBe(false);
  });
});

describe("getSide", () => {
  it("tells left, right and on", () => {
    expect(getSide(point(0, 0), point(10, 0), point(5, 5))).toBe(1);
    expect(getSide(point(0, 0), point(10, 0), point(5, -5))).toBe(-1);
    expect(getSide(point(0, 0), point(10, 0), point(20, 0))).toBe(0);
    expect(getSide(point(1, 1), point(1, 1), point(5, 5))).toBe(0);
  });
});

describe("doesSegmentCrossSegment", () => {
  const vertical = [point(50, 0), point(50, 100)] as const;
  const cross = (ax: number, ay: number, bx: number, by: number) =>
    doesSegmentCrossSegment(point(ax, ay), point(bx, by), vertical[0], vertical[1]);

  it("crosses when the flow passes from one side to the other through the line", () => {
    expect(cross(0, 50, 100, 50)).toBe(true);
    expect(cross(100, 50, 0, 50)).toBe(true);
    expect(cross(0, 0, 100, 100)).toBe(true);
  });

  it("does not cross when both ends are on one side", () => {
    expect(cross(0, 50, 40, 80)).toBe(false);
    expect(cross(60, 0, 90, 100)).toBe(false);
  });

  it("does not cross when the lines meet beyond the boundary's ends", () => {
    expect(cross(0, 150, 100, 150)).toBe(false);
    expect(cross(0, -20, 100, -10)).toBe(false);
  });

  it("crosses when the flow passes exactly through an end of the boundary", () => {
    expect(cross(0, 100, 100, 100)).toBe(true);
    expect(cross(0, -10, 100, 10)).toBe(true);
  });

  it("does not cross when an endpoint of the flow lies on the boundary", () => {
    expect(cross(50, 50, 100, 50)).toBe(false);
    expect(cross(0, 50, 50, 50)).toBe(false);
  });

  it("does not cross when collinear, overlapping or not", () => {
    expect(cross(50, 20, 50, 80)).toBe(false);
    expect(cross(50, -50, 50, 200)).toBe(false);
    expect(cross(50, 120, 50, 200)).toBe(false);
  });

  it("does not cross with a zero-length flow or boundary", () => {
    expect(cross(10, 10, 10, 10)).toBe(false);
    expect(doesSegmentCrossSegment(point(0, 0), point(10, 10), point(5, 5), point(5, 5))).toBe(
      false,
    );
  });

  it("is symmetric in the direction of the flow and of the boundary", () => {
    const cases = [
      [point(0, 50), point(100, 50)],
      [point(0, 100), point(100, 100)],
      [point(50, 50), point(100, 50)],
      [point(0, 150), point(100, 150)],
    ] as const;
    for (const [a, b] of cases) {
      const forward = doesSegmentCrossSegment(a, b, vertical[0], vertical[1]);
      expect(doesSegmentCrossSegment(b, a, vertical[0], vertical[1])).toBe(forward);
      expect(doesSegmentCrossSegment(a, b, vertical[1], vertical[0])).toBe(forward);
    }
  });
});

describe("getSegmentDistance", () => {
  it("measures to the nearest point of the segment, its ends included", () => {
    const from = { x: 0, y: 0 };
    const to = { x: 10, y: 0 };
    expect(getSegmentDistance({ x: 5, y: 3 }, from, to)).toBe(3);
    expect(getSegmentDistance({ x: 13, y: 4 }, from, to)).toBe(5);
    expect(getSegmentDistance({ x: 3, y: 4 }, from, from)).toBe(5);
  });
});

describe("growRect", () => {
  it("grows a box on every side, or shrinks it by a negative amount", () => {
    expect(growRect({ x: 10, y: 20, width: 30, height: 40 }, 5)).toEqual({
      x: 5,
      y: 15,
      width: 40,
      height: 50,
    });
    expect(growRect({ x: 10, y: 20, width: 30, height: 40 }, -5).width).toBe(20);
  });
});
