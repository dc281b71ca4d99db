"use client";

import { useCallback, useEffect, useRef, type Dispatch, type SetStateAction } from "react";
import { useStableHandler } from "./use-stable-handler";
import { useReactFlow } from "@xyflow/react";
import type { DiagramElement } from "@/lib/model/element-records";
import type { Flow } from "@/lib/model/flows";
import { getTargetNodeIds } from "./canvas-selection";
import type { SelectionTarget } from "./diagram-editor-types";
import type { CanvasNode, FlowEdge } from "./diagram-mapping";

/**
 * Selecting an element or flow and bringing it into view (`selectTarget`); the one the page was
 * opened for is shown once the canvas is ready (`handleCanvasReady`, called by the canvas) and
 * its records are there, whichever comes last. Readiness is kept in a ref: becoming ready
 * redraws nothing here, only the canvas's own `data-ready`.
 */
export function useSelectTarget(options: {
  flows: readonly Flow[];
  elementsById: ReadonlyMap<string, DiagramElement>;
  flowIds: ReadonlySet<string>;
  initialSelectedId: string | null;
  setSelectedIds: Dispatch<SetStateAction<ReadonlySet<string>>>;
}): { selectTarget: (target: SelectionTarget) => void; handleCanvasReady: () => void } {
  const { flows, elementsById, flowIds, initialSelectedId, setSelectedIds } = options;
  const flow = useReactFlow<CanvasNode, FlowEdge>();

  const selectTarget = useCallback(
    (target: SelectionTarget) => {
      setSelectedIds(new Set([target.id]));
      const nodeIds = getTargetNodeIds(target, flows);
      if (nodeIds.length > 0) {
        void flow.fitView({
          nodes: nodeIds.map((id) => ({ id })),
          padding: 0.6,
          maxZoom: 1.2,
          duration: 300,
        });
      }
    },
    [flow, flows, setSelectedIds],
  );

  // Shows the element or flow the page was opened for, once React Flow is initialised.
  const isCanvasReady = useRef(false);
  const shownTargetId = useRef<string | null>(null);
  const showInitialTarget = useStableHandler(() => {
    if (!isCanvasReady.current || initialSelectedId === null) return;
    if (shownTargetId.current === initialSelectedId) return;
    const type = elementsById.has(initialSelectedId)
      ? "element"
      : flowIds.has(initialSelectedId)
        ? "flow"
        : null;
    if (type === null) return;
    shownTargetId.current = initialSelectedId;
    selectTarget({ type, id: initialSelectedId });
  });
  useEffect(
    () => showInitialTarget(),
    [initialSelectedId, elementsById, flowIds, showInitialTarget],
  );
  const handleCanvasReady = useCallback(() => {
    isCanvasReady.current = true;
    showInitialTarget();
  }, [showInitialTarget]);

  return { selectTarget, handleCanvasReady };
}
