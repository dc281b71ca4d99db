"use client";

import { useState } from "react";
import { useReactFlow } from "@xyflow/react";
import type * as Y from "yjs";
import type { DiagramElement } from "@/lib/model/element-records";
import { getModelErrorMessage } from "@/components/threats/model-error-message";
import { useToast } from "@/components/ui/toast";
import { FIT_VIEW_OPTIONS, type DiagramEditorProps } from "./diagram-editor-types";
import type { CanvasNode, ElementGeometry, FlowEdge } from "./diagram-mapping";
import { toLayoutGeometries } from "./layout-geometries";

/** Automatic layout: stores the computed positions as one undo step, then fits the view. */
export function useAutoLayout(options: {
  doc: Y.Doc;
  diagramId: string;
  isReadOnly: boolean;
  elementsById: ReadonlyMap<string, DiagramElement>;
  computeLayout: DiagramEditorProps["computeLayout"];
  commitGeometries: (geometries: ReadonlyMap<string, ElementGeometry>) => void;
}): { isLayingOut: boolean; autoLayout: () => Promise<void> } {
  const { doc, diagramId, isReadOnly, elementsById, computeLayout, commitGeometries } = options;
  const { notify } = useToast();
  const flow = useReactFlow<CanvasNode, FlowEdge>();
  const [isLayingOut, setIsLayingOut] = useState(false);

  async function autoLayout() {
    if (!computeLayout || isReadOnly) return;
    setIsLayingOut(true);
    try {
      const positions = await computeLayout(doc, diagramId);
      commitGeometries(toLayoutGeometries(positions, elementsById));
      window.requestAnimationFrame(() => void flow.fitView(FIT_VIEW_OPTIONS));
    } catch (caught) {
      notify({
        tone: "danger",
        message: getModelErrorMessage(caught, "The layout could not be computed."),
      });
    } finally {
      setIsLayingOut(false);
    }
  }

  return { isLayingOut, autoLayout };
}
