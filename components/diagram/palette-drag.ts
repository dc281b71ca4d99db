import { PALETTE_ITEMS, type PaletteItem } from "./diagram-commands";

/** The drag-and-drop data type of a palette item dragged onto the canvas. */
export const PALETTE_DRAG_TYPE = "application/x-threat-room-palette-item";

/** The palette item named by dropped data, or null for anything else. */
export function parsePaletteItem(value: string): PaletteItem | null {
  return PALETTE_ITEMS.find((item) => item === value) ?? null;
}
