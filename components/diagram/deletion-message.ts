import type { DeletionPlan } from "./diagram-commands";

/** "This deletes 2 elements and 1 data flow.": what a deletion removes. */
export function describeDeletion(plan: DeletionPlan): string {
  const parts: string[] = [];
  const elements = plan.elementIds.length;
  const flows = plan.flowIds.length;
  if (elements > 0) parts.push(elements === 1 ? "1 element" : `${elements} elements`);
  if (flows > 0) parts.push(flows === 1 ? "1 data flow" : `${flows} data flows`);
  return `This deletes ${parts.join(" and ")}.`;
}

/** The confirmation text of a deletion that leaves threats without their target. */
export function describeDeletionWithThreats(plan: DeletionPlan): string {
  return `${describeDeletion(plan)} ${
    plan.affectedThreatCount === 1
      ? "1 threat targets them and will lose its target."
      : `${plan.affectedThreatCount} threats target them and will lose their target.`
  }`;
}
