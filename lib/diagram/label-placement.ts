import { doEdgesOverlap, getRectEdges, type Point, type Rect, type RectEdges } from "./geometry";

/*
 * Where along its line a flow's label sits, on the canvas and in SVG exports. A label at the
 * middle of a flow that passes over an element was hidden under it on the canvas, where elements
 * are drawn above labels (on the 20-element model, "Card token" lay under "API gateway"), or
 * written over the element's name in an export; two flows crossing near their middles drew
 * their labels one over the other ("Invoices" under "Report data").
 *
 * Labels are placed in turn (see placeLabels), in an order fixed by what is drawn, so every peer
 * places them the same way.
 */

/** The points tried, as fractions of the way from the flow's start, in order of preference. */
export const LABEL_POSITIONS: readonly number[] = [
  0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8,
];

/** Half the size of a label box, in diagram units. */
export interface HalfSize {
  width: number;
  height: number;
}

/** Side of the cells the boxes are indexed by, in diagram units. */
const CELL_SIZE = 256;

/** A flow's label to place: the flow's two ends as drawn, and the label's half size. */
export interface LabelRequest {
  from: Point;
  to: Point;
  halfSize: HalfSize;
}

/**
 * Where each label goes, as the fraction of the way along its flow (one of LABEL_POSITIONS),
 * among the boxes of the elements drawn above labels (not trust boundaries). A null request, or
 * a label of no size, has nothing to place: it is given the middle and takes no room.
 *
 * Labels with room at fewer than ROOMY points clear of elements are placed first, fewest first,
 * so that a flow with room for its label in one short stretch (between two elements) gets it
 * before a long flow that could go anywhere takes it; among equals, in the order given. Each then
 * goes to the point nearest its middle, among those clear of elements, that no label placed
 * before it overlaps, or the one with the fewest labels under it; with no point clear of
 * elements, to the middle.
 */
export function placeLabels(
  elementBoxes: readonly Rect[],
  requests: readonly (LabelRequest | null)[],
): number[] {
  const elements = new BoxIndex();
  for (const box of elementBoxes) elements.add(getRectEdges(box));
  // Whether each point of each label is clear of elements, worked out when first needed: most
  // labels have room at their first few points and are never asked about the rest.
  const clearness = requests.map(() => new Uint8Array(LABEL_POSITIONS.length));
  const isClear = (index: number, point: number): boolean => {
    const known = clearness[index];
    const request = getPlaceable(requests[index]);
    if (known === undefined || request === null) return false;
    if (known[point] === UNKNOWN) {
      const box = getLabelBox(request, LABEL_POSITIONS[point] ?? 0.5);
      known[point] = elements.overlapsAny(box) ? COVERED : CLEAR;
    }
    return known[point] === CLEAR;
  };
  const room = requests.map((request, index) => {
    if (getPlaceable(request) === null) return 0;
    let count = 0;
    for (let point = 0; point < LABEL_POSITIONS.length && count < ROOMY; point += 1) {
      if (isClear(index, point)) count += 1;
    }
    return count;
  });
  const order = requests
    .map((_, index) => index)
    .sort((a, b) => (room[a] ?? 0) - (room[b] ?? 0) || a - b);

  const labels = new BoxIndex();
  const placed = requests.map(() => 0.5);
  for (const index of order) {
    const request = getPlaceable(requests[index]);
    if (request === null) continue;
    let best: { position: number; box: RectEdges; overlaps: number } | null = null;
    for (let point = 0; point < LABEL_POSITIONS.length; point += 1) {
      if (!isClear(index, point)) continue;
      const position = LABEL_POSITIONS[point] ?? 0.5;
      const box = getLabelBox(request, position);
      const overlaps = labels.countOverlaps(box, best?.overlaps ?? Infinity);
      if (best === null || overlaps < best.overlaps) best = { position, box, overlaps };
      if (overlaps === 0) break;
    }
    const chosen = best ?? { position: 0.5, box: getLabelBox(request, 0.5) };
    labels.add(chosen.box);
    placed[index] = chosen.position;
  }
  return placed;
}

/** Labels with room at this many points are placed after those with less, in the order given. */
const ROOMY = 3;
const UNKNOWN = 0;
const CLEAR = 1;
const COVERED = 2;

/** The request, when it has a label of some size to place. */
function getPlaceable(request: LabelRequest | null | undefined): LabelRequest | null {
  if (request === null || request === undefined) return null;
  return request.halfSize.width > 0 && request.halfSize.height > 0 ? request : null;
}

/**
 * The point `position` of the way from `from` to `to`, where a label placed there is drawn.
 * Weighted, rather than from + (to - from) * position, whose difference can overflow.
 */
export function getLabelPoint(from: Point, to: Point, position: number): Point {
  return {
    x: from.x * (1 - position) + to.x * position,
    y: from.y * (1 - position) + to.y * position,
  };
}

function getLabelBox({ from, to, halfSize }: LabelRequest, position: number): RectEdges {
  const { x, y } = getLabelPoint(from, to, position);
  return {
    left: x - halfSize.width,
    right: x + halfSize.width,
    top: y - halfSize.height,
    bottom: y + halfSize.height,
  };
}

/**
 * Boxes indexed by the grid cells they meet. Asked about every label of a 700-flow diagram at
 * each of its points on every rebuild (each frame of a drag), so it avoids allocating: cells are
 * keyed by number, and a box met in several cells is counted only in the cell holding the
 * top-left corner of where the two boxes overlap.
 *
 * Sizes and places come from the document, which any editor writes: an element a billion units
 * wide would meet millions of cells, and past 2^53 a cell number plus one is the same number (a
 * loop over cells never ends). A box that meets more than MAX_CELLS, or lies past MAX_CELL
 * cells from the origin (or at no finite place), is kept in a plain list instead, tested against
 * every question; a question about such a box reads every box stored.
 */
class BoxIndex {
  private readonly cells = new Map<number, RectEdges[]>();
  private readonly large: RectEdges[] = [];
  private readonly all: RectEdges[] = [];

  add(box: RectEdges): void {
    this.all.push(box);
    const range = getCellRange(box);
    if (!isIndexable(range)) {
      this.large.push(box);
      return;
    }
    for (let column = range.firstColumn; column <= range.lastColumn; column += 1) {
      for (let row = range.firstRow; row <= range.lastRow; row += 1) {
        const key = getCellKey(column, row);
        const list = this.cells.get(key);
        if (list === undefined) this.cells.set(key, [box]);
        else list.push(box);
      }
    }
  }

  /** Whether any box overlaps `box`. */
  overlapsAny(box: RectEdges): boolean {
    return this.countOverlaps(box, 1) > 0;
  }

  /** How many boxes overlap `box`, counting no further than `limit`. */
  countOverlaps(box: RectEdges, limit: number): number {
    if (this.all.length === 0) return 0;
    const range = getCellRange(box);
    if (!isIndexable(range)) return countInList(this.all, box, limit);
    let count = countInList(this.large, box, limit);
    for (let column = range.firstColumn; column <= range.lastColumn; column += 1) {
      for (let row = range.firstRow; row <= range.lastRow; row += 1) {
        if (count >= limit) return count;
        const list = this.cells.get(getCellKey(column, row));
        if (list === undefined) continue;
        for (const other of list) {
          if (!doEdgesOverlap(other, box)) continue;
          // Two boxes that overlap share every cell their overlap meets; count the pair once.
          const cornerColumn = Math.floor(Math.max(other.left, box.left) / CELL_SIZE);
          const cornerRow = Math.floor(Math.max(other.top, box.top) / CELL_SIZE);
          if (cornerColumn !== column || cornerRow !== row) continue;
          count += 1;
          if (count >= limit) return count;
        }
      }
    }
    return count;
  }
}

/** A box meeting more cells than this is not put in cells (see BoxIndex). */
const MAX_CELLS = 256;
/** Nor is one further than this many cells from the origin (some four billion units). */
const MAX_CELL = 2 ** 24;

interface CellRange {
  firstColumn: number;
  lastColumn: number;
  firstRow: number;
  lastRow: number;
}

/** Whether the box of this range goes in cells: few enough, near enough (not NaN or infinite). */
function isIndexable(range: CellRange): boolean {
  const { firstColumn, lastColumn, firstRow, lastRow } = range;
  const isNear = (cell: number) => Math.abs(cell) <= MAX_CELL;
  if (!(isNear(firstColumn) && isNear(lastColumn) && isNear(firstRow) && isNear(lastRow))) {
    return false;
  }
  return (lastColumn - firstColumn + 1) * (lastRow - firstRow + 1) <= MAX_CELLS;
}

/** How many boxes of the list overlap `box`, counting no further than `limit`. */
function countInList(list: readonly RectEdges[], box: RectEdges, limit: number): number {
  let count = 0;
  for (const other of list) {
    if (count >= limit) break;
    if (doEdgesOverlap(other, box)) count += 1;
  }
  return count;
}

function getCellRange(edges: RectEdges): CellRange {
  return {
    firstColumn: Math.floor(edges.left / CELL_SIZE),
    lastColumn: Math.floor(edges.right / CELL_SIZE),
    firstRow: Math.floor(edges.top / CELL_SIZE),
    lastRow: Math.floor(edges.bottom / CELL_SIZE),
  };
}

/**
 * A number for a cell, the same for no two cells within MAX_CELL of the origin: rows span under
 * 2^26 numbers, and every key is an exact integer (under 2^53).
 */
function getCellKey(column: number, row: number): number {
  return column * 2 ** 26 + row;
}
