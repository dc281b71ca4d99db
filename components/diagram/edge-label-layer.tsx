"use client";

import type { ReactFlowState } from "@xyflow/react";
import { createContext, useContext, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { getViewportRect, isPointInRect, type Point, type Rect } from "@/lib/diagram/geometry";

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
  /** Where labels are drawn, in diagram units (see getLabelArea); null: everywhere. */
  area: Rect | null;
}

export const EdgeLabelLayerContext = createContext<EdgeLabelLayer>({
  element: null,
  isLabelZoom: true,
  area: null,
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
 * How far past the view, in screen pixels, a label's middle may lie and the label still be
 * drawn: half the width of a wide label (a name and a "Crosses …" chip).
 */
export const LABEL_REACH_PX = 240;

/**
 * The part of the diagram whose flows have their labels drawn: the view and a margin around it.
 * React Flow draws every flow whose two elements' box meets the view, so long flows across a
 * large diagram are drawn with their labels far off screen: at a large diagram's opening view,
 * 16 of 136 labels were on screen. The margin and the area's edges are whole steps of a grid
 * (a power of two, about an eighth of the view's longer side): the area changes only when an
 * edge of the view passes a line of the grid, a few times along a pan rather than at every
 * frame. The margin is a whole number of steps and at least LABEL_REACH_PX on screen. Null while
 * the canvas has no size yet: then every label is drawn.
 */
export function getLabelArea(
  state: Pick<ReactFlowState, "transform" | "width" | "height">,
): Rect | null {
  const [x, y, zoom] = state.transform;
  if (!(state.width > 0 && state.height > 0 && zoom > 0)) return null;
  const view = getViewportRect({ x, y, zoom, width: state.width, height: state.height });
  const step = 2 ** Math.round(Math.log2(Math.max(view.width, view.height) / 8));
  // At least LABEL_REACH_PX on screen, so that a wide label is drawn while its middle is off it.
  const margin = Math.max(1, Math.ceil(LABEL_REACH_PX / zoom / step));
  const left = Math.floor(view.x / step - margin) * step;
  const top = Math.floor(view.y / step - margin) * step;
  const right = Math.ceil((view.x + view.width) / step + margin) * step;
  const bottom = Math.ceil((view.y + view.height) / step + margin) * step;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** Two label areas are the same when their boxes are (for React Flow's store equality). */
export function isSameLabelArea(a: Rect | null, b: Rect | null): boolean {
  if (a === null || b === null) return a === b;
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/**
 * Draws `children` in the canvas's label layer, like React Flow's EdgeLabelRenderer: from
 * LABEL_MIN_ZOOM on when the label's point `at` lies in the label area, or anywhere at any zoom
 * when `isAlwaysShown` (a selected flow, one being renamed, one a peer points at). Nothing
 * before the layer is mounted.
 */
export function EdgeLabelPortal({
  at,
  isAlwaysShown,
  children,
}: {
  at: Point;
  isAlwaysShown: boolean;
  children: ReactNode;
}) {
  const { element, isLabelZoom, area } = useContext(EdgeLabelLayerContext);
  if (element === null) return null;
  const isInArea = isLabelZoom && (area === null || isPointInRect(at, area));
  if (!(isInArea || isAlwaysShown)) return null;
  return createPortal(children, element);
}
