import type { PaletteItem } from "./diagram-commands";

/** What a key press on the canvas asks for. */
export type CanvasCommand =
  | { type: "add"; item: PaletteItem }
  | { type: "rename" }
  | { type: "delete" }
  | { type: "copy" }
  | { type: "paste" }
  | { type: "duplicate" }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "select-all" }
  | { type: "fit-view" }
  | { type: "open-sub-diagram" }
  | { type: "help" };

/** The parts of a keyboard event the shortcuts read. */
export interface ShortcutKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const ADD_KEYS: Record<string, PaletteItem> = {
  e: "external-entity",
  p: "process",
  d: "data-store",
  b: "boundary-box",
  l: "boundary-line",
};

/**
 * The command of a key press, or null. Ctrl and Cmd are the same modifier, so the shortcuts
 * work on every platform; Alt combinations are left to the browser and assistive technology.
 */
export function getCanvasCommand(event: ShortcutKey): CanvasCommand | null {
  if (event.altKey) return null;
  const key = event.key.toLowerCase();
  if (event.ctrlKey || event.metaKey) {
    switch (key) {
      case "c":
        return { type: "copy" };
      case "v":
        return { type: "paste" };
      case "d":
        return { type: "duplicate" };
      case "z":
        return event.shiftKey ? { type: "redo" } : { type: "undo" };
      case "y":
        return { type: "redo" };
      case "a":
        return { type: "select-all" };
      default:
        return null;
    }
  }
  switch (event.key) {
    case "Enter":
    case "F2":
      return { type: "rename" };
    case "Delete":
    case "Backspace":
      return { type: "delete" };
    case "?":
      return { type: "help" };
  }
  if (event.shiftKey) return key === "1" || event.key === "!" ? { type: "fit-view" } : null;
  if (key === "o") return { type: "open-sub-diagram" };
  const item = ADD_KEYS[key];
  return item === undefined ? null : { type: "add", item };
}

/** The shortcuts as the keyboard help lists them. */
export const SHORTCUT_HELP: readonly { keys: string; action: string }[] = [
  { keys: "E", action: "Add an external entity" },
  { keys: "P", action: "Add a process" },
  { keys: "D", action: "Add a data store" },
  { keys: "B", action: "Add a trust boundary box" },
  { keys: "L", action: "Add a trust boundary line" },
  { keys: "Enter or F2", action: "Rename the selected element or data flow" },
  { keys: "Escape", action: "Cancel renaming" },
  { keys: "Delete or Backspace", action: "Delete the selection" },
  { keys: "Ctrl+C", action: "Copy the selection" },
  { keys: "Ctrl+V", action: "Paste" },
  { keys: "Ctrl+D", action: "Duplicate the selection" },
  { keys: "Ctrl+A", action: "Select everything" },
  { keys: "Ctrl+Z", action: "Undo your last change" },
  { keys: "Ctrl+Shift+Z or Ctrl+Y", action: "Redo" },
  { keys: "O", action: "Open the selected process's sub-diagram" },
  { keys: "Shift+1", action: "Zoom to fit" },
  { keys: "Arrow keys", action: "Move the selected elements" },
  { keys: "Shift+click or Shift+drag", action: "Select several" },
  { keys: "?", action: "Show these shortcuts" },
];
