import type * as Y from "yjs";
import { getDiagram } from "./diagrams";
import { getElement } from "./element-records";
import { getFlow, setFlowInnerElement } from "./flows";
import { failValidation } from "./validation";

/*
 * Links between a sub-diagram's elements and the stubs of its parent's flows. A sub-diagram
 * zooms into a process; the parent's flows into and out of that process are shown on it as
 * stubs, and joining a stub to an inner element records that this element carries the parent
 * flow inside the process. The link is stored on the parent flow (innerElementIds), so it goes
 * with the flow when the flow is deleted.
 */

/**
 * Checks that `elementId` can carry the parent flow `flowId`: an element (not a trust boundary)
 * of a sub-diagram whose process is one end of the flow. Throws AppError("bad_request").
 */
function checkStubLink(doc: Y.Doc, flowId: string, elementId: string): void {
  const flow = getFlow(doc, flowId);
  if (flow === null) failValidation("stub link", "flowId", "No data flow has this id");
  const element = getElement(doc, elementId);
  if (element === null) failValidation("stub link", "elementId", "No element has this id");
  if (element.kind === "trust-boundary") {
    failValidation("stub link", "elementId", "A trust boundary cannot carry a data flow");
  }
  const processId = getDiagram(doc, element.diagramId)?.parentElementId ?? null;
  if (processId === null || (processId !== flow.sourceId && processId !== flow.targetId)) {
    failValidation(
      "stub link",
      "elementId",
      "The element is not inside the process at either end of the flow",
    );
  }
}

/**
 * Records that the inner element `elementId` carries the parent flow `flowId` (joins it to the
 * flow's stub); returns whether anything changed. Throws AppError("bad_request") when the
 * element is not on a sub-diagram of one of the flow's ends.
 */
export function linkStubElement(doc: Y.Doc, flowId: string, elementId: string): boolean {
  checkStubLink(doc, flowId, elementId);
  return setFlowInnerElement(doc, flowId, elementId, true);
}

/**
 * Removes the link between the parent flow `flowId` and the inner element `elementId`; returns
 * whether anything changed: false when there was no link, or no flow any more (a peer deleted
 * it, and the link with it). Works for dangling element ids too.
 */
export function unlinkStubElement(doc: Y.Doc, flowId: string, elementId: string): boolean {
  if (getFlow(doc, flowId) === null) return false;
  return setFlowInnerElement(doc, flowId, elementId, false);
}
