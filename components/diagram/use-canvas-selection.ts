"use client";

import { useMemo, useState, type Dispatch, type SetStateAction } from "react";
import type { DiagramElement } from "@/lib/model/element-records";
import {
  applySelectChanges,
  getSelectedProcessId,
  splitSelection,
  type SelectChange,
} from "./canvas-selection";
import type { EditorSelection } from "./diagram-editor-types";

/** This person's selection on the canvas, and the ways to change it. */
export interface CanvasSelection {
  selectedIds: ReadonlySet<string>;
  setSelectedIds: Dispatch<SetStateAction<ReadonlySet<string>>>;
  /** The selected elements and data flows of the diagram. */
  selection: EditorSelection;
  /** The process selected alone, or null. */
  selectedProcessId: string | null;
  applySelectionChanges: (changes: readonly SelectChange[]) => void;
  selectAll: () => void;
}

/** Holds the selection of the diagram whose elements and flows are given. */
export function useCanvasSelection(
  elementsById: ReadonlyMap<string, DiagramElement>,
  flowIds: ReadonlySet<string>,
): CanvasSelection {
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(() => new Set());

  const selection = useMemo(
    () => splitSelection(selectedIds, elementsById, flowIds),
    [selectedIds, elementsById, flowIds],
  );

  const selectedProcessId = useMemo(
    () => getSelectedProcessId(selection.elementIds, elementsById),
    [selection.elementIds, elementsById],
  );

  /**
   * Applies React Flow's select changes. Nodes and edges report theirs in two calls during one
   * click, so each applies to the latest selection, not to the one this render saw.
   */
  function applySelectionChanges(changes: readonly SelectChange[]) {
    if (changes.length === 0) return;
    setSelectedIds((current) => applySelectChanges(current, changes));
  }

  function selectAll() {
    setSelectedIds(new Set([...elementsById.keys(), ...flowIds]));
  }

  return {
    selectedIds,
    setSelectedIds,
    selection,
    selectedProcessId,
    applySelectionChanges,
    selectAll,
  };
}
