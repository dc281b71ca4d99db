"use client";

import { useCallback, useEffect, useState } from "react";
import type * as Y from "yjs";

/** Undo and redo of this person's own canvas changes, and whether each is possible now. */
export interface CanvasHistory {
  canUndo: boolean;
  canRedo: boolean;
  undo: () => void;
  redo: () => void;
}

/** Follows an undo manager's stacks (see createCanvasUndoManager). */
export function useCanvasHistory(undoManager: Y.UndoManager): CanvasHistory {
  const [state, setState] = useState({ canUndo: false, canRedo: false });

  useEffect(() => {
    const update = () =>
      setState({ canUndo: undoManager.canUndo(), canRedo: undoManager.canRedo() });
    update();
    undoManager.on("stack-item-added", update);
    undoManager.on("stack-item-popped", update);
    undoManager.on("stack-cleared", update);
    return () => {
      undoManager.off("stack-item-added", update);
      undoManager.off("stack-item-popped", update);
      undoManager.off("stack-cleared", update);
    };
  }, [undoManager]);

  const undo = useCallback(() => void undoManager.undo(), [undoManager]);
  const redo = useCallback(() => void undoManager.redo(), [undoManager]);
  return { ...state, undo, redo };
}
