"use client";

import type { ReactFlowState } from "@xyflow/react";
import { createContext, useContext, type ReactNode } from "react";
import { createPortal } from "react-dom";

/**
 * The element of the canvas that holds the flows' labels (React Flow's edge label layer), found
 * once by the canvas, and whether the canvas is zoomed in far enough for labels (see
 * LABEL_MIN_ZOOM). React Flow's own EdgeLabelRenderer finds the layer with a store selector
 * that runs a DOM query for every edge on every store update (each frame of a pan, each
 * measured node), and a zoom selector per edge would also run for every edge on every frame:
 * on a large diagram, more than the frame itself costs. The canvas subscribes once instead.
 */
export interface EdgeLabelLayer {
  element: HTMLElement | null;
  isLabelZoom: boolean;
}

export const EdgeLabelLayerContext = createContext<EdgeLabelLayer>({
  element: null,
  isLabelZoom: true,
});

/**
 * Below this zoom a label's text is under 5 px high, a grey smudge: labels are left out then,
 * so a large diagram seen whole has some 4 fewer DOM elements per flow to draw, lay out and
 * repaint on every frame of a pan or zoom. Zooming in brings them back.
 */
export const LABEL_MIN_ZOOM = 0.4;

/** For the canvas's one subscription: whether labels are drawn at the current zoom. */
export function selectIsLabelZoom(state: ReactFlowState): boolean {
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
  const { element, isLabelZoom } = useContext(EdgeLabelLayerContext);
  if (element === null || !(isLabelZoom || isAlwaysShown)) return null;
  return createPortal(children, element);
}
