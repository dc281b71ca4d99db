"use client";

import { useCallback, useRef, useState } from "react";
import type { NodeChange } from "@xyflow/react";
import type * as Y from "yjs";
import type { DiagramElement } from "@/lib/model/element-records";
import type { SelectChange } from "./canvas-selection";
import { storeGeometries } from "./diagram-commands";
import type { CanvasWrite } from "./diagram-editor-types";
import type { CanvasNode, ElementGeometry } from "./diagram-mapping";
import { reduceNodeChanges } from "./node-changes";

const NO_GEOMETRIES: ReadonlyMap<string, ElementGeometry> = new Map();

/** Drags and resizes in progress on this canvas, and how finished ones are stored. */
export interface LocalDrags {
  /** Geometries shown while this person drags or resizes, before they are stored. */
  localDrags: ReadonlyMap<string, ElementGeometry>;
  updateLocalDrags: (change: (current: Map<string, ElementGeometry>) => void) => void;
  /** Stores geometries in the document as one undo step (nothing when empty). */
  commitGeometries: (geometries: ReadonlyMap<string, ElementGeometry>) => void;
  /** React Flow's node changes: selection, live drags, and drags that ended. */
  handleNodesChange: (changes: NodeChange<CanvasNode>[]) => void;
}

/** Follows this person's drags and resizes, and stores each one when it ends. */
export function useLocalDrags(options: {
  doc: Y.Doc;
  isReadOnly: boolean;
  elementsById: ReadonlyMap<string, DiagramElement>;
  write: CanvasWrite;
  applySelectionChanges: (changes: readonly SelectChange[]) => void;
}): LocalDrags {
  const { doc, isReadOnly, elementsById, write, applySelectionChanges } = options;
  const [localDrags, setLocalDrags] = useState<ReadonlyMap<string, ElementGeometry>>(NO_GEOMETRIES);
  // Read by change handlers that may run twice before a render (a resize moves, then sizes).
  const localDragsRef = useRef(localDrags);
  const updateLocalDrags = useCallback(
    (change: (current: Map<string, ElementGeometry>) => void) => {
      const next = new Map(localDragsRef.current);
      change(next);
      localDragsRef.current = next;
      setLocalDrags(next);
    },
    [],
  );

  const commitGeometries = useCallback(
    (geometries: ReadonlyMap<string, ElementGeometry>) => {
      if (geometries.size === 0) return;
      write(() => storeGeometries(doc, geometries), "The new position could not be saved.");
    },
    [doc, write],
  );

  function handleNodesChange(changes: NodeChange<CanvasNode>[]) {
    const { selectionChanges, nextDrags, commits } = reduceNodeChanges(changes, {
      elementsById,
      isReadOnly,
      localDrags: localDragsRef.current,
    });
    applySelectionChanges(selectionChanges);
    if (nextDrags) {
      updateLocalDrags((current) => {
        current.clear();
        for (const [id, geometry] of nextDrags) current.set(id, geometry);
      });
    }
    commitGeometries(commits);
  }

  return { localDrags, updateLocalDrags, commitGeometries, handleNodesChange };
}
