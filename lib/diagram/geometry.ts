/*
 * Plane geometry for the diagram canvas: points, boxes and segments. Pure functions on finite
 * numbers; y grows downwards as on the canvas, which changes no result below.
 */

/** A point on the canvas. */
export interface Point {
  x: number;
  y: number;
}

/** A box by its corner (x, y) and size; a negative size extends left or up from the corner. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The center of a box. */
export function getRectCenter(rect: Rect): Point {
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
}

/** A box by its edges, left <= right and top <= bottom. */
export interface RectEdges {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The edges of a box, a negative size normalised. */
export function getRectEdges(rect: Rect): RectEdges {
  return {
    left: Math.min(rect.x, rect.x + rect.width),
    right: Math.max(rect.x, rect.x + rect.width),
    top: Math.min(rect.y, rect.y + rect.height),
    bottom: Math.max(rect.y, rect.y + rect.height),
  };
}

/** True when the point lies inside the box given by its edges, or on an edge. */
export function isPointInEdges(point: Point, edges: RectEdges): boolean {
  return (
    point.x >= edges.left &&
    point.x <= edges.right &&
    point.y >= edges.top &&
    point.y <= edges.bottom
  );
}

/** True when two boxes given by their edges share some area (touching edges do not count). */
export function doEdgesOverlap(a: RectEdges, b: RectEdges): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** True when two boxes share some area (negative sizes are normalised). */
export function doRectsOverlap(a: Rect, b: Rect): boolean {
  return doEdgesOverlap(getRectEdges(a), getRectEdges(b));
}

/** True when the point lies inside the box or on its edge (negative sizes are normalised). */
export function isPointInRect(point: Point, rect: Rect): boolean {
  return isPointInEdges(point, getRectEdges(rect));
}

/** A canvas's view: its transform (screen = point × zoom + (x, y)) and its size on screen. */
export interface CanvasView {
  x: number;
  y: number;
  zoom: number;
  width: number;
  height: number;
}

/** The part of the diagram a canvas shows at `view`, in diagram units. */
export function getViewportRect(view: CanvasView): Rect {
  const zoom = view.zoom > 0 ? view.zoom : 1;
  return {
    x: 0 - view.x / zoom,
    y: 0 - view.y / zoom,
    width: view.width / zoom,
    height: view.height / zoom,
  };
}

/** The box grown by `by` on every side (shrunk when `by` is negative). */
export function growRect(rect: Rect, by: number): Rect {
  return {
    x: rect.x - by,
    y: rect.y - by,
    width: rect.width + 2 * by,
    height: rect.height + 2 * by,
  };
}

/** The distance from `point` to the segment from `from` to `to`, its ends included. */
export function getSegmentDistance(point: Point, from: Point, to: Point): number {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(
          0,
          Math.min(1, ((point.x - from.x) * dx + (point.y - from.y) * dy) / lengthSquared),
        );
  return Math.hypot(point.x - (from.x + t * dx), point.y - (from.y + t * dy));
}

/**
 * On which side of the directed line a -> b the point c lies: 1 on one side, -1 on the other, 0
 * exactly on the line (also when a and b coincide).
 */
export function getSide(a: Point, b: Point, c: Point): -1 | 0 | 1 {
  const cross = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  if (cross > 0) return 1;
  if (cross < 0) return -1;
  return 0;
}

/**
 * True when the segment from -> to passes from one side of the segment lineStart -> lineEnd to
 * the other. Decided as follows, so every case has one answer:
 * - from and to must lie strictly on opposite sides of the line through the boundary segment:
 *   an endpoint exactly on that line, a collinear or overlapping segment, a zero-length segment
 *   and a zero-length boundary never cross;
 * - and the boundary segment, ends included, must meet the segment: passing exactly through a
 *   boundary's end point counts as crossing it, passing beside its end does not.
 */
export function doesSegmentCrossSegment(
  from: Point,
  to: Point,
  lineStart: Point,
  lineEnd: Point,
): boolean {
  const fromSide = getSide(lineStart, lineEnd, from);
  const toSide = getSide(lineStart, lineEnd, to);
  if (fromSide === 0 || toSide === 0 || fromSide === toSide) return false;
  const startSide = getSide(from, to, lineStart);
  const endSide = getSide(from, to, lineEnd);
  return startSide === 0 || endSide === 0 || startSide !== endSide;
}
