import { describe, expect, it } from "vitest";
import { getNextIndex } from "./row-navigation";

describe("getNextIndex", () => {
  it("moves one step with the arrows and stops at the ends", () => {
    expect(getNextIndex("ArrowDown", 0, 3)).toBe(1);
    expect(getNextIndex("ArrowDown", 2, 3)).toBe(2);
    expect(getNextIndex("ArrowUp", 2, 3)).toBe(1);
    expect(getNextIndex("ArrowUp", 0, 3)).toBe(0);
  });

  it("jumps to the ends with Home and End, and ignores other keys", () => {
    expect(getNextIndex("Home", 2, 3)).toBe(0);
    expect(getNextIndex("End", 0, 3)).toBe(2);
    expect(getNextIndex("Enter", 1, 3)).toBeNull();
    expect(getNextIndex("ArrowDown", 0, 0)).toBeNull();
  });
});
