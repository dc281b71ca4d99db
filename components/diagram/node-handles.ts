import { Position, type NodeHandle } from "@xyflow/react";
import type { ElementNodeType } from "./diagram-mapping";

/*
 * Where each node's connection handles are, worked out from its size, so React Flow knows them
 * before it draws the node. Without them (and the node's size, given as measured: a node is
 * drawn at exactly its width and height) React Flow draws every node once, wherever it is, only
 * to measure it, and draws no flow until then: on a large diagram that first drawing of
 * hundreds of nodes, most of them out of view, was the longest part of an open, and a node
 * whose record changed was drawn and measured again even out of view. With them it draws only
 * what is in view, flows included.
 *
 * The figures follow how canvas-nodes.tsx draws the handles: each is a square centred on the
 * middle of a side of the shape's padding box (React Flow's handle styles), inside the shape's
 * border. A browser test (canvas-open.spec.ts) compares them with the handles as drawn.
 */

/** The side of an element's connection handle, in canvas units. */
export const ELEMENT_HANDLE_SIZE = 10;
/** The side of a parent flow stub's handle. */
export const STUB_HANDLE_SIZE = 12;

/** The four sides an element can be connected on, in the order they are drawn. */
export const ELEMENT_HANDLE_POSITIONS = [
  Position.Top,
  Position.Right,
  Position.Bottom,
  Position.Left,
] as const;

/** The border widths of an element's shape, which the handles sit inside. */
interface Borders {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

const ALL_SIDES_2: Borders = { top: 2, right: 2, bottom: 2, left: 2 };

/**
 * Border widths of each shape (canvas-nodes.tsx: `border-2`, and `border-y-2` for a data
 * store). Trust boundaries have no handles.
 */
const SHAPE_BORDERS: Record<"external-entity" | "process" | "data-store", Borders> = {
  "external-entity": ALL_SIDES_2,
  process: ALL_SIDES_2,
  "data-store": { top: 2, right: 0, bottom: 2, left: 0 },
};

/** The centre of the handle on `side` of a box with `borders`. */
function getHandleCentre(
  side: Position,
  width: number,
  height: number,
  borders: Borders,
): { x: number; y: number } {
  const middleX = borders.left + (width - borders.left - borders.right) / 2;
  const middleY = borders.top + (height - borders.top - borders.bottom) / 2;
  switch (side) {
    case Position.Top:
      return { x: middleX, y: borders.top };
    case Position.Right:
      return { x: width - borders.right, y: middleY };
    case Position.Bottom:
      return { x: middleX, y: height - borders.bottom };
    case Position.Left:
      return { x: borders.left, y: middleY };
  }
}

function toHandle(
  id: string,
  side: Position,
  centre: { x: number; y: number },
  size: number,
): NodeHandle {
  return {
    id,
    type: "source",
    position: side,
    x: centre.x - size / 2,
    y: centre.y - size / 2,
    width: size,
    height: size,
  };
}

/** The handles of an element node of `type` drawn `width` by `height`; none for boundaries. */
export function getElementHandles(
  type: ElementNodeType,
  width: number,
  height: number,
): NodeHandle[] {
  if (type === "boundary-box" || type === "boundary-line") return [];
  const borders = SHAPE_BORDERS[type];
  return ELEMENT_HANDLE_POSITIONS.map((side) =>
    toHandle(side, side, getHandleCentre(side, width, height, borders), ELEMENT_HANDLE_SIZE),
  );
}

/** The one handle of a parent flow stub: on its right when the flow comes in, else its left. */
export function getStubHandles(
  direction: "in" | "out",
  width: number,
  height: number,
): NodeHandle[] {
  const side = direction === "in" ? Position.Right : Position.Left;
  const noBorders = { top: 0, right: 0, bottom: 0, left: 0 };
  return [
    toHandle("stub", side, getHandleCentre(side, width, height, noBorders), STUB_HANDLE_SIZE),
  ];
}
