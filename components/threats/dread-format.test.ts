import { describe, expect, it } from "vitest";
import { formatDreadScore } from "./dread-format";

describe("formatDreadScore", () => {
  it("shows the total out of 15 on the 1-3 scale and the mean out of 10 on the 0-10 scale", () => {
    expect(formatDreadScore({ scale: "sum-1-3", value: 12, band: "high" })).toBe("12 / 15");
    expect(formatDreadScore({ scale: "average-0-10", value: 6.4, band: null })).toBe("6.4 / 10");
    expect(formatDreadScore({ scale: "average-0-10", value: 7, band: null })).toBe("7 / 10");
    expect(formatDreadScore({ scale: "average-0-10", value: 20 / 3, band: null })).toBe("6.7 / 10");
  });
});
