import type * as Y from "yjs";
import { getDiagram, getElement, listFlows } from "../model";
import type { Diagram } from "../model";

/*
 * The zoom hierarchy of diagrams: a diagram whose parentElementId names a process details that
 * process, one layer down. Parent ids may dangle (a peer deleted the process or its diagram) and
 * a buggy peer could even write a cycle: every reader here stops there instead of failing.
 */

/**
 * A data flow of the parent diagram that enters or leaves the process a diagram zooms into,
 * shown on that diagram as a stub so its flows can be matched to the parent's.
 */
export interface StubFlow {
  /** The flow on the parent diagram. */
  parentFlowId: string;
  name: string;
  /** "in" when the flow enters the zoomed process, "out" when it leaves it. */
  direction: "in" | "out";
  /** The element at the other end of the flow, on the parent diagram. */
  outsideElementName: string;
  bidirectional: boolean;
  /**
   * The elements of this diagram joined to the stub (they carry the parent flow here), sorted;
   * links to elements deleted or on another diagram are left out.
   */
  linkedElementIds: string[];
}

/** The diagram a diagram zooms out to, or null at the top or when the parent dangles. */
function getParentDiagram(doc: Y.Doc, diagram: Diagram): Diagram | null {
  if (diagram.parentElementId === null) return null;
  const process = getElement(doc, diagram.parentElementId);
  if (process === null) return null;
  return getDiagram(doc, process.diagramId);
}

/**
 * The diagrams from the top of the hierarchy down to this one, itself last; empty when the
 * diagram does not exist. The path starts at the first diagram whose parent is missing, and
 * stops short of repeating a diagram should parents form a cycle.
 */
export function getDiagramPath(doc: Y.Doc, diagramId: string): Diagram[] {
  const path: Diagram[] = [];
  const seen = new Set<string>();
  let current = getDiagram(doc, diagramId);
  while (current !== null && !seen.has(current.id)) {
    seen.add(current.id);
    path.push(current);
    current = getParentDiagram(doc, current);
  }
  return path.reverse();
}

/**
 * The name of a diagram in the hierarchy, e.g. "Web Service - Worker - Input Parser": the names
 * of the processes zoomed into along its path, joined by " - ". A diagram whose process is gone
 * or unnamed stands in with its own title; a top-level diagram is named by its title. Empty
 * when the diagram does not exist.
 */
export function getHierarchicalName(doc: Y.Doc, diagramId: string): string {
  const path = getDiagramPath(doc, diagramId);
  const segments = path.flatMap((diagram) => {
    if (diagram.parentElementId === null) return [];
    const processName = getElement(doc, diagram.parentElementId)?.name.trim() ?? "";
    return [processName === "" ? diagram.title : processName];
  });
  if (segments.length > 0) return segments.join(" - ");
  return path.at(-1)?.title ?? "";
}

/**
 * The parent diagram's data flows into and out of the process this diagram zooms into, in the
 * parent's flow order. Empty for a top-level diagram or when the process is gone. A flow whose
 * other end no longer exists is left out: it is being deleted with that element.
 */
export function listStubFlows(doc: Y.Doc, diagramId: string): StubFlow[] {
  const diagram = getDiagram(doc, diagramId);
  if (diagram === null || diagram.parentElementId === null) return [];
  const process = getElement(doc, diagram.parentElementId);
  if (process?.kind !== "process") return [];

  const stubs: StubFlow[] = [];
  for (const flow of listFlows(doc)) {
    const isOutgoing = flow.sourceId === process.id;
    const isIncoming = flow.targetId === process.id;
    if (isOutgoing === isIncoming) continue;
    const outside = getElement(doc, isOutgoing ? flow.targetId : flow.sourceId);
    if (outside === null) continue;
    stubs.push({
      parentFlowId: flow.id,
      name: flow.name,
      direction: isOutgoing ? "out" : "in",
      outsideElementName: outside.name,
      bidirectional: flow.bidirectional,
      linkedElementIds: flow.innerElementIds.filter((id) => {
        const inner = getElement(doc, id);
        return inner !== null && inner.diagramId === diagramId && inner.kind !== "trust-boundary";
      }),
    });
  }
  return stubs;
}
