import type { ThreatTargetIndex } from "./threat-targets";

/** The value of "the model as a whole" (no element or flow) in a target picker. */
export const WHOLE_MODEL_TARGET = "";
/** The value shown for a target that is no longer in the model. */
export const MISSING_TARGET = "missing";

/** One choice of a threat's target. */
export interface TargetOption {
  value: string;
  label: string;
}

/**
 * What a threat can apply to, as a picker lists it: the model as a whole, then every element
 * and data flow by diagram (elements first, by name), and, when the threat's current target is
 * gone, that fact, so an orphan shows as one and can be attached again.
 */
export function listTargetOptions(
  targets: ThreatTargetIndex,
  currentTargetId: string | null,
): TargetOption[] {
  const options: TargetOption[] = [{ value: WHOLE_MODEL_TARGET, label: "The model as a whole" }];
  if (currentTargetId !== null && !targets.has(currentTargetId)) {
    options.push({ value: MISSING_TARGET, label: "A deleted element or flow: pick another" });
  }
  const sorted = [...targets.values()].sort(
    (a, b) =>
      (a.diagramTitle || "").localeCompare(b.diagramTitle || "") ||
      a.diagramId.localeCompare(b.diagramId) ||
      Number(a.type === "flow") - Number(b.type === "flow") ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id),
  );
  const diagramCount = new Set(sorted.map((target) => target.diagramId)).size;
  for (const target of sorted) {
    const name = target.type === "flow" ? `Flow: ${target.name}` : target.name;
    options.push({
      value: target.id,
      label: diagramCount > 1 ? `${target.diagramTitle || "Untitled diagram"} › ${name}` : name,
    });
  }
  return options;
}

/** The picker's value for a threat's target. */
export function targetOptionValue(targets: ThreatTargetIndex, targetId: string | null): string {
  if (targetId === null) return WHOLE_MODEL_TARGET;
  return targets.has(targetId) ? targetId : MISSING_TARGET;
}

/** The target a picked value stands for; undefined for the "deleted" placeholder (no change). */
export function targetIdOfOption(value: string): string | null | undefined {
  if (value === MISSING_TARGET) return undefined;
  return value === WHOLE_MODEL_TARGET ? null : value;
}
