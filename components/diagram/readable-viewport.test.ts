import { describe, expect, it } from "vitest";
import { getOpeningViewport, getReadableViewport, MIN_READABLE_ZOOM } from "./readable-viewport";

const view = { width: 1000, height: 600, padding: 40, minZoom: MIN_READABLE_ZOOM, maxZoom: 1.2 };

describe("getReadableViewport", () => {
  it("centres a drawing that fits, at most at the largest zoom", () => {
    const viewport = getReadableViewport({
      ...view,
      bounds: { x: 100, y: 50, width: 400, height: 200 },
    });
    expect(viewport.zoom).toBe(1.2);
    // The drawing's centre (300, 150) lands on the view's centre (500, 300).
    expect(300 * viewport.zoom + viewport.x).toBeCloseTo(500);
    expect(150 * viewport.zoom + viewport.y).toBeCloseTo(300);
  });

  it("zooms out to fit, but never below the readable zoom", () => {
    const fits = getReadableViewport({ ...view, bounds: { x: 0, y: 0, width: 1150, height: 400 } });
    expect(fits.zoom).toBeCloseTo(0.8);
    const huge = getReadableViewport({
      ...view,
      bounds: { x: 0, y: 0, width: 9000, height: 4000 },
    });
    expect(huge.zoom).toBe(MIN_READABLE_ZOOM);
  });

  it("shows a drawing too large to fit from its top-left corner", () => {
    const viewport = getReadableViewport({
      ...view,
      bounds: { x: -200, y: 300, width: 5000, height: 3000 },
    });
    expect(-200 * viewport.zoom + viewport.x).toBeCloseTo(40);
    expect(300 * viewport.zoom + viewport.y).toBeCloseTo(40);
  });

  it("centres along the axis that fits while aligning the other", () => {
    const viewport = getReadableViewport({
      ...view,
      bounds: { x: 0, y: 0, width: 4000, height: 100 },
    });
    expect(viewport.x).toBeCloseTo(40);
    expect(50 * viewport.zoom + viewport.y).toBeCloseTo(300);
  });
});

describe("getOpeningViewport", () => {
  it("opens a small drawing fitted and centred", () => {
    const viewport = getOpeningViewport({ x: 100, y: 100, width: 600, height: 300 }, 1000, 600);
    expect(viewport.zoom).toBeGreaterThan(MIN_READABLE_ZOOM);
    expect(400 * viewport.zoom + viewport.x).toBeCloseTo(500);
  });

  it("opens a drawing too large to read when fitted at readable zoom, from its top-left", () => {
    const viewport = getOpeningViewport({ x: -200, y: 300, width: 5500, height: 3200 }, 1100, 611);
    expect(viewport.zoom).toBe(MIN_READABLE_ZOOM);
    // The drawing's top-left corner sits just inside the canvas's top-left corner.
    expect(-200 * viewport.zoom + viewport.x).toBeGreaterThan(0);
    expect(-200 * viewport.zoom + viewport.x).toBeLessThan(100);
    expect(300 * viewport.zoom + viewport.y).toBeGreaterThan(0);
    expect(300 * viewport.zoom + viewport.y).toBeLessThan(100);
  });
});
