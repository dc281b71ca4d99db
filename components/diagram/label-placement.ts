import { getRectEdges, type Point, type Rect, type RectEdges } from "@/lib/diagram/geometry";

/*
 * Where along its line a flow's label sits. Elements are drawn above flow labels, so a label at
 * the middle of a flow that passes over an element was hidden under it: on the 20-element model,
 * "Card token" lay under "API gateway". A label goes to the middle when no element covers it
 * there, otherwise to the nearest of a few points towards either end that none covers; when all
 * are covered, to the middle.
 */

/** The points tried, as fractions of the way from the flow's start, in order of preference. */
export const LABEL_POSITIONS: readonly number[] = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8];

/** Half the size of a short label (a name of a dozen letters) in diagram units. */
export const LABEL_HALF_SIZE = { width: 36, height: 11 };

/** Side of the cells the element boxes are indexed by, in diagram units. */
const CELL_SIZE = 256;

/** Finds where labels go among a set of element boxes, indexed once. */
export interface LabelPlacer {
  /** The fraction of the way from `from` to `to` where the label goes (see LABEL_POSITIONS). */
  getLabelPosition: (from: Point, to: Point) => number;
}

/** Indexes the boxes of the elements drawn above labels (not trust boundaries). */
export function createLabelPlacer(boxes: readonly Rect[]): LabelPlacer {
  const cells = new Map<string, RectEdges[]>();
  for (const box of boxes) {
    const edges = getRectEdges(box);
    forEachCell(edges, (key) => {
      const list = cells.get(key);
      if (list === undefined) cells.set(key, [edges]);
      else list.push(edges);
    });
  }

  function isCovered(point: Point): boolean {
    const label: RectEdges = {
      left: point.x - LABEL_HALF_SIZE.width,
      right: point.x + LABEL_HALF_SIZE.width,
      top: point.y - LABEL_HALF_SIZE.height,
      bottom: point.y + LABEL_HALF_SIZE.height,
    };
    let isHit = false;
    forEachCell(label, (key) => {
      if (isHit) return;
      isHit = (cells.get(key) ?? []).some((box) => doEdgesOverlap(box, label));
    });
    return isHit;
  }

  return {
    getLabelPosition(from, to) {
      if (cells.size === 0) return 0.5;
      for (const position of LABEL_POSITIONS) {
        const point = {
          x: from.x + (to.x - from.x) * position,
          y: from.y + (to.y - from.y) * position,
        };
        if (!isCovered(point)) return position;
      }
      return 0.5;
    },
  };
}

function doEdgesOverlap(a: RectEdges, b: RectEdges): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Calls `visit` with the key of each index cell the box meets. */
function forEachCell(edges: RectEdges, visit: (key: string) => void): void {
  const firstColumn = Math.floor(edges.left / CELL_SIZE);
  const lastColumn = Math.floor(edges.right / CELL_SIZE);
  const firstRow = Math.floor(edges.top / CELL_SIZE);
  const lastRow = Math.floor(edges.bottom / CELL_SIZE);
  for (let column = firstColumn; column <= lastColumn; column += 1) {
    for (let row = firstRow; row <= lastRow; row += 1) visit(`${column}:${row}`);
  }
}
