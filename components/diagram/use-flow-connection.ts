"use client";

import type { Dispatch, SetStateAction } from "react";
import type { Connection } from "@xyflow/react";
import type * as Y from "yjs";
import type { DiagramElement } from "@/lib/model/element-records";
import { linkStubElement } from "@/lib/model/stub-links";
import { useToast } from "@/components/ui/toast";
import { canConnectElements, getStubConnection } from "./connection-rules";
import { connectElements } from "./diagram-commands";
import type { CanvasWrite } from "./diagram-editor-types";
import { getStubLinkId } from "./diagram-mapping";

/**
 * Drawing data flows: which connections are allowed, and adding one (then selected). A
 * connection between a parent flow's stub and an inner element links them instead: the element
 * carries that flow inside the process.
 */
export function useFlowConnection(options: {
  doc: Y.Doc;
  elementsById: ReadonlyMap<string, DiagramElement>;
  write: CanvasWrite;
  setSelectedIds: Dispatch<SetStateAction<ReadonlySet<string>>>;
}): {
  canConnect: (connection: { source: string; target: string }) => boolean;
  handleConnect: (connection: Connection) => void;
} {
  const { doc, elementsById, write, setSelectedIds } = options;
  const { notify } = useToast();

  function canConnect(connection: { source: string; target: string }): boolean {
    return (
      canConnectElements(elementsById, connection) ||
      getStubConnection(elementsById, connection) !== null
    );
  }

  function handleConnect(connection: Connection) {
    const stubLink = getStubConnection(elementsById, connection);
    if (stubLink !== null) {
      const isDone = write(
        () => linkStubElement(doc, stubLink.flowId, stubLink.elementId),
        "The element could not be joined to the parent flow.",
      );
      if (isDone !== null)
        setSelectedIds(new Set([getStubLinkId(stubLink.flowId, stubLink.elementId)]));
      return;
    }
    if (!canConnect(connection)) {
      notify({
        tone: "info",
        message: "A data flow joins two elements; trust boundaries cannot be its ends.",
      });
      return;
    }
    const id = write(
      () => connectElements(doc, connection.source, connection.target),
      "The data flow could not be added.",
    );
    if (!id) return;
    setSelectedIds(new Set([id]));
    focusFlowWhenDrawn(id);
  }

  return { canConnect, handleConnect };
}

/**
 * Moves the keyboard focus to a new flow once its edge is drawn: the element the drag started
 * from keeps it otherwise, and Enter would rename that element instead of the flow.
 */
function focusFlowWhenDrawn(flowId: string, attemptsLeft = 20): void {
  requestAnimationFrame(() => {
    const edge = document.querySelector<HTMLElement>(
      `.react-flow__edge[data-id="${CSS.escape(flowId)}"]`,
    );
    if (edge) edge.focus({ preventScroll: true });
    else if (attemptsLeft > 0) focusFlowWhenDrawn(flowId, attemptsLeft - 1);
  });
}
