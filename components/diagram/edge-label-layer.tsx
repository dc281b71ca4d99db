"use client";

import { useStore, type ReactFlowState } from "@xyflow/react";
import { createContext, useContext, type ReactNode } from "react";
import { createPortal } from "react-dom";

/**
 * The element of the canvas that holds the flows' labels (React Flow's edge label layer),
 * found once by the canvas. React Flow's own EdgeLabelRenderer finds the layer with a store
 * selector that runs a DOM query for every edge on every store update (each frame of a pan,
 * each measured node): on a large diagram, more than the frame itself costs.
 */
export const EdgeLabelLayerContext = createContext<HTMLElement | null>(null);

/**
 * Below this zoom a label's text is under 5 px high, a grey smudge: labels are left out then,
 * so a large diagram seen whole has some 4 fewer DOM elements per flow to draw, lay out and
 * repaint on every frame of a pan or zoom. Zooming in brings them back.
 */
export const LABEL_MIN_ZOOM = 0.4;

function selectIsLabelZoom(state: ReactFlowState): boolean {
  return state.transform[2] >= LABEL_MIN_ZOOM;
}

/**
 * Draws `children` in the canvas's label layer, like React Flow's EdgeLabelRenderer: from
 * LABEL_MIN_ZOOM on, or at any zoom when `isAlwaysShown` (a selected flow, one being renamed).
 * Nothing before the layer is mounted.
 */
export function EdgeLabelPortal({
  isAlwaysShown,
  children,
}: {
  isAlwaysShown: boolean;
  children: ReactNode;
}) {
  const layer = useContext(EdgeLabelLayerContext);
  const isLabelZoom = useStore(selectIsLabelZoom);
  if (layer === null || !(isLabelZoom || isAlwaysShown)) return null;
  return createPortal(children, layer);
}
