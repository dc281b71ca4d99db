import { describe, expect, it } from "vitest";
import { estimateLabelHalfSize } from "./label-size";

describe("estimateLabelHalfSize", () => {
  it("grows with the name and with each chip under it", () => {
    const short = estimateLabelHalfSize({
      label: "Login",
      threatCount: 0,
      crossedBoundaryNames: [],
    });
    const long = estimateLabelHalfSize({
      label: "Card details and billing address",
      threatCount: 0,
      crossedBoundaryNames: [],
    });
    expect(long.width).toBeGreaterThan(short.width);
    const withChips = estimateLabelHalfSize({
      label: "Login",
      threatCount: 2,
      crossedBoundaryNames: ["Company network"],
    });
    expect(withChips.height).toBeGreaterThan(short.height * 2);
    // "Crosses Company network" is wider than "Login".
    expect(withChips.width).toBeGreaterThan(short.width);
  });

  it("measures as the canvas draws: 'Admin actions' is about 97 units wide, 20 high", () => {
    // Read off the canvas at zoom 0.75: 73 x 15 px on screen.
    const size = estimateLabelHalfSize({
      label: "Admin actions",
      threatCount: 0,
      crossedBoundaryNames: [],
    });
    expect(size.width * 2).toBeGreaterThan(92);
    expect(size.width * 2).toBeLessThan(102);
    expect(size.height * 2).toBe(20);
  });

  it("is empty for a label that shows nothing", () => {
    expect(estimateLabelHalfSize({ label: "", threatCount: 0, crossedBoundaryNames: [] })).toEqual({
      width: 0,
      height: 0,
    });
  });
});
