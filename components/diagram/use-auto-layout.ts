"use client";

import { useState } from "react";
import { useReactFlow, useStoreApi } from "@xyflow/react";
import type * as Y from "yjs";
import type { DiagramElement } from "@/lib/model/element-records";
import { getModelErrorMessage } from "@/components/threats/model-error-message";
import { useToast } from "@/components/ui/toast";
import type { DiagramEditorProps } from "./diagram-editor-types";
import {
  getContentBounds,
  getElementGeometry,
  type CanvasEdge,
  type CanvasNode,
  type ElementGeometry,
} from "./diagram-mapping";
import { toLayoutGeometries } from "./layout-geometries";
import { getOpeningViewport } from "./readable-viewport";

/**
 * Automatic layout: stores the computed positions as one undo step, then shows the drawing as
 * large as fits, but never zoomed out below readable labels (the rest is reached by panning).
 */
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
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const store = useStoreApi<CanvasNode, CanvasEdge>();
  const [isLayingOut, setIsLayingOut] = useState(false);

  function showReadably(geometries: ReadonlyMap<string, ElementGeometry>) {
    const { width, height } = store.getState();
    const bounds = getContentBounds(
      [...elementsById.values()].map(
        (element) => geometries.get(element.id) ?? getElementGeometry(element),
      ),
    );
    void flow.setViewport(getOpeningViewport(bounds, width, height));
  }

  async function autoLayout() {
    if (!computeLayout || isReadOnly) return;
    setIsLayingOut(true);
    try {
      const positions = await computeLayout(doc, diagramId);
      const geometries = toLayoutGeometries(positions, elementsById);
      commitGeometries(geometries);
      window.requestAnimationFrame(() => showReadably(geometries));
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
