"use client";

import { useCallback } from "react";
import type * as Y from "yjs";
import { getModelErrorMessage } from "@/components/threats/model-error-message";
import { useToast } from "@/components/ui/toast";
import { writeFromCanvas, type CanvasWriteKind } from "./canvas-history";
import type { CanvasWrite } from "./diagram-editor-types";

/**
 * The canvas's one way to change the document: each change is one undo step, a failure is
 * shown as a toast with `failure` as the fallback message, and the result is null then.
 */
export function useCanvasWrite(doc: Y.Doc, isReadOnly: boolean): CanvasWrite {
  const { notify } = useToast();
  // Writes are refused, not just hidden, once the connection closes or the role is read-only.
  return useCallback(
    <T>(change: () => T, failure: string, kind?: CanvasWriteKind): T | null => {
      if (isReadOnly) return null;
      try {
        return writeFromCanvas(doc, change, kind);
      } catch (caught) {
        notify({ tone: "danger", message: getModelErrorMessage(caught, failure) });
        return null;
      }
    },
    [doc, isReadOnly, notify],
  );
}
