"use client";

import { useCallback } from "react";
import type * as Y from "yjs";
import { openSubDiagram } from "@/lib/model/diagrams";
import { useToast } from "@/components/ui/toast";
import type { CanvasWrite } from "./diagram-editor-types";
import type { NamedDiagram } from "./use-diagram-records";

/**
 * Opens a process's sub-diagram, creating it first when it has none yet (a read-only canvas
 * only says so).
 */
export function useOpenSubDiagram(options: {
  doc: Y.Doc;
  diagrams: readonly NamedDiagram[];
  isReadOnly: boolean;
  write: CanvasWrite;
  onOpenDiagram: (diagramId: string) => void;
}): (processId: string) => void {
  const { doc, diagrams, isReadOnly, write, onOpenDiagram } = options;
  const { notify } = useToast();
  return useCallback(
    (processId: string) => {
      const existing = diagrams.find((item) => item.parentElementId === processId);
      if (existing) {
        onOpenDiagram(existing.id);
        return;
      }
      if (isReadOnly) {
        notify({ tone: "info", message: "This process has no sub-diagram yet." });
        return;
      }
      const id = write(
        () => openSubDiagram(doc, processId),
        "The sub-diagram could not be opened.",
      );
      if (id) onOpenDiagram(id);
    },
    [diagrams, doc, isReadOnly, notify, onOpenDiagram, write],
  );
}
