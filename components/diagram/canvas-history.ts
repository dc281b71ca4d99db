import * as Y from "yjs";
import { getDiagramsMap, getElementsMap, getFlowsMap } from "@/lib/model/roots";

/**
 * The transaction origin of every change made from this browser's canvas. Undo and redo only
 * ever revert changes carrying it, so nobody undoes another person's work.
 */
export const LOCAL_ORIGIN: unique symbol = Symbol("diagram-canvas");

/** Runs `write` as one transaction of this canvas: one undo step, whatever it changes. */
export function writeFromCanvas<T>(doc: Y.Doc, write: () => T): T {
  return doc.transact(() => write(), LOCAL_ORIGIN);
}

/**
 * An undo manager over the diagrams, elements and data flows that tracks only changes made
 * through `writeFromCanvas`. Each transaction is its own step (no merging by time), so a whole
 * drag, a paste or a delete undoes at once and two quick edits undo one by one.
 */
export function createCanvasUndoManager(doc: Y.Doc): Y.UndoManager {
  return new Y.UndoManager([getDiagramsMap(doc), getElementsMap(doc), getFlowsMap(doc)], {
    trackedOrigins: new Set([LOCAL_ORIGIN]),
    captureTimeout: 0,
  });
}
