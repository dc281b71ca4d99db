import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { getDreadBand, parseDreadRating, scoreDread, summarizeGroupRatings } from "./dread";
import type { DreadRating } from "./dread";

function small(d: number, r: number, e: number, a: number, di: number): DreadRating {
  return {
    scale: "sum-1-3",
    damage: d,
    reproducibility: r,
    exploitability: e,
    affectedUsers: a,
    discoverability: di,
  };
}

function wide(d: number, r: number, e: number, a: number, di: number): DreadRating {
  return { ...small(d, r, e, a, di), scale: "average-0-10" };
}

function expectBadRequest(run: () => unknown): void {
  let caught: unknown = null;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect(caught instanceof AppError ? caught.code : null).toBe("bad_request");
}

describe("parseDreadRating", () => {
  it("accepts whole numbers within each scale", () => {
    expect(parseDreadRating(small(1, 2, 3, 3, 1))).toEqual(small(1, 2, 3, 3, 1));
    expect(parseDreadRating(wide(0, 10, 5, 7, 2))).toEqual(wide(0, 10, 5, 7, 2));
  });

  it("refuses values off the scale, fractions, missing factors and unknown scales", () => {
    for (const input of [
      small(0, 2, 2, 2, 2),
      small(1, 2, 4, 2, 2),
      wide(11, 2, 2, 2, 2),
      small(1.5, 2, 2, 2, 2),
      { scale: "sum-1-3", damage: 1 },
      { ...small(1, 1, 1, 1, 1), scale: "cvss" },
      { ...small(1, 1, 1, 1, 1), extra: 1 },
    ]) {
      expectBadRequest(() => parseDreadRating(input));
    }
  });
});

describe("scoreDread", () => {
  it("sums the 1-3 scale into bands 5-7 low, 8-11 medium, 12-15 high", () => {
    expect(scoreDread(small(1, 1, 1, 1, 1))).toEqual({ scale: "sum-1-3", value: 5, band: "low" });
    expect(scoreDread(small(2, 2, 1, 1, 1)).band).toBe("low");
    expect(scoreDread(small(2, 2, 2, 1, 1))).toEqual({
      scale: "sum-1-3",
      value: 8,
      band: "medium",
    });
    expect(scoreDread(small(3, 2, 2, 2, 2)).band).toBe("medium");
    expect(scoreDread(small(3, 3, 2, 2, 2))).toEqual({ scale: "sum-1-3", value: 12, band: "high" });
    expect(scoreDread(small(3, 3, 3, 3, 3)).value).toBe(15);
  });

  it("averages the 0-10 scale into bands 0-3 low, 3-7 medium, 7-10 high", () => {
    expect(scoreDread(wide(10, 5, 0, 2, 3))).toEqual({
      scale: "average-0-10",
      value: 4,
      band: "medium",
    });
    expect(scoreDread(wide(2, 2, 2, 3, 3)).band).toBe("low");
    expect(scoreDread(wide(7, 7, 7, 7, 7)).band).toBe("high");
  });

  it("bands fractional totals by the threshold below them", () => {
    expect([7.5, 11.9, 12].map(getDreadBand)).toEqual(["low", "medium", "high"]);
  });
});

describe("summarizeGroupRatings", () => {
  it("is null when nobody rated", () => {
    expect(summarizeGroupRatings([])).toBeNull();
  });

  it("shows each factor's spread and flags the ones the group disagrees on", () => {
    const summary = summarizeGroupRatings([small(3, 2, 1, 2, 2), small(1, 2, 2, 2, 3)]);
    expect(summary).toMatchObject({
      scale: "sum-1-3",
      raters: 2,
      score: { min: 10, max: 10, spread: 0, mean: 10 },
      meanScore: { value: 10, band: "medium" },
      divergentFactors: ["damage"],
    });
    expect(summary?.factors.damage).toEqual({ min: 1, max: 3, spread: 2, mean: 2 });
    expect(summary?.factors.discoverability).toEqual({ min: 2, max: 3, spread: 1, mean: 2.5 });
  });

  it("measures the spread of scores on the 0-10 scale", () => {
    const summary = summarizeGroupRatings([wide(9, 9, 9, 9, 9), wide(2, 8, 9, 9, 7)]);
    expect(summary?.score).toEqual({ min: 7, max: 9, spread: 2, mean: 8 });
    expect(summary?.meanScore).toEqual({ scale: "average-0-10", value: 8, band: "high" });
    expect(summary?.divergentFactors).toEqual(["damage"]);
  });

  it("agrees with itself for one rater", () => {
    const summary = summarizeGroupRatings([small(3, 3, 3, 3, 3)]);
    expect(summary?.divergentFactors).toEqual([]);
    expect(summary?.meanScore).toEqual(scoreDread(small(3, 3, 3, 3, 3)));
  });

  it("refuses ratings on different scales", () => {
    expectBadRequest(() => summarizeGroupRatings([small(1, 1, 1, 1, 1), wide(1, 1, 1, 1, 1)]));
  });
});
