"use client";

import { useMemo, type Dispatch, type SetStateAction } from "react";
import type * as Y from "yjs";
import type { CanvasActions, RenameTarget } from "./canvas-context";
import { renameTarget } from "./diagram-commands";
import type { CanvasWrite } from "./diagram-editor-types";
import type { ElementGeometry } from "./diagram-mapping";

/** The actions the canvas's nodes and edges reach through CanvasActionsContext. */
export function useCanvasActions(options: {
  doc: Y.Doc;
  isReadOnly: boolean;
  /** The diagram's layer: processes on the deepest one cannot be zoomed into. */
  layer: number;
  write: CanvasWrite;
  openSubDiagram: (processId: string) => void;
  setEditing: Dispatch<SetStateAction<RenameTarget | null>>;
  updateLocalDrags: (change: (current: Map<string, ElementGeometry>) => void) => void;
  commitGeometries: (geometries: ReadonlyMap<string, ElementGeometry>) => void;
}): CanvasActions {
  const {
    doc,
    isReadOnly,
    layer,
    write,
    openSubDiagram,
    setEditing,
    updateLocalDrags,
    commitGeometries,
  } = options;
  return useMemo<CanvasActions>(
    () => ({
      isReadOnly,
      canZoomIn: layer < 3,
      commitRename(target, name) {
        setEditing(null);
        write(() => renameTarget(doc, target, name), "The name could not be changed.");
      },
      cancelRename: () => setEditing(null),
      openSubDiagram,
      previewGeometry(id, geometry) {
        if (isReadOnly) return;
        updateLocalDrags((current) => current.set(id, geometry));
      },
      commitGeometry(id, geometry) {
        updateLocalDrags((current) => current.delete(id));
        commitGeometries(new Map([[id, geometry]]));
      },
    }),
    [isReadOnly, layer, doc, write, openSubDiagram, commitGeometries, updateLocalDrags, setEditing],
  );
}
