import { doesSegmentCrossSegment, isPointInRect, type Point, type Rect } from "./geometry";

/** Space kept around a new element, so that it does not touch its neighbours. */
const MARGIN = 24;
/** Distance between two candidate places. */
const STEP = 40;
/** Rings of candidates tried around the wanted centre before giving up on free space. */
const RINGS = 30;

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function grow(rect: Rect, by: number): Rect {
  return {
    x: rect.x - by,
    y: rect.y - by,
    width: rect.width + 2 * by,
    height: rect.height + 2 * by,
  };
}

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

/**
 * Where to put a new element of `size` wanted at `center`: the nearest place (trying rings of
 * places around the centre, closest first) where it overlaps no element in `occupied` and no
 * flow in `flows` crosses it, with a margin. The centre itself when it is free; the centre
 * too when nothing nearby is (the element then overlaps, as before).
 */
export function findFreeSpot(options: {
  center: Point;
  size: { width: number; height: number };
  occupied: readonly Rect[];
  flows: readonly { from: Point; to: Point }[];
}): Point {
  const { center, size, occupied, flows } = options;
  const isFree = (at: Point) => {
    const rect = grow(
      {
        x: at.x - size.width / 2,
        y: at.y - size.height / 2,
        width: size.width,
        height: size.height,
      },
      MARGIN,
    );
    return (
      !occupied.some((other) => overlaps(rect, other)) &&
      !flows.some((flow) => doesSegmentTouchRect(flow.from, flow.to, rect))
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
