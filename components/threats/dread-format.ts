import type { DreadScore } from "@/lib/risk/dread";

/** A score as people read it: "12 / 15" on the 1-3 scale, "6.4 / 10" on the 0-10 scale. */
export function formatDreadScore(score: DreadScore): string {
  if (score.scale === "sum-1-3") return `${score.value} / 15`;
  return `${Number.isInteger(score.value) ? score.value : score.value.toFixed(1)} / 10`;
}
