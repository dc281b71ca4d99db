import type * as Y from "yjs";
import { AppError } from "@/lib/errors";
import { deleteElement, getElement, updateElement, addElement } from "@/lib/model/elements";
import type { NewElementInput } from "@/lib/model/element-records";
import { addFlow, deleteFlow, listFlowsOfDiagram, updateFlow } from "@/lib/model/flows";
import { listThreats } from "@/lib/model/threats";
import type { ElementGeometry } from "./diagram-mapping";

/*
 * The changes the canvas makes to the shared document, through the lib/model accessors. Each
 * runs inside the caller's `writeFromCanvas`, which makes it one undo step.
 */

/** What the palette and the keyboard can add: the four kinds, a boundary in both shapes. */
export const PALETTE_ITEMS = [
  "external-entity",
  "process",
  "data-store",
  "boundary-box",
  "boundary-line",
] as const;
export type PaletteItem = (typeof PALETTE_ITEMS)[number];

export const PALETTE_LABELS: Record<PaletteItem, string> = {
  "external-entity": "External entity",
  process: "Process",
  "data-store": "Data store",
  "boundary-box": "Trust boundary (box)",
  "boundary-line": "Trust boundary (line)",
};

/** A trust boundary line is created horizontal, this long. */
const NEW_LINE_LENGTH = 320;
const DEFAULT_SIZES: Record<PaletteItem, { width: number; height: number }> = {
  "external-entity": { width: 160, height: 80 },
  process: { width: 120, height: 120 },
  "data-store": { width: 160, height: 64 },
  "boundary-box": { width: 400, height: 300 },
  "boundary-line": { width: NEW_LINE_LENGTH, height: 0 },
};

/** The creation input of a palette item centred on `center`. */
export function buildNewElementInput(
  item: PaletteItem,
  diagramId: string,
  center: { x: number; y: number },
): NewElementInput {
  const { width, height } = DEFAULT_SIZES[item];
  const x = Math.round(center.x - width / 2);
  const y = Math.round(center.y - height / 2);
  switch (item) {
    case "boundary-box":
      return { kind: "trust-boundary", shape: "box", diagramId, x, y, width, height };
    case "boundary-line":
      return { kind: "trust-boundary", shape: "line", diagramId, x, y, width, height };
    default:
      return { kind: item, diagramId, x, y, width, height };
  }
}

/** Adds a palette item centred on `center`; returns its id. */
export function addPaletteItem(
  doc: Y.Doc,
  item: PaletteItem,
  diagramId: string,
  center: { x: number; y: number },
): string {
  return addElement(doc, buildNewElementInput(item, diagramId, center));
}

/**
 * Stores the geometry of elements that were dragged or resized, writing only changed fields.
 * An element a peer deleted meanwhile is skipped.
 */
export function storeGeometries(
  doc: Y.Doc,
  geometries: ReadonlyMap<string, ElementGeometry>,
): void {
  for (const [id, geometry] of geometries) {
    if (getElement(doc, id) === null) continue;
    updateElement(doc, id, {
      x: Math.round(geometry.x),
      y: Math.round(geometry.y),
      width: Math.round(geometry.width),
      height: Math.round(geometry.height),
    });
  }
}

/**
 * Adds a data flow from one element to another. Returns null, writing nothing, when the
 * accessor refuses it (a trust boundary, the same element, another diagram).
 */
export function connectElements(doc: Y.Doc, sourceId: string, targetId: string): string | null {
  try {
    return addFlow(doc, { sourceId, targetId });
  } catch (caught) {
    if (caught instanceof AppError && caught.code === "bad_request") return null;
    throw caught;
  }
}

/** Renames an element or a data flow; a blank name is refused by returning false. */
export function renameTarget(
  doc: Y.Doc,
  target: { type: "element" | "flow"; id: string },
  name: string,
): boolean {
  const trimmed = name.trim();
  if (target.type === "element") {
    if (trimmed === "") return false;
    return updateElement(doc, target.id, { name: trimmed });
  }
  return updateFlow(doc, target.id, { name: trimmed });
}

/** What deleting a selection removes, and how many threats lose their target. */
export interface DeletionPlan {
  elementIds: string[];
  /** The selected flows and every flow attached to a deleted element. */
  flowIds: string[];
  /** Threats whose target is one of those elements or flows. */
  affectedThreatCount: number;
}

/** Works out what deleting the selection on `diagramId` removes. */
export function planDeletion(
  doc: Y.Doc,
  diagramId: string,
  elementIds: readonly string[],
  flowIds: readonly string[],
): DeletionPlan {
  const deletedElements = new Set(elementIds);
  const deletedFlows = new Set(flowIds);
  for (const flow of listFlowsOfDiagram(doc, diagramId)) {
    if (deletedElements.has(flow.sourceId) || deletedElements.has(flow.targetId)) {
      deletedFlows.add(flow.id);
    }
  }
  const affectedThreatCount = listThreats(doc).filter(
    (threat) =>
      threat.targetId !== null &&
      (deletedElements.has(threat.targetId) || deletedFlows.has(threat.targetId)),
  ).length;
  return { elementIds: [...deletedElements], flowIds: [...deletedFlows], affectedThreatCount };
}

/** Deletes what the plan names (elements take their flows with them). */
export function applyDeletion(doc: Y.Doc, plan: DeletionPlan): void {
  for (const id of plan.flowIds) deleteFlow(doc, id);
  for (const id of plan.elementIds) deleteElement(doc, id);
}
