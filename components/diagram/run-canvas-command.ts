import type { RenameTarget } from "./canvas-context";
import type { PaletteItem } from "./diagram-commands";
import type { CanvasCommand } from "./keyboard-shortcuts";

/** What the canvas's keyboard commands can do, and the state that allows them. */
export interface CanvasCommandHandlers {
  isReadOnly: boolean;
  selectedCount: number;
  /** The process selected alone, or null. */
  selectedProcessId: string | null;
  /** The element or flow whose node or edge holds the event's target. */
  getFocusedTarget: (target: EventTarget | null) => RenameTarget | null;
  addItem: (item: PaletteItem) => void;
  startRename: (focused: RenameTarget | null) => void;
  requestDeletion: () => void;
  /** Copies the selection; false when there was nothing to copy. */
  copy: () => boolean;
  paste: () => void;
  undo: () => void;
  redo: () => void;
  selectAll: () => void;
  fitView: () => void;
  openSubDiagram: (processId: string) => void;
  toggleHelp: () => void;
}

/**
 * Runs a keyboard command on the canvas; returns whether it applied (the key press is then
 * consumed). Changes are refused on a read-only canvas, and commands that need a selection
 * do nothing without one.
 */
export function runCanvasCommand(
  command: CanvasCommand,
  event: Pick<KeyboardEvent, "key" | "target">,
  handlers: CanvasCommandHandlers,
): boolean {
  const { isReadOnly } = handlers;
  switch (command.type) {
    case "add":
      if (isReadOnly) return false;
      handlers.addItem(command.item);
      return true;
    case "rename": {
      const focused = event.key === "Enter" ? handlers.getFocusedTarget(event.target) : null;
      if (isReadOnly || (focused === null && handlers.selectedCount !== 1)) return false;
      handlers.startRename(focused);
      return true;
    }
    case "delete":
      if (isReadOnly || handlers.selectedCount === 0) return false;
      handlers.requestDeletion();
      return true;
    case "copy":
      return handlers.copy();
    case "paste":
      if (isReadOnly) return false;
      handlers.paste();
      return true;
    case "duplicate":
      if (isReadOnly || !handlers.copy()) return false;
      handlers.paste();
      return true;
    case "undo":
      if (isReadOnly) return false;
      handlers.undo();
      return true;
    case "redo":
      if (isReadOnly) return false;
      handlers.redo();
      return true;
    case "select-all":
      handlers.selectAll();
      return true;
    case "fit-view":
      handlers.fitView();
      return true;
    case "open-sub-diagram":
      if (handlers.selectedProcessId === null) return false;
      handlers.openSubDiagram(handlers.selectedProcessId);
      return true;
    case "help":
      handlers.toggleHelp();
      return true;
  }
}
