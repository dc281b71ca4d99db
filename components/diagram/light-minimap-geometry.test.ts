import { describe, expect, it } from "vitest";
import { getViewportRect } from "@/lib/diagram/geometry";
import type { CanvasNode } from "./diagram-mapping";
import { getMiniMapFrame, getMiniMapPaths, pointInMiniMap } from "./light-minimap-geometry";

function node(id: string, type: string, x: number, y: number, width: number, height: number) {
  return { id, type, position: { x, y }, width, height, data: {} } as unknown as CanvasNode;
}

const SIZE = { width: 150, height: 100 };

describe("light minimap geometry", () => {
  it("draws elements as filled rectangles and boundaries as outlines, within the bounds", () => {
    const paths = getMiniMapPaths([
      node("a", "process", 0, 0, 100, 50),
      node("b", "data-store", 300, 200, 80, 40),
      node("t", "boundary-box", -50, -50, 500, 400),
    ]);
    expect(paths.elements).toBe("M0 0h100v50h-100zM300 200h80v40h-80z");
    expect(paths.boundaries).toBe("M-50 -50h500v400h-500z");
    expect(paths.bounds).toEqual({ x: -50, y: -50, width: 500, height: 400 });
  });

  it("prefers the measured size and skips a node without a usable position", () => {
    const measured = {
      ...node("a", "process", 10, 10, 100, 50),
      measured: { width: 120, height: 60 },
    };
    const broken = node("b", "process", Number.NaN, 0, 10, 10);
    const paths = getMiniMapPaths([measured, broken]);
    expect(paths.elements).toBe("M10 10h120v60h-120z");
    expect(paths.bounds).toEqual({ x: 10, y: 10, width: 120, height: 60 });
    expect(getMiniMapPaths([]).bounds).toBeNull();
  });

  it("frames the diagram and the view together with the minimap's aspect and a margin", () => {
    const view = { x: 0, y: 0, zoom: 1, width: 400, height: 300 };
    expect(getViewportRect(view)).toEqual({ x: 0, y: 0, width: 400, height: 300 });
    const frame = getMiniMapFrame({ x: 0, y: 0, width: 1400, height: 300 }, view, SIZE);
    expect(frame.width / frame.height).toBeCloseTo(1.5, 6);
    // 1400 wide over 140 pixels (150 less a 5-pixel margin each side).
    expect(frame.scale).toBeCloseTo(10, 6);
    expect(frame.x).toBeCloseTo(-50, 6);
    expect(frame.y + frame.height / 2).toBeCloseTo(150, 6);
    expect(frame.mask).toContain("M0 0h400v300h-400z");
  });

  it("includes a view that is off the diagram, at any zoom", () => {
    const view = { x: 2000, y: 0, zoom: 0.5, width: 400, height: 300 };
    expect(getViewportRect(view)).toEqual({ x: -4000, y: 0, width: 800, height: 600 });
    const frame = getMiniMapFrame({ x: 0, y: 0, width: 100, height: 100 }, view, SIZE);
    expect(frame.x).toBeLessThanOrEqual(-4000);
    expect(frame.x + frame.width).toBeGreaterThanOrEqual(100);
  });

  it("maps a point on the minimap to the diagram point under it", () => {
    const frame = { x: -100, y: -50, width: 1500, height: 1000 };
    const box = { left: 20, top: 30, width: 150, height: 100 };
    expect(pointInMiniMap(frame, box, { x: 20, y: 30 })).toEqual({ x: -100, y: -50 });
    expect(pointInMiniMap(frame, box, { x: 95, y: 80 })).toEqual({ x: 650, y: 450 });
    expect(pointInMiniMap(frame, { left: 0, top: 0, width: 0, height: 0 }, { x: 5, y: 5 })).toEqual(
      {
        x: 650,
        y: 450,
      },
    );
  });
});
