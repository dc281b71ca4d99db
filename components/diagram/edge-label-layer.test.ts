import { describe, expect, it } from "vitest";
import { getViewportRect, growRect, isPointInRect } from "@/lib/diagram/geometry";
import { getLabelArea, isSameLabelArea } from "./edge-label-layer";

/** A canvas of 1000 × 600 px at zoom 1, showing the diagram from (x, y) on. */
function viewFrom(x: number, y: number, zoom = 1) {
  return {
    transform: [-x * zoom, -y * zoom, zoom] as [number, number, number],
    width: 1000,
    height: 600,
  };
}

function corners(rect: { x: number; y: number; width: number; height: number }) {
  return [
    { x: rect.x, y: rect.y },
    { x: rect.x + rect.width, y: rect.y + rect.height },
  ];
}

describe("getLabelArea", () => {
  it("holds the view with a margin of at least a step (128 units for a 1000 px view)", () => {
    const state = viewFrom(3000, 1700);
    const area = getLabelArea(state);
    if (area === null) throw new Error("no area");
    const view = getViewportRect({ x: -3000, y: -1700, zoom: 1, width: 1000, height: 600 });
    for (const corner of corners(growRect(view, 128))) {
      expect(isPointInRect(corner, area)).toBe(true);
    }
    // Not much more than that: a step of margin and at most a step of rounding on each side.
    expect(area.width).toBeLessThanOrEqual(1000 + 4 * 128);
    expect(area.height).toBeLessThanOrEqual(600 + 4 * 128);
  });

  it("stays the same while the view's edges stay in their steps, and follows it further", () => {
    // Steps of 128: the view's left edge at 24 steps, its right edge at 31.8 steps.
    const area = getLabelArea(viewFrom(3072, 1664));
    expect(isSameLabelArea(getLabelArea(viewFrom(3092, 1684)), area)).toBe(true);
    expect(isSameLabelArea(getLabelArea(viewFrom(3300, 1664)), area)).toBe(false);
  });

  it("scales with the zoom: zoomed out to a half, the view and its margin double", () => {
    const area = getLabelArea(viewFrom(0, 0, 0.5));
    if (area === null) throw new Error("no area");
    for (const corner of corners({ x: -256, y: -256, width: 2000 + 512, height: 1200 + 512 })) {
      expect(isPointInRect(corner, area)).toBe(true);
    }
  });

  it("is null, drawing every label, while the canvas has no size", () => {
    expect(getLabelArea({ transform: [0, 0, 1], width: 0, height: 0 })).toBeNull();
  });
});

describe("isSameLabelArea", () => {
  it("compares the boxes, and null only with null", () => {
    const box = { x: 0, y: 0, width: 10, height: 10 };
    expect(isSameLabelArea(box, { ...box })).toBe(true);
    expect(isSameLabelArea(box, { ...box, x: 1 })).toBe(false);
    expect(isSameLabelArea(null, null)).toBe(true);
    expect(isSameLabelArea(box, null)).toBe(false);
  });
});
