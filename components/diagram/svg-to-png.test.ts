import { describe, expect, it } from "vitest";
import { getCanvasSize } from "./svg-to-png";

describe("getCanvasSize", () => {
  it("scales the image", () => {
    expect(getCanvasSize(400, 300, 2)).toEqual({ width: 800, height: 600 });
  });

  it("stays within what browsers can draw, keeping the proportions", () => {
    expect(getCanvasSize(20_000, 1_000, 2)).toEqual({ width: 16_384, height: 819 });
    const huge = getCanvasSize(12_000, 12_000, 2);
    expect(huge.width).toBeLessThanOrEqual(16_384);
    expect(huge.width).toBe(huge.height);
  });

  it("never gives an empty canvas", () => {
    expect(getCanvasSize(0, 0, 2)).toEqual({ width: 1, height: 1 });
  });
});
