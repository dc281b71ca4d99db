"use client";

import { useRef, type Dispatch, type SetStateAction } from "react";
import type * as Y from "yjs";
import { copySelection, pasteClipboard, PASTE_OFFSET, type CanvasClipboard } from "./clipboard";
import type { CanvasWrite, EditorSelection } from "./diagram-editor-types";
import type { DiagramRecords } from "./use-diagram-records";

/**
 * Copy and paste of selected elements within this editor. Each paste of the same copy lands
 * one PASTE_OFFSET further, and the pasted elements and flows become the selection.
 */
export function useCanvasClipboard(options: {
  doc: Y.Doc;
  diagramId: string;
  records: DiagramRecords;
  selection: EditorSelection;
  write: CanvasWrite;
  setSelectedIds: Dispatch<SetStateAction<ReadonlySet<string>>>;
}): { copy: () => boolean; paste: () => void } {
  const { doc, diagramId, records, selection, write, setSelectedIds } = options;
  const clipboard = useRef<CanvasClipboard | null>(null);
  const pasteCount = useRef(0);

  /** Copies the selected elements; false when no element is selected. */
  function copy() {
    if (selection.elementIds.length === 0) return false;
    clipboard.current = copySelection(
      records.elements,
      records.flows,
      new Set(selection.elementIds),
    );
    pasteCount.current = 0;
    return true;
  }

  function paste() {
    const copied = clipboard.current;
    if (!copied || copied.elements.length === 0) return;
    pasteCount.current += 1;
    const offset = PASTE_OFFSET * pasteCount.current;
    const pasted = write(
      () => pasteClipboard(doc, copied, diagramId, offset),
      "The copied elements could not be pasted.",
    );
    if (pasted) setSelectedIds(new Set([...pasted.elementIds, ...pasted.flowIds]));
  }

  return { copy, paste };
}
