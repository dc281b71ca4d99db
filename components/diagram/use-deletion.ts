"use client";

import { useState, type Dispatch, type SetStateAction } from "react";
import type * as Y from "yjs";
import { applyDeletion, planDeletion, type DeletionPlan } from "./diagram-commands";
import type { CanvasWrite, EditorSelection } from "./diagram-editor-types";

/** Deleting the selection, with a confirmation first when threats would lose their target. */
export function useDeletion(options: {
  doc: Y.Doc;
  diagramId: string;
  isReadOnly: boolean;
  selection: EditorSelection;
  write: CanvasWrite;
  setSelectedIds: Dispatch<SetStateAction<ReadonlySet<string>>>;
}): {
  /** A deletion waiting for confirmation, or null. */
  pendingDeletion: DeletionPlan | null;
  requestDeletion: () => void;
  deleteNow: (plan: DeletionPlan) => void;
  cancelDeletion: () => void;
} {
  const { doc, diagramId, isReadOnly, selection, write, setSelectedIds } = options;
  const [pendingDeletion, setPendingDeletion] = useState<DeletionPlan | null>(null);

  function requestDeletion() {
    if (isReadOnly) return;
    if (selection.elementIds.length === 0 && selection.flowIds.length === 0) return;
    const plan = planDeletion(doc, diagramId, selection.elementIds, selection.flowIds);
    if (plan.affectedThreatCount > 0) setPendingDeletion(plan);
    else deleteNow(plan);
  }

  function deleteNow(plan: DeletionPlan) {
    write(() => applyDeletion(doc, plan), "The selection could not be deleted.");
    setSelectedIds(new Set());
  }

  return {
    pendingDeletion,
    requestDeletion,
    deleteNow,
    cancelDeletion: () => setPendingDeletion(null),
  };
}
