import type { DiagramElement } from "@/lib/model/element-records";
import type { Flow } from "@/lib/model/flows";
import type { EditorSelection, SelectionTarget } from "./diagram-editor-types";

/** A select change reported by React Flow for a node or an edge. */
export interface SelectChange {
  id: string;
  selected: boolean;
}

/** The selected ids split into the diagram's elements and data flows; other ids are dropped. */
export function splitSelection(
  selectedIds: ReadonlySet<string>,
  elementIds: { has: (id: string) => boolean },
  flowIds: { has: (id: string) => boolean },
): EditorSelection {
  return {
    elementIds: [...selectedIds].filter((id) => elementIds.has(id)),
    flowIds: [...selectedIds].filter((id) => flowIds.has(id)),
  };
}

/** A new selection: `current` with each change applied in order. */
export function applySelectChanges(
  current: ReadonlySet<string>,
  changes: readonly SelectChange[],
): Set<string> {
  const next = new Set(current);
  for (const change of changes) {
    if (change.selected) next.add(change.id);
    else next.delete(change.id);
  }
  return next;
}

/** The id of the selected process when it is selected alone (sub-diagrams open from it). */
export function getSelectedProcessId(
  selectedElementIds: readonly string[],
  elementsById: ReadonlyMap<string, DiagramElement>,
): string | null {
  const [only, ...rest] = selectedElementIds;
  if (only === undefined || rest.length > 0) return null;
  return elementsById.get(only)?.kind === "process" ? only : null;
}

/** The nodes to bring into view for a target: the element, or both ends of the data flow. */
export function getTargetNodeIds(target: SelectionTarget, flows: readonly Flow[]): string[] {
  if (target.type === "element") return [target.id];
  const found = flows.find((item) => item.id === target.id);
  return found ? [found.sourceId, found.targetId] : [];
}
