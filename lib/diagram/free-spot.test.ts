import { describe, expect, it } from "vitest";
import { doesSegmentTouchRect, findFreeSpot } from "./free-spot";

const size = { width: 120, height: 120 };

describe("findFreeSpot", () => {
  it("keeps the wanted centre when it is free", () => {
    expect(findFreeSpot({ center: { x: 0, y: 0 }, size, occupied: [], flows: [] })).toEqual({
      x: 0,
      y: 0,
    });
  });

  it("moves off an element in the way, to the nearest free place", () => {
    const occupied = [{ x: -80, y: -60, width: 160, height: 120 }];
    const spot = findFreeSpot({ center: { x: 0, y: 0 }, size, occupied, flows: [] });
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
    const spot = findFreeSpot({ center: { x: 0, y: 0 }, size, occupied: [], flows });
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
