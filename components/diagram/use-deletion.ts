"use client";

import { useState, type Dispatch, type SetStateAction } from "react";
import type * as Y from "yjs";
import { unlinkStubElement } from "@/lib/model/stub-links";
import { applyDeletion, planDeletion, type DeletionPlan } from "./diagram-commands";
import type { CanvasWrite, EditorSelection } from "./diagram-editor-types";
import { parseStubLinkId } from "./diagram-mapping";

/**
 * Deleting the selection, with a confirmation first when threats would lose their target.
 * Selected links between stubs and inner elements are removed with it.
 */
export function useDeletion(options: {
  doc: Y.Doc;
  diagramId: string;
  isReadOnly: boolean;
  selection: EditorSelection;
  /** Every selected id, stub links included. */
  selectedIds: ReadonlySet<string>;
  write: CanvasWrite;
  setSelectedIds: Dispatch<SetStateAction<ReadonlySet<string>>>;
}): {
  /** A deletion waiting for confirmation, or null. */
  pendingDeletion: DeletionPlan | null;
  requestDeletion: () => void;
  deleteNow: (plan: DeletionPlan) => void;
  cancelDeletion: () => void;
} {
  const { doc, diagramId, isReadOnly, selection, selectedIds, write, setSelectedIds } = options;
  const [pendingDeletion, setPendingDeletion] = useState<DeletionPlan | null>(null);
  const stubLinks = [...selectedIds].flatMap((id) => parseStubLinkId(id) ?? []);

  function requestDeletion() {
    if (isReadOnly) return;
    const hasRecords = selection.elementIds.length > 0 || selection.flowIds.length > 0;
    if (!hasRecords && stubLinks.length === 0) return;
    const plan = planDeletion(doc, diagramId, selection.elementIds, selection.flowIds);
    if (plan.affectedThreatCount > 0) setPendingDeletion(plan);
    else deleteNow(plan);
  }

  function deleteNow(plan: DeletionPlan) {
    write(() => {
      for (const link of stubLinks) unlinkStubElement(doc, link.flowId, link.elementId);
      applyDeletion(doc, plan);
    }, "The selection could not be deleted.");
    setSelectedIds(new Set());
  }

  return {
    pendingDeletion,
    requestDeletion,
    deleteNow,
    cancelDeletion: () => setPendingDeletion(null),
  };
}
