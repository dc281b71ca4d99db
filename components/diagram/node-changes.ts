import type { NodeChange } from "@xyflow/react";
import type { DiagramElement } from "@/lib/model/element-records";
import type { SelectChange } from "./canvas-selection";
import {
  getElementGeometry,
  getNodeType,
  isStubId,
  moveGeometry,
  type CanvasNode,
  type ElementGeometry,
} from "./diagram-mapping";

/** What a batch of React Flow node changes means for the canvas. */
export interface NodeChangeOutcome {
  /** Select changes of elements (parent flow stubs cannot be selected). */
  selectionChanges: SelectChange[];
  /** The local drags and resizes after the batch, or null when they did not change. */
  nextDrags: Map<string, ElementGeometry> | null;
  /** Geometries of drags that ended: to be stored in the document. */
  commits: Map<string, ElementGeometry>;
}

/**
 * Sorts node changes into selection, live drags and finished drags. A read-only canvas only
 * selects; changes of nodes that are not elements of the diagram are ignored.
 */
export function reduceNodeChanges(
  changes: readonly NodeChange<CanvasNode>[],
  context: {
    elementsById: ReadonlyMap<string, DiagramElement>;
    isReadOnly: boolean;
    localDrags: ReadonlyMap<string, ElementGeometry>;
  },
): NodeChangeOutcome {
  const selectionChanges: SelectChange[] = [];
  let nextDrags: Map<string, ElementGeometry> | null = null;
  let isDragsChanged = false;
  const commits = new Map<string, ElementGeometry>();
  for (const change of changes) {
    if (change.type === "select") {
      if (!isStubId(change.id)) selectionChanges.push(change);
      continue;
    }
    if (context.isReadOnly) continue;
    const element = context.elementsById.get(change.type === "add" ? change.item.id : change.id);
    if (!element) continue;
    nextDrags ??= new Map(context.localDrags);
    const current = nextDrags.get(element.id) ?? getElementGeometry(element);
    if (change.type === "position" && change.position) {
      const geometry = moveGeometry(getNodeType(element), current, change.position);
      if (change.dragging === false) {
        commits.set(element.id, geometry);
        nextDrags.delete(element.id);
      } else {
        nextDrags.set(element.id, geometry);
      }
      isDragsChanged = true;
    } else if (change.type === "dimensions" && change.resizing && change.dimensions) {
      nextDrags.set(element.id, { ...current, ...change.dimensions });
      isDragsChanged = true;
    }
  }
  return { selectionChanges, nextDrags: isDragsChanged ? nextDrags : null, commits };
}
