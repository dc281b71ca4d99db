import * as Y from "yjs";
import { getDiagramsMap, getElementsMap, getFlowsMap } from "@/lib/model/roots";

/**
 * The transaction origin of every change made from this browser's canvas. Undo and redo only
 * ever revert changes carrying it, so nobody undoes another person's work.
 */
export const LOCAL_ORIGIN: unique symbol = Symbol("diagram-canvas");

/** Arrow-key nudges closer together than this undo as one step. */
export const NUDGE_MERGE_MS = 1_000;

/** What kind of canvas change a write is: nudges in a row merge into one undo step. */
export type CanvasWriteKind = "edit" | "nudge";

/** The undo manager of each document's canvas, and whether its last step was a nudge. */
const histories = new WeakMap<Y.Doc, { manager: Y.UndoManager; isLastNudge: boolean }>();

/**
 * Runs `write` as one transaction of this canvas: one undo step, whatever it changes; a nudge
 * within NUDGE_MERGE_MS of the previous nudge (with nothing else between) joins its step.
 */
export function writeFromCanvas<T>(doc: Y.Doc, write: () => T, kind: CanvasWriteKind = "edit"): T {
  const history = histories.get(doc);
  if (!history) return doc.transact(() => write(), LOCAL_ORIGIN);
  // The manager merges into its last step what comes within captureTimeout of it.
  history.manager.captureTimeout = kind === "nudge" && history.isLastNudge ? NUDGE_MERGE_MS : 0;
  try {
    return doc.transact(() => write(), LOCAL_ORIGIN);
  } finally {
    history.manager.captureTimeout = 0;
    history.isLastNudge = kind === "nudge";
  }
}

/**
 * An undo manager over the diagrams, elements and data flows that tracks only changes made
 * through `writeFromCanvas`. Each transaction is its own step, so a whole drag, a paste or a
 * delete undoes at once and two quick edits undo one by one; only arrow-key nudges in a row
 * merge (see writeFromCanvas).
 */
export function createCanvasUndoManager(doc: Y.Doc): Y.UndoManager {
  const manager = new Y.UndoManager([getDiagramsMap(doc), getElementsMap(doc), getFlowsMap(doc)], {
    trackedOrigins: new Set([LOCAL_ORIGIN]),
    captureTimeout: 0,
  });
  histories.set(doc, { manager, isLastNudge: false });
  manager.on("stack-item-popped", () => {
    const history = histories.get(doc);
    if (history) history.isLastNudge = false;
  });
  const destroy = manager.destroy.bind(manager);
  manager.destroy = () => {
    if (histories.get(doc)?.manager === manager) histories.delete(doc);
    destroy();
  };
  return manager;
}
