import type { DiagramElement, Flow } from "../model";
import {
  doRectsOverlap,
  doesSegmentCrossSegment,
  getRectCenter,
  growRect,
  isPointInRect,
  type Point,
  type Rect,
} from "./geometry";

/** A straight stretch a new element must not cover: a flow, or a trust boundary's outline. */
export interface Segment {
  from: Point;
  to: Point;
}

/** What a new element must keep clear of, from listObstacles. */
export interface Obstacles {
  /** Elements other than trust boundaries, and the labels of flows. */
  occupied: Rect[];
  /** Flows, the sides of box trust boundaries and line trust boundaries. */
  lines: Segment[];
}

/** Space kept around a new element, so that it does not touch its neighbours. */
const MARGIN = 24;
/** Distance between two candidate places. */
const STEP = 40;
/** Rings of candidates tried around the wanted centre before giving up on free space. */
const RINGS = 30;

/** Whether a segment passes through a rectangle (crosses an edge or lies inside). */
export function doesSegmentTouchRect(from: Point, to: Point, rect: Rect): boolean {
  if (isPointInRect(from, rect) || isPointInRect(to, rect)) return true;
  const corners: Point[] = [
    { x: rect.x, y: rect.y },
    { x: rect.x + rect.width, y: rect.y },
    { x: rect.x + rect.width, y: rect.y + rect.height },
    { x: rect.x, y: rect.y + rect.height },
  ];
  return corners.some((corner, index) =>
    doesSegmentCrossSegment(from, to, corner, corners[(index + 1) % corners.length] ?? corner),
  );
}

/** Room taken by one character of a flow's label (text-xs), and by its frame and badges. */
const LABEL_CHAR_WIDTH = 7;
const LABEL_PADDING = 16;
const LABEL_HEIGHT = 40;

/**
 * What a new element on a diagram must keep clear of: its elements (a box trust boundary's
 * inside is free, its outline is not), its flows as drawn (a straight line between the centres
 * of their ends) and their labels at the middle of the line, and line trust boundaries. Flows
 * whose ends are not among `elements` are skipped.
 */
export function listObstacles(
  elements: readonly DiagramElement[],
  flows: readonly Pick<Flow, "sourceId" | "targetId" | "name">[],
): Obstacles {
  const occupied: Rect[] = [];
  const lines: Segment[] = [];
  const centres = new Map<string, Point>();
  for (const element of elements) {
    if (element.kind !== "trust-boundary") {
      occupied.push(element);
      centres.set(element.id, getRectCenter(element));
    } else if (element.shape === "line") {
      lines.push({
        from: { x: element.x, y: element.y },
        to: { x: element.x + element.width, y: element.y + element.height },
      });
    } else {
      const corners = [
        { x: element.x, y: element.y },
        { x: element.x + element.width, y: element.y },
        { x: element.x + element.width, y: element.y + element.height },
        { x: element.x, y: element.y + element.height },
      ];
      corners.forEach((corner, index) => {
        lines.push({ from: corner, to: corners[(index + 1) % corners.length] ?? corner });
      });
    }
  }
  for (const flow of flows) {
    const from = centres.get(flow.sourceId);
    const to = centres.get(flow.targetId);
    if (from === undefined || to === undefined) continue;
    lines.push({ from, to });
    const width = flow.name.length * LABEL_CHAR_WIDTH + LABEL_PADDING;
    occupied.push({
      x: (from.x + to.x) / 2 - width / 2,
      y: (from.y + to.y) / 2 - LABEL_HEIGHT / 2,
      width,
      height: LABEL_HEIGHT,
    });
  }
  return { occupied, lines };
}

/**
 * Where to put a new element of `size` wanted at `center`: the nearest place (trying rings of
 * places around the centre, closest first) where it overlaps nothing in `occupied` and no line
 * in `lines` (flows, boundary outlines: see listObstacles) crosses it, with a margin. The
 * centre itself when it is free; the centre too when nothing nearby is (the element then
 * overlaps, as before).
 */
export function findFreeSpot(options: {
  center: Point;
  size: { width: number; height: number };
  occupied: readonly Rect[];
  lines: readonly Segment[];
}): Point {
  const { center, size, occupied, lines } = options;
  const isFree = (at: Point) => {
    const rect = growRect(
      {
        x: at.x - size.width / 2,
        y: at.y - size.height / 2,
        width: size.width,
        height: size.height,
      },
      MARGIN,
    );
    return (
      !occupied.some((other) => doRectsOverlap(rect, other)) &&
      !lines.some((line) => doesSegmentTouchRect(line.from, line.to, rect))
    );
  };
  if (isFree(center)) return center;
  for (let ring = 1; ring <= RINGS; ring++) {
    const candidates: Point[] = [];
    for (let dx = -ring; dx <= ring; dx++) {
      for (let dy = -ring; dy <= ring; dy++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        candidates.push({ x: center.x + dx * STEP, y: center.y + dy * STEP });
      }
    }
    candidates.sort(
      (a, b) =>
        Math.hypot(a.x - center.x, a.y - center.y) - Math.hypot(b.x - center.x, b.y - center.y),
    );
    const found = candidates.find(isFree);
    if (found) return found;
  }
  return center;
}
