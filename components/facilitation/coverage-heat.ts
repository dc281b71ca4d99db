import type { DiffHighlight } from "@/components/diagram/canvas-graph";
import { getCoverage, type SessionState } from "@/lib/facilitation/session";

/**
 * The coverage heat map: per element or flow on the agenda, how far the group got with it.
 * Found when every category was walked and any had threats; none found when every category
 * was walked (or skipped) without; partial when some were; not visited when none were.
 */
export function getCoverageHeat(state: SessionState): Map<string, DiffHighlight> {
  const heat = new Map<string, DiffHighlight>();
  for (const item of state.agenda) {
    const cells = item.categories.map((category) => getCoverage(state, item.targetId, category));
    const visited = cells.filter((cell) => cell !== "not-visited").length;
    if (visited === 0) heat.set(item.targetId, "coverage-not-visited");
    else if (visited < cells.length) heat.set(item.targetId, "coverage-partial");
    else if (cells.includes("found")) heat.set(item.targetId, "coverage-found");
    else heat.set(item.targetId, "coverage-none-found");
  }
  return heat;
}
