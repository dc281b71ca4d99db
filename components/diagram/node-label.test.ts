import { describe, expect, it } from "vitest";
import {
  getNameLineCount,
  ICON_ROW_HEIGHT,
  NAME_LINE_HEIGHT,
  NAME_TOP_CLEARANCE,
  NODE_BORDER_WIDTH,
} from "./node-label";

describe("getNameLineCount", () => {
  it("fits whole lines between the badges and the bottom edge", () => {
    // A default process: 120 tall.
    expect(getNameLineCount(120, false)).toBe(5);
    // A default data store: 64 tall.
    expect(getNameLineCount(64, false)).toBe(2);
  });

  it("leaves the sub-diagram button its row", () => {
    expect(getNameLineCount(120, true)).toBe(3);
    const lines = getNameLineCount(120, true);
    const used = 2 * NODE_BORDER_WIDTH + NAME_TOP_CLEARANCE + lines * NAME_LINE_HEIGHT;
    expect(used + ICON_ROW_HEIGHT).toBeLessThanOrEqual(120);
  });

  it("keeps one line in a node too small for any", () => {
    expect(getNameLineCount(20, true)).toBe(1);
    expect(getNameLineCount(0, false)).toBe(1);
  });
});
