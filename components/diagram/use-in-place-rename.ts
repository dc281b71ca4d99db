"use client";

import { useState, type Dispatch, type SetStateAction } from "react";
import type { DiagramElement } from "@/lib/model/element-records";
import type { RenameTarget } from "./canvas-context";
import type { EditorSelection } from "./diagram-editor-types";

/** The element or flow being renamed in place, and how a rename starts. */
export function useInPlaceRename(options: {
  isReadOnly: boolean;
  selection: EditorSelection;
  elementsById: ReadonlyMap<string, DiagramElement>;
}): {
  editing: RenameTarget | null;
  setEditing: Dispatch<SetStateAction<RenameTarget | null>>;
  startRename: (focused: RenameTarget | null) => void;
} {
  const { isReadOnly, selection, elementsById } = options;
  const [editing, setEditing] = useState<RenameTarget | null>(null);

  /**
   * Renames in place: the element or flow that has keyboard focus when Enter was pressed on it,
   * else the one selected.
   */
  function startRename(focused: RenameTarget | null) {
    if (isReadOnly) return;
    if (focused) {
      setEditing(focused);
      return;
    }
    const [only, ...rest] = [...selection.elementIds, ...selection.flowIds];
    if (only === undefined || rest.length > 0) return;
    setEditing({ type: elementsById.has(only) ? "element" : "flow", id: only });
  }

  return { editing, setEditing, startRename };
}
