/*
 * Room for an element's name inside its node. The badges straddle the node's top edge and the
 * sub-diagram button sits at the bottom: the name gets what is left between them, as many
 * whole lines as fit, and ends with an ellipsis beyond that.
 */

/** The line height of a node's name (text-sm). */
export const NAME_LINE_HEIGHT = 20;
/** Kept clear below the top edge: the lower half of the badges (20 px tall) and their ring. */
export const NAME_TOP_CLEARANCE = 12;
/** Kept clear above the bottom edge when there is no sub-diagram button. */
export const NAME_BOTTOM_CLEARANCE = 4;
/** The outline of a node, top and bottom (border-2). */
export const NODE_BORDER_WIDTH = 2;
/** The sub-diagram button's row: a 24 px button and the gap under it. */
export const ICON_ROW_HEIGHT = 30;

/** How many lines of the name fit in a node `height` tall; at least one. */
export function getNameLineCount(height: number, hasIconRow: boolean): number {
  const bottom = hasIconRow ? ICON_ROW_HEIGHT : NAME_BOTTOM_CLEARANCE;
  const room = height - 2 * NODE_BORDER_WIDTH - NAME_TOP_CLEARANCE - bottom;
  return Math.max(1, Math.floor(room / NAME_LINE_HEIGHT));
}
