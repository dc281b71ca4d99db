import { doesSegmentTouchRect } from "./free-spot";
import { getRectCenter, growRect } from "./geometry";
import type { Point, Rect } from "./geometry";

/*
 * Flows are drawn as straight lines between the centres of their elements, while a layered
 * layout routes them around elements: a flow that skips a column can run straight through an
 * element standing in that column. This pass moves such elements off the lines. Moves only
 * open space: an element pushed down pushes what is under it further down, and the trust
 * boundary boxes holding it grow, so nothing comes to overlap and every element stays in the
 * boxes it was in.
 */

/** An element or box trust boundary after layout; `parentId` is the box holding it. */
export interface PlacedItem {
  rect: Rect;
  parentId: string | null;
  isBox: boolean;
}

/** A data flow between two placed elements (not boxes). */
export interface PlacedFlow {
  sourceId: string;
  targetId: string;
}

/** Space kept between a flow's line and an element it passes by. */
const LINE_CLEARANCE = 12;
/** Sideways spacing of flows joining the same two elements (as drawn, see edge-geometry). */
const PARALLEL_SPACING = 18;
/** Space kept between two items pushed apart. */
const ITEM_GAP = 32;
/** Space kept between a box's outline and what it holds (its name is drawn at the top). */
const BOX_PADDING = 48;
/** Moves tried before giving up on a crowded drawing. */
const MAX_MOVES = 120;

type Direction = "down" | "up" | "right" | "left";
const DIRECTIONS: readonly Direction[] = ["down", "up", "right", "left"];
/** Moving along the columns of a left-to-right layout keeps it readable: prefer it. */
const DIRECTION_COST: Record<Direction, number> = { down: 1, up: 1, right: 1.5, left: 1.5 };

interface Conflict {
  /** The flow (by its index) and the element: the same pair across moves. */
  key: string;
  from: Point;
  to: Point;
  margin: number;
  elementId: string;
}

/** Half the width of the band taken by the flows joining the same two elements. */
function getBandMargins(flows: readonly PlacedFlow[]): number[] {
  const counts = new Map<string, number>();
  const keyOf = (flow: PlacedFlow) =>
    flow.sourceId < flow.targetId
      ? `${flow.sourceId}|${flow.targetId}`
      : `${flow.targetId}|${flow.sourceId}`;
  for (const flow of flows) counts.set(keyOf(flow), (counts.get(keyOf(flow)) ?? 0) + 1);
  return flows.map(
    (flow) => LINE_CLEARANCE + (((counts.get(keyOf(flow)) ?? 1) - 1) / 2) * PARALLEL_SPACING,
  );
}

/**
 * Every pair of a flow and an element (not one of its ends) whose line passes within the
 * clearance of the element's box.
 */
export function findFlowConflicts(
  items: ReadonlyMap<string, PlacedItem>,
  flows: readonly PlacedFlow[],
): Conflict[] {
  const margins = getBandMargins(flows);
  const conflicts: Conflict[] = [];
  const elements = [...items].filter(([, item]) => !item.isBox);
  flows.forEach((flow, index) => {
    const source = items.get(flow.sourceId);
    const target = items.get(flow.targetId);
    if (source === undefined || target === undefined || source.isBox || target.isBox) return;
    const from = getRectCenter(source.rect);
    const to = getRectCenter(target.rect);
    const margin = margins[index] ?? LINE_CLEARANCE;
    for (const [id, item] of elements) {
      if (id === flow.sourceId || id === flow.targetId) continue;
      if (doesSegmentTouchRect(from, to, growRect(item.rect, margin))) {
        conflicts.push({ key: `${index}|${id}`, from, to, margin, elementId: id });
      }
    }
  });
  return conflicts;
}

/*
 * Every move is worked out as a move down: the other directions mirror or transpose the
 * drawing first, and back after.
 */

function toFrame(rect: Rect, direction: Direction): Rect {
  const transposed =
    direction === "right" || direction === "left"
      ? { x: rect.y, y: rect.x, width: rect.height, height: rect.width }
      : rect;
  return direction === "up" || direction === "left"
    ? { ...transposed, y: -(transposed.y + transposed.height) }
    : transposed;
}

function fromFrame(rect: Rect, direction: Direction): Rect {
  const unmirrored =
    direction === "up" || direction === "left" ? { ...rect, y: -(rect.y + rect.height) } : rect;
  return direction === "right" || direction === "left"
    ? { x: unmirrored.y, y: unmirrored.x, width: unmirrored.height, height: unmirrored.width }
    : unmirrored;
}

function pointToFrame(point: Point, direction: Direction): Point {
  const rect = toFrame({ ...point, width: 0, height: 0 }, direction);
  return { x: rect.x, y: rect.y };
}

/** How far down the box must go for the segment to pass above it with `margin` to spare. */
function getDistanceBelow(from: Point, to: Point, rect: Rect, margin: number): number {
  const left = Math.max(rect.x - margin, Math.min(from.x, to.x));
  const right = Math.min(rect.x + rect.width + margin, Math.max(from.x, to.x));
  if (left > right) return 0;
  const yAt = (x: number) =>
    from.x === to.x
      ? Math.max(from.y, to.y)
      : from.y + ((x - from.x) * (to.y - from.y)) / (to.x - from.x);
  const lowest = Math.max(yAt(left), yAt(right));
  return Math.max(0, lowest + margin - rect.y);
}

function overlapsAcross(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width;
}

/**
 * Moves `id` (with what it holds) down by `distance` in a frame where every move is down, then
 * pushes the items that were under it further down and grows the boxes holding it, as far as
 * needed. Only items that lay below another at the start are pushed by it: that order has no
 * cycle, so pushing ends.
 */
function pushDown(items: Map<string, PlacedItem>, id: string, distance: number): void {
  const original = new Map([...items].map(([itemId, item]) => [itemId, { ...item.rect }]));
  const wasBelow = (lower: string, upper: string) => {
    const lowerRect = original.get(lower);
    const upperRect = original.get(upper);
    return (
      lowerRect !== undefined &&
      upperRect !== undefined &&
      lowerRect.y >= upperRect.y + upperRect.height - 0.5
    );
  };
  const childrenOf = new Map<string | null, string[]>();
  for (const [itemId, item] of items) {
    childrenOf.set(item.parentId, [...(childrenOf.get(item.parentId) ?? []), itemId]);
  }
  const shift = (itemId: string, by: number) => {
    const item = items.get(itemId);
    if (item === undefined) return;
    item.rect = { ...item.rect, y: item.rect.y + by };
    for (const child of childrenOf.get(itemId) ?? []) shift(child, by);
  };

  shift(id, distance);
  // Items whose bottom came down: what lay under them may now collide with them.
  const queue: string[] = [id];
  while (queue.length > 0) {
    const movedId = queue.shift();
    const item = movedId === undefined ? undefined : items.get(movedId);
    if (movedId === undefined || item === undefined) continue;
    const bottom = item.rect.y + item.rect.height;
    for (const siblingId of childrenOf.get(item.parentId) ?? []) {
      const sibling = items.get(siblingId);
      if (sibling === undefined || !wasBelow(siblingId, movedId)) continue;
      if (!overlapsAcross(item.rect, sibling.rect)) continue;
      const needed = bottom + ITEM_GAP - sibling.rect.y;
      if (needed <= 0) continue;
      shift(siblingId, needed);
      queue.push(siblingId);
    }
    const parent = item.parentId === null ? undefined : items.get(item.parentId);
    if (item.parentId !== null && parent !== undefined) {
      const needed = bottom + BOX_PADDING - (parent.rect.y + parent.rect.height);
      if (needed > 0) {
        parent.rect = { ...parent.rect, height: parent.rect.height + needed };
        queue.push(item.parentId);
      }
    }
  }
}

function cloneItems(items: ReadonlyMap<string, PlacedItem>): Map<string, PlacedItem> {
  return new Map([...items].map(([id, item]) => [id, { ...item, rect: { ...item.rect } }]));
}

/** The drawing after moving one element `direction`-wards until it clears the conflict. */
function moveOffLine(
  items: ReadonlyMap<string, PlacedItem>,
  conflict: Conflict,
  direction: Direction,
): { items: Map<string, PlacedItem>; distance: number } | null {
  const element = items.get(conflict.elementId);
  if (element === undefined) return null;
  const distance = getDistanceBelow(
    pointToFrame(conflict.from, direction),
    pointToFrame(conflict.to, direction),
    toFrame(element.rect, direction),
    conflict.margin,
  );
  if (!(distance > 0) || !Number.isFinite(distance)) return null;
  const framed = new Map(
    [...cloneItems(items)].map(([id, item]) => [
      id,
      { ...item, rect: toFrame(item.rect, direction) },
    ]),
  );
  // One more pixel: a line along the grown outline still touches it.
  pushDown(framed, conflict.elementId, Math.ceil(distance) + 1);
  for (const item of framed.values()) item.rect = fromFrame(item.rect, direction);
  return { items: framed, distance };
}

/**
 * Moves elements off the lines of flows that pass through them, one element at a time, each
 * the way (down, up, right or left) that clears it and leaves the fewest conflicts, then the
 * shortest move. A conflict no move clears is left. Returns the new boxes of every item; gives
 * up after a bounded number of moves, so a crowded drawing may keep some conflicts.
 */
export function clearFlowLines(
  items: ReadonlyMap<string, PlacedItem>,
  flows: readonly PlacedFlow[],
): Map<string, PlacedItem> {
  let current = cloneItems(items);
  let conflicts = findFlowConflicts(current, flows);
  const unsolvable = new Set<string>();
  for (let move = 0; move < MAX_MOVES; move++) {
    const conflict = conflicts.find((candidate) => !unsolvable.has(candidate.key));
    if (conflict === undefined) break;
    let best: { items: Map<string, PlacedItem>; conflicts: Conflict[]; cost: number } | null = null;
    for (const direction of DIRECTIONS) {
      const moved = moveOffLine(current, conflict, direction);
      if (moved === null) continue;
      const after = findFlowConflicts(moved.items, flows);
      // Sliding along the line, or dragging the flow's end along, solves nothing.
      if (after.some((other) => other.key === conflict.key)) continue;
      const cost = moved.distance * DIRECTION_COST[direction];
      if (
        best === null ||
        after.length < best.conflicts.length ||
        (after.length === best.conflicts.length && cost < best.cost)
      ) {
        best = { items: moved.items, conflicts: after, cost };
      }
    }
    if (best === null) {
      unsolvable.add(conflict.key);
      continue;
    }
    current = best.items;
    conflicts = best.conflicts;
  }
  return current;
}
