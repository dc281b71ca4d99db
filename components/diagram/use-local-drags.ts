"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { NodeChange } from "@xyflow/react";
import type * as Y from "yjs";
import type { DiagramElement } from "@/lib/model/element-records";
import type { SelectChange } from "./canvas-selection";
import { storeGeometries } from "./diagram-commands";
import type { CanvasWrite } from "./diagram-editor-types";
import type { CanvasNode, ElementGeometry } from "./diagram-mapping";
import { isTextEntry } from "./keyboard-target";
import { reduceNodeChanges } from "./node-changes";

/** A position change this soon after an arrow key is that key's nudge. */
const NUDGE_AFTER_KEY_MS = 250;

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

  // Arrow keys move the selected elements (React Flow's own handling): such moves are nudges,
  // and nudges in a row undo as one step.
  const lastArrowKeyAt = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    const noteArrowKey = (event: KeyboardEvent) => {
      if (event.key.startsWith("Arrow") && !isTextEntry(event.target)) {
        lastArrowKeyAt.current = performance.now();
      }
    };
    window.addEventListener("keydown", noteArrowKey, true);
    return () => window.removeEventListener("keydown", noteArrowKey, true);
  }, []);

  const commitGeometries = useCallback(
    (geometries: ReadonlyMap<string, ElementGeometry>) => {
      if (geometries.size === 0) return;
      const isNudge = performance.now() - lastArrowKeyAt.current < NUDGE_AFTER_KEY_MS;
      write(
        () => storeGeometries(doc, geometries),
        "The new position could not be saved.",
        isNudge ? "nudge" : "edit",
      );
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
