"use client";

import { useRef, type Dispatch, type RefObject, type SetStateAction } from "react";
import { useReactFlow } from "@xyflow/react";
import type * as Y from "yjs";
import { findFreeSpot, listObstacles } from "@/lib/diagram/free-spot";
import { listElementsOfDiagram } from "@/lib/model/elements";
import { listFlowsOfDiagram } from "@/lib/model/flows";
import { addPaletteItem, buildNewElementInput, type PaletteItem } from "./diagram-commands";
import type { CanvasWrite } from "./diagram-editor-types";
import type { CanvasNode, FlowEdge } from "./diagram-mapping";

/** Moves keyboard focus to a node once React Flow has drawn it (Enter then renames it). */
function focusNodeWhenDrawn(
  canvasRef: RefObject<HTMLDivElement | null>,
  id: string,
  attemptsLeft = 10,
) {
  window.requestAnimationFrame(() => {
    const node = canvasRef.current?.querySelector<HTMLElement>(
      `.react-flow__node[data-id="${CSS.escape(id)}"]`,
    );
    if (node) node.focus({ preventScroll: true });
    else if (attemptsLeft > 0) focusNodeWhenDrawn(canvasRef, id, attemptsLeft - 1);
  });
}

/**
 * Adding palette items: where one was dropped, or near the middle of the visible canvas in
 * free space (never on top of another element or across a flow). The new element is selected
 * and gets keyboard focus.
 */
export function useAddElement(options: {
  doc: Y.Doc;
  diagramId: string;
  canvasRef: RefObject<HTMLDivElement | null>;
  write: CanvasWrite;
  setSelectedIds: Dispatch<SetStateAction<ReadonlySet<string>>>;
}): (item: PaletteItem, center?: { x: number; y: number }) => void {
  const { doc, diagramId, canvasRef, write, setSelectedIds } = options;
  const flow = useReactFlow<CanvasNode, FlowEdge>();
  const addCount = useRef(0);

  function getViewportCenter(): { x: number; y: number } {
    const rect = canvasRef.current?.getBoundingClientRect();
    if (!rect) return { x: 0, y: 0 };
    const center = flow.screenToFlowPosition({
      x: rect.left + rect.width / 2,
      y: rect.top + rect.height / 2,
    });
    // Several additions in a row fan out instead of stacking exactly.
    const step = (addCount.current % 6) * 28;
    addCount.current += 1;
    return { x: center.x + step, y: center.y + step };
  }

  /** Near the middle of the view, in free space: off elements, flows, labels and outlines. */
  function getFreeSpot(item: PaletteItem): { x: number; y: number } {
    const center = getViewportCenter();
    if (item === "boundary-box" || item === "boundary-line") return center;
    const { width, height } = buildNewElementInput(item, diagramId, center);
    return findFreeSpot({
      center,
      size: { width: width ?? 120, height: height ?? 120 },
      ...listObstacles(listElementsOfDiagram(doc, diagramId), listFlowsOfDiagram(doc, diagramId)),
    });
  }

  /**
   * Pans the view, at its zoom, to an element of `size` centred on `center` when no part of it
   * is in view: the canvas draws only what is in view, so the new element is shown (and can take
   * the focus) only once the view reaches it. Free space near a crowded middle can be far off.
   */
  function showIfOutOfView(
    center: { x: number; y: number },
    size: { width: number; height: number },
  ) {
    const rect = canvasRef.current?.getBoundingClientRect();
    if (!rect) return;
    const topLeft = flow.screenToFlowPosition({ x: rect.left, y: rect.top });
    const bottomRight = flow.screenToFlowPosition({ x: rect.right, y: rect.bottom });
    const isPartlyInView =
      center.x + size.width / 2 > topLeft.x &&
      center.x - size.width / 2 < bottomRight.x &&
      center.y + size.height / 2 > topLeft.y &&
      center.y - size.height / 2 < bottomRight.y;
    if (!isPartlyInView) void flow.setCenter(center.x, center.y, { zoom: flow.getZoom() });
  }

  return function addItem(item: PaletteItem, at?: { x: number; y: number }) {
    // A drop lands where it was dropped; a click or a key finds free space.
    const center = at ?? getFreeSpot(item);
    const id = write(
      () => addPaletteItem(doc, item, diagramId, center),
      "The element could not be added.",
    );
    if (id === null) return;
    setSelectedIds(new Set([id]));
    const { width = 0, height = 0 } = buildNewElementInput(item, diagramId, center);
    showIfOutOfView(center, { width, height });
    focusNodeWhenDrawn(canvasRef, id);
  };
}
