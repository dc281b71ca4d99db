import type { Rect } from "@/lib/diagram/geometry";
import { FIT_VIEW_OPTIONS } from "./diagram-editor-types";

/**
 * The smallest zoom the canvas fits a drawing to when it opens and after an automatic layout:
 * flow labels are 12 px, so they stay at 9 px or more on screen. A larger drawing is shown from
 * its start (top left, where left-to-right flows begin) and the person pans for the rest.
 */
export const MIN_READABLE_ZOOM = 0.75;

/** Room, in screen pixels, between a fitted drawing and the canvas's edges. */
const VIEW_PADDING = 40;

/** A React Flow viewport: screen = canvas point x zoom + (x, y). */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The viewport showing `bounds` in a view `width` x `height`: as large as fits, between
 * `minZoom` and `maxZoom`, centred along each axis where the drawing fits and aligned to its
 * start (left, top) where it does not, with `padding` pixels around it.
 */
export function getReadableViewport(options: {
  bounds: Rect;
  width: number;
  height: number;
  padding: number;
  minZoom: number;
  maxZoom: number;
}): Viewport {
  const { bounds, width, height, padding, minZoom, maxZoom } = options;
  const fit = Math.min(
    (width - 2 * padding) / Math.max(bounds.width, 1),
    (height - 2 * padding) / Math.max(bounds.height, 1),
  );
  const zoom = Math.min(maxZoom, Math.max(minZoom, fit));
  const place = (start: number, size: number, room: number) =>
    size * zoom + 2 * padding <= room
      ? (room - size * zoom) / 2 - start * zoom
      : padding - start * zoom;
  return {
    x: place(bounds.x, bounds.width, width),
    y: place(bounds.y, bounds.height, height),
    zoom,
  };
}

/**
 * The view that shows a drawing with `bounds` readably in a canvas `width` x `height`: fitted
 * when it fits at readable zoom or more (at most the "zoom to fit" maximum), otherwise at
 * readable zoom from its top-left. Used when a diagram opens and after an automatic layout.
 */
export function getOpeningViewport(bounds: Rect, width: number, height: number): Viewport {
  return getReadableViewport({
    bounds,
    width,
    height,
    padding: VIEW_PADDING,
    minZoom: MIN_READABLE_ZOOM,
    maxZoom: FIT_VIEW_OPTIONS.maxZoom,
  });
}
