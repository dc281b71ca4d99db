import type { DiagramElement, Flow } from "../model";
import { doesSegmentCrossSegment, getRectCenter, getSide } from "./geometry";
import type { Point, Rect } from "./geometry";

/*
 * Where line trust boundaries go after an automatic layout. A line is no group: it separates
 * the elements at the two ends of the flows that cross it. When the new drawing still has
 * those two sides apart (left and right, or above and below), the line is drawn through the
 * gap between them, so it is crossed by the same flows; otherwise it keeps its place relative
 * to the drawing.
 */

/** A line's new start (x, y) and the vector to its end (width, height). */
export interface LinePlacement {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How far a line reaches beyond the elements it separates. */
const LINE_OVERHANG = 40;

function getBounds(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  const left = Math.min(...rects.map((rect) => rect.x));
  const top = Math.min(...rects.map((rect) => rect.y));
  const right = Math.max(...rects.map((rect) => rect.x + rect.width));
  const bottom = Math.max(...rects.map((rect) => rect.y + rect.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The point at the same place relative to `to` as `point` was relative to `from`. */
function mapPoint(point: Point, from: Rect, to: Rect): Point {
  const scale = (value: number, start: number, size: number, newStart: number, newSize: number) =>
    size === 0 ? newStart + newSize / 2 : newStart + ((value - start) / size) * newSize;
  return {
    x: scale(point.x, from.x, from.width, to.x, to.width),
    y: scale(point.y, from.y, from.height, to.y, to.height),
  };
}

/**
 * A vertical line through the gap between two groups of boxes side by side (or, with `axis`
 * "y", a horizontal one between groups one above the other); null when they overlap.
 */
function findSeparator(
  first: readonly Rect[],
  second: readonly Rect[],
  axis: "x" | "y",
): LinePlacement | null {
  const size = axis === "x" ? "width" : "height";
  const [left, right] = [getBounds(first), getBounds(second)];
  if (left === null || right === null) return null;
  const [before, after] = left[axis] <= right[axis] ? [left, right] : [right, left];
  const gapStart = before[axis] + before[size];
  if (gapStart > after[axis]) return null;
  const at = (gapStart + after[axis]) / 2;
  const all = getBounds([left, right]) ?? left;
  if (axis === "x") {
    return { x: at, y: all.y - LINE_OVERHANG, width: 0, height: all.height + 2 * LINE_OVERHANG };
  }
  return { x: all.x - LINE_OVERHANG, y: at, width: all.width + 2 * LINE_OVERHANG, height: 0 };
}

/**
 * New places for the line trust boundaries of a diagram after its other elements moved from
 * `elements` to the boxes in `placed` (same ids; lines are not in it). Flows are the diagram's.
 */
export function placeLineBoundaries(
  elements: readonly DiagramElement[],
  flows: readonly Pick<Flow, "sourceId" | "targetId">[],
  placed: ReadonlyMap<string, Rect>,
): Map<string, LinePlacement> {
  const nodes = elements.filter((element) => element.kind !== "trust-boundary");
  const oldBounds = getBounds(nodes.map((node) => node));
  const newBounds = getBounds(nodes.flatMap((node) => placed.get(node.id) ?? []));
  const centres = new Map(nodes.map((node) => [node.id, getRectCenter(node)]));
  const placements = new Map<string, LinePlacement>();

  for (const line of elements) {
    if (line.kind !== "trust-boundary" || line.shape !== "line") continue;
    const start = { x: line.x, y: line.y };
    const end = { x: line.x + line.width, y: line.y + line.height };
    const sides = new Map<string, -1 | 1>();
    for (const flow of flows) {
      const from = centres.get(flow.sourceId);
      const to = centres.get(flow.targetId);
      if (from === undefined || to === undefined) continue;
      if (!doesSegmentCrossSegment(from, to, start, end)) continue;
      const fromSide = getSide(start, end, from);
      const toSide = getSide(start, end, to);
      if (fromSide !== 0) sides.set(flow.sourceId, fromSide);
      if (toSide !== 0) sides.set(flow.targetId, toSide);
    }
    const rectsOn = (side: -1 | 1) =>
      [...sides].flatMap(([id, value]) => (value === side ? (placed.get(id) ?? []) : []));
    const separator =
      findSeparator(rectsOn(-1), rectsOn(1), "x") ?? findSeparator(rectsOn(-1), rectsOn(1), "y");
    if (separator !== null) {
      placements.set(line.id, separator);
    } else if (oldBounds !== null && newBounds !== null) {
      const newStart = mapPoint(start, oldBounds, newBounds);
      const newEnd = mapPoint(end, oldBounds, newBounds);
      placements.set(line.id, {
        x: newStart.x,
        y: newStart.y,
        width: newEnd.x - newStart.x,
        height: newEnd.y - newStart.y,
      });
    }
  }
  return placements;
}
