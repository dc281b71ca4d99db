import type * as Y from "yjs";
import { addElement } from "@/lib/model/elements";
import type { DiagramElement, NewElementInput } from "@/lib/model/element-records";
import { addFlow } from "@/lib/model/flows";
import type { Flow, NewFlowInput } from "@/lib/model/flows";

/** What Copy keeps: the selected elements and the data flows between two of them. */
export interface CanvasClipboard {
  elements: readonly DiagramElement[];
  flows: readonly Flow[];
}

/** How far each paste lands from the previous one, on both axes. */
export const PASTE_OFFSET = 32;

/**
 * The clipboard of a selection: its elements, and every flow whose two ends are both copied
 * (a flow selected alone, without its ends, cannot be pasted and is left out).
 */
export function copySelection(
  elements: readonly DiagramElement[],
  flows: readonly Flow[],
  selectedElementIds: ReadonlySet<string>,
): CanvasClipboard {
  const copied = elements.filter((element) => selectedElementIds.has(element.id));
  const copiedIds = new Set(copied.map((element) => element.id));
  return {
    elements: copied,
    flows: flows.filter((flow) => copiedIds.has(flow.sourceId) && copiedIds.has(flow.targetId)),
  };
}

/** The creation input of a copy of `element` on `diagramId`, moved by `offset`. */
export function toPastedElementInput(
  element: DiagramElement,
  diagramId: string,
  offset: number,
): NewElementInput {
  const { id: _id, ...fields } = element;
  return { ...fields, diagramId, x: element.x + offset, y: element.y + offset };
}

/**
 * The creation input of a copy of `flow` between the copies of its ends. The sequence number is
 * dropped: a copy would repeat a number already used on the diagram; so are the links to a
 * sub-diagram's elements, which belong to the original flow's process.
 */
export function toPastedFlowInput(flow: Flow, sourceId: string, targetId: string): NewFlowInput {
  const { id: _id, diagramId: _diagramId, innerElementIds: _innerElementIds, ...fields } = flow;
  return { ...fields, sourceId, targetId, sequence: null };
}

/**
 * Adds copies of the clipboard's elements (new ids, moved by `offset`) and of the flows between
 * them to `diagramId`; returns the new element and flow ids. The caller runs it in one
 * transaction so that a paste is one undo step.
 */
export function pasteClipboard(
  doc: Y.Doc,
  clipboard: CanvasClipboard,
  diagramId: string,
  offset: number,
): { elementIds: string[]; flowIds: string[] } {
  const newIds = new Map<string, string>();
  for (const element of clipboard.elements) {
    newIds.set(element.id, addElement(doc, toPastedElementInput(element, diagramId, offset)));
  }
  const flowIds: string[] = [];
  for (const flow of clipboard.flows) {
    const sourceId = newIds.get(flow.sourceId);
    const targetId = newIds.get(flow.targetId);
    if (sourceId === undefined || targetId === undefined) continue;
    flowIds.push(addFlow(doc, toPastedFlowInput(flow, sourceId, targetId)));
  }
  return { elementIds: [...newIds.values()], flowIds };
}
