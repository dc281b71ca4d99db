import * as Y from "yjs";

/** True when Yjs holds structs or deletions of the document back, waiting for what they need. */
export function hasPendingContent(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/**
 * The document's state as an update (all of it, or what `stateVector` lacks), without the
 * structs and deletions Yjs holds back as pending because what they depend on never arrived.
 *
 * Yjs's own encoding sends pending content along. From an honest peer that is harmless, but a
 * malformed update (e.g. an item whose origin lies ahead of it in its own client's clock) stays
 * pending here while a peer that receives it merged into one update may integrate it: the
 * peer and the server then disagree for good. So the server sends exactly what it integrated;
 * when the missing dependencies do arrive, the content integrates here and reaches everyone as
 * an ordinary change.
 */
export function encodeIntegratedState(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const { store } = doc;
  const { pendingStructs, pendingDs } = store;
  if (pendingStructs === null && pendingDs === null) {
    return Y.encodeStateAsUpdate(doc, stateVector);
  }
  store.pendingStructs = null;
  store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    store.pendingStructs = pendingStructs;
    store.pendingDs = pendingDs;
  }
}
