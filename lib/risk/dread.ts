import { z } from "zod";
import { AppError } from "../errors";

/*
 * DREAD: rate a threat's Damage potential, Reproducibility, Exploitability, Affected users and
 * Discoverability. Two scales are in use: 1-3 per factor, summed to 5-15 (high 12-15, medium
 * 8-11, low 5-7); or 0-10 per factor, averaged (high 7-10, medium 3-7, low 0-3). Raters often disagree, so a group rating shows
 * the spread of everyone's ratings for discussion instead of hiding it in an average.
 */

/** The five factors, in the order of the acronym. */
export const DREAD_FACTORS = [
  "damage",
  "reproducibility",
  "exploitability",
  "affectedUsers",
  "discoverability",
] as const;
export type DreadFactor = (typeof DREAD_FACTORS)[number];

/** The name of each factor, as shown to raters. */
export const DREAD_FACTOR_LABELS: Record<DreadFactor, string> = {
  damage: "Damage potential",
  reproducibility: "Reproducibility",
  exploitability: "Exploitability",
  affectedUsers: "Affected users",
  discoverability: "Discoverability",
};

/** The question each factor asks, for the rating form. */
export const DREAD_FACTOR_QUESTIONS: Record<DreadFactor, string> = {
  damage: "How bad is it if the attack succeeds?",
  reproducibility: "How reliably can the attack be repeated?",
  exploitability: "How little skill, time and access does the attack need?",
  affectedUsers: "How many users would be affected?",
  discoverability: "How easily would an attacker find the weakness?",
};

/** "sum-1-3": each factor 1-3, summed (5-15). "average-0-10": each factor 0-10, averaged. */
export const DREAD_SCALES = ["sum-1-3", "average-0-10"] as const;
export type DreadScale = (typeof DREAD_SCALES)[number];

/** The lowest and highest value of one factor on each scale. */
export const DREAD_FACTOR_RANGES: Record<DreadScale, { min: number; max: number }> = {
  "sum-1-3": { min: 1, max: 3 },
  "average-0-10": { min: 0, max: 10 },
};

/** Risk bands of the 1-3 scale's total. */
export const DREAD_BANDS = ["high", "medium", "low"] as const;
export type DreadBand = (typeof DREAD_BANDS)[number];

function factorsShape(scale: DreadScale) {
  const { min, max } = DREAD_FACTOR_RANGES[scale];
  const factor = z.number().int().min(min).max(max);
  return {
    damage: factor,
    reproducibility: factor,
    exploitability: factor,
    affectedUsers: factor,
    discoverability: factor,
  };
}

/** One person's DREAD rating of one threat, on one scale (whole numbers). */
export const dreadRatingSchema = z.discriminatedUnion("scale", [
  z.strictObject({ scale: z.literal("sum-1-3"), ...factorsShape("sum-1-3") }),
  z.strictObject({ scale: z.literal("average-0-10"), ...factorsShape("average-0-10") }),
]);
export type DreadRating = z.infer<typeof dreadRatingSchema>;

/** The score of a rating: the total (1-3 scale) or the mean (0-10 scale), and its band. */
export interface DreadScore {
  scale: DreadScale;
  /** 5-15 on the 1-3 scale; 0-10 (not rounded) on the 0-10 scale. */
  value: number;
  /** high / medium / low, on either scale (see getDreadBand and getAverageDreadBand). */
  band: DreadBand | null;
}

/** Parses a rating from untrusted input; throws AppError("bad_request") when invalid. */
export function parseDreadRating(input: unknown): DreadRating {
  const result = dreadRatingSchema.safeParse(input);
  if (!result.success) {
    throw new AppError("bad_request", "Invalid DREAD rating", {
      issues: result.error.issues.map((issue) => ({
        path: issue.path.map(String).join("."),
        message: issue.message,
      })),
    });
  }
  return result.data;
}

/**
 * The band of a 0-10 scale average: 7-10 high, 3-7 medium, 0-3 low. These are the 1-3 scale's
 * bands carried over by the conversion between the scales ((v - 1) x 5 per factor), so a
 * rating keeps its risk label when the model's scale changes.
 */
export function getAverageDreadBand(mean: number): DreadBand {
  if (mean >= 7) return "high";
  if (mean >= 3) return "medium";
  return "low";
}

/** The band of a 1-3 scale total: 12-15 high, 8-11 medium, 5-7 low (a mean like 11.5: medium). */
export function getDreadBand(total: number): DreadBand {
  if (total >= 12) return "high";
  if (total >= 8) return "medium";
  return "low";
}

function sumFactors(rating: DreadRating): number {
  return DREAD_FACTORS.reduce((sum, factor) => sum + rating[factor], 0);
}

/** Scores one rating on its own scale. */
export function scoreDread(rating: DreadRating): DreadScore {
  const total = sumFactors(rating);
  if (rating.scale === "sum-1-3") {
    return { scale: rating.scale, value: total, band: getDreadBand(total) };
  }
  const mean = total / DREAD_FACTORS.length;
  return { scale: rating.scale, value: mean, band: getAverageDreadBand(mean) };
}

/** The spread of a group's values for one factor, or for the score. */
export interface Spread {
  min: number;
  max: number;
  /** max - min: 0 when everyone agrees. */
  spread: number;
  mean: number;
}

/** What a group's ratings of one threat look like side by side. */
export interface DreadGroupSummary {
  scale: DreadScale;
  raters: number;
  factors: Record<DreadFactor, Spread>;
  score: Spread;
  /** The score of the mean factor values (what the group would record if it averaged). */
  meanScore: DreadScore;
  /** Factors the group disagrees on: spread over half the factor's range. Discuss these. */
  divergentFactors: DreadFactor[];
}

function measureSpread(values: readonly number[]): Spread {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return { min, max, spread: max - min, mean };
}

/**
 * Summarizes several people's ratings of one threat: per factor and for the score, the lowest,
 * highest, spread and mean, and which factors diverge. Null when nobody rated. Throws
 * AppError("bad_request") when the ratings use different scales.
 */
export function summarizeGroupRatings(ratings: readonly DreadRating[]): DreadGroupSummary | null {
  const [first] = ratings;
  if (first === undefined) return null;
  const { scale } = first;
  if (ratings.some((rating) => rating.scale !== scale)) {
    throw new AppError("bad_request", "Group ratings must all use the same DREAD scale");
  }
  const { min, max } = DREAD_FACTOR_RANGES[scale];
  const spreadOf = (factor: DreadFactor) => measureSpread(ratings.map((rating) => rating[factor]));
  const factors: Record<DreadFactor, Spread> = {
    damage: spreadOf("damage"),
    reproducibility: spreadOf("reproducibility"),
    exploitability: spreadOf("exploitability"),
    affectedUsers: spreadOf("affectedUsers"),
    discoverability: spreadOf("discoverability"),
  };
  const score = measureSpread(ratings.map((rating) => scoreDread(rating).value));
  const meanTotal = DREAD_FACTORS.reduce((sum, factor) => sum + factors[factor].mean, 0);
  return {
    scale,
    raters: ratings.length,
    factors,
    score,
    meanScore:
      scale === "sum-1-3"
        ? { scale, value: meanTotal, band: getDreadBand(meanTotal) }
        : {
            scale,
            value: meanTotal / DREAD_FACTORS.length,
            band: getAverageDreadBand(meanTotal / DREAD_FACTORS.length),
          },
    divergentFactors: DREAD_FACTORS.filter((factor) => factors[factor].spread > (max - min) / 2),
  };
}
