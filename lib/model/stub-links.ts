import type * as Y from "yjs";
import { getDiagram } from "./diagrams";
import { getElement } from "./element-records";
import { getFlow, listFlows, setFlowInnerElement } from "./flows";
import { failValidation } from "./validation";

/*
 * Links between a sub-diagram's elements and the stubs of its parent's flows. A sub-diagram
 * zooms into a process; the parent's flows into and out of that process are shown on it as
 * stubs, and joining a stub to an inner element records that this element carries the parent
 * flow inside the process. The link is stored on the parent flow (innerElementIds), so it goes
 * with the flow when the flow is deleted.
 */

/** What is wrong with a stub link: the input field at fault and why. */
interface StubLinkProblem {
  path: "flowId" | "elementId";
  message: string;
}

/**
 * Why `elementId` cannot carry the parent flow `flowId`, or null when it can: it must be an
 * element (not a trust boundary) of a sub-diagram whose process is one end of the flow.
 */
function findStubLinkProblem(
  doc: Y.Doc,
  flowId: string,
  elementId: string,
): StubLinkProblem | null {
  const flow = getFlow(doc, flowId);
  if (flow === null) return { path: "flowId", message: "No data flow has this id" };
  const element = getElement(doc, elementId);
  if (element === null) return { path: "elementId", message: "No element has this id" };
  if (element.kind === "trust-boundary") {
    return { path: "elementId", message: "A trust boundary cannot carry a data flow" };
  }
  const processId = getDiagram(doc, element.diagramId)?.parentElementId ?? null;
  if (processId === null || (processId !== flow.sourceId && processId !== flow.targetId)) {
    return {
      path: "elementId",
      message: "The element is not inside the process at either end of the flow",
    };
  }
  return null;
}

/**
 * Records that the inner element `elementId` carries the parent flow `flowId` (joins it to the
 * flow's stub); returns whether anything changed. Throws AppError("bad_request") when the
 * element is not on a sub-diagram of one of the flow's ends.
 */
export function linkStubElement(doc: Y.Doc, flowId: string, elementId: string): boolean {
  const problem = findStubLinkProblem(doc, flowId, elementId);
  if (problem !== null) failValidation("stub link", problem.path, problem.message);
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

/**
 * Removes every link that linkStubElement would refuse now: ids of elements that are gone, of
 * trust boundaries, and of elements outside the sub-diagrams of the flow's ends. Meant for a
 * document made elsewhere (a model file), whose links nothing here has checked, so that it
 * starts with none dangling; a live document keeps the ones concurrent edits leave behind,
 * which readers skip. Returns how many links it removed, in one transaction.
 */
export function dropInvalidStubLinks(doc: Y.Doc): number {
  let count = 0;
  doc.transact(() => {
    for (const flow of listFlows(doc)) {
      for (const elementId of flow.innerElementIds) {
        if (findStubLinkProblem(doc, flow.id, elementId) === null) continue;
        if (unlinkStubElement(doc, flow.id, elementId)) count += 1;
      }
    }
  });
  return count;
}
