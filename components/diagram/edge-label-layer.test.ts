import { describe, expect, it } from "vitest";
import { getViewportRect, growRect, isPointInRect } from "@/lib/diagram/geometry";
import { getLabelArea, isSameLabelArea, LABEL_REACH_PX } from "./edge-label-layer";

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
  it("holds the view with a margin of at least LABEL_REACH_PX on screen, and not much more", () => {
    for (const zoom of [0.5, 1, 2]) {
      const area = getLabelArea(viewFrom(3000, 1700, zoom));
      if (area === null) throw new Error("no area");
      const view = getViewportRect({
        x: -3000 * zoom,
        y: -1700 * zoom,
        zoom,
        width: 1000,
        height: 600,
      });
      for (const corner of corners(growRect(view, LABEL_REACH_PX / zoom))) {
        expect(isPointInRect(corner, area)).toBe(true);
      }
      // The margin is the reach rounded up to whole steps, plus at most a step of rounding.
      const step = 2 ** Math.round(Math.log2(view.width / 8));
      const margin = Math.ceil(LABEL_REACH_PX / zoom / step) * step;
      expect(area.width).toBeLessThanOrEqual(view.width + 2 * (margin + step));
      expect(area.height).toBeLessThanOrEqual(view.height + 2 * (margin + step));
    }
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
