import { describe, expect, it } from "vitest";
import { createLabelPlacer, LABEL_POSITIONS } from "./label-placement";

const from = { x: 0, y: 100 };
const to = { x: 1000, y: 100 };

describe("createLabelPlacer", () => {
  it("puts a label at the middle of its flow when no element covers it there", () => {
    const placer = createLabelPlacer([{ x: 0, y: 300, width: 120, height: 60 }]);
    expect(placer.getLabelPosition(from, to)).toBe(0.5);
  });

  it("moves a label off an element that covers the middle, to the nearest free point", () => {
    // An element over the middle (x 430-570): with the label's half width counted, 0.4 (x 400)
    // and 0.6 (x 600) are still under it; 0.3 (x 300) is clear.
    const placer = createLabelPlacer([{ x: 430, y: 60, width: 140, height: 80 }]);
    expect(placer.getLabelPosition(from, to)).toBe(0.3);
  });

  it("prefers the nearer point towards the start when both sides are free", () => {
    const placer = createLabelPlacer([{ x: 480, y: 80, width: 40, height: 40 }]);
    expect(placer.getLabelPosition(from, to)).toBe(0.4);
  });

  it("reads boxes with negative sizes as the box they cover", () => {
    const placer = createLabelPlacer([{ x: 520, y: 120, width: -40, height: -40 }]);
    expect(placer.getLabelPosition(from, to)).toBe(0.4);
  });

  it("keeps the middle when every point tried is covered", () => {
    const placer = createLabelPlacer([{ x: -100, y: 0, width: 1200, height: 200 }]);
    expect(placer.getLabelPosition(from, to)).toBe(0.5);
    expect(LABEL_POSITIONS[0]).toBe(0.5);
  });
});
