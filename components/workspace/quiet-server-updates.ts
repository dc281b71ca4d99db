import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

/** y-websocket's message type for sync messages. */
const MESSAGE_SYNC = 0;

type UpdateListener = (update: Uint8Array, origin: unknown) => void;

/**
 * Makes `provider` apply the server's updates (its answer to the first sync request, and every
 * update after) without Yjs encoding each of their transactions back into bytes.
 *
 * Why: while any "update" listener is registered, Yjs encodes every transaction into an update
 * for it. The updates the provider applies come from the server, and the only "update"
 * listeners of the workspace, `ignoringServer` (the provider's own, which sends local edits,
 * and the session's unsynced-changes check), ignore them by their origin, the provider. At the
 * first sync of a large model that encoding is the whole document again: tens of milliseconds
 * of an open, for bytes nobody reads.
 *
 * What it promises:
 * - The document, its observers and the provider's sync state end up exactly as with the
 *   provider's own handler: the same update is applied with the provider as origin, and
 *   "synced" is set (and announced) after the first sync step 2, as y-websocket does, once the
 *   listeners are back.
 * - Nothing local is lost: an edit made while a server update is applied (by an observer that
 *   writes) reaches `ignoringServer` as an update holding it, so it is sent to the server.
 * - Sync step 1 (the server asking what this client has) goes to the provider's own handler,
 *   and so does a message whose type cannot be read. An update that cannot be applied is
 *   reported and changes nothing, as y-protocols does.
 */
export function applyServerUpdatesQuietly(
  provider: WebsocketProvider,
  ignoringServer: UpdateListener[],
): void {
  const doc = provider.doc;
  const ownHandler = provider.messageHandlers[MESSAGE_SYNC];
  if (!ownHandler) return;
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, _provider, emitSynced, type) => {
    const update = readServerUpdate(decoder);
    if (update === null) {
      ownHandler(encoder, decoder, provider, emitSynced, type);
      return;
    }
    const localEdits: Y.Transaction[] = [];
    const noteLocalEdit = (transaction: Y.Transaction) => {
      if (transaction.origin !== provider) localEdits.push(transaction);
    };
    // Only those still listening: after destroy() the provider's own is gone for good.
    const registered = doc._observers.get("update");
    const paused = ignoringServer.filter((listener) => registered?.has(listener) === true);
    for (const listener of paused) doc.off("update", listener);
    doc.on("afterTransaction", noteLocalEdit);
    try {
      syncProtocol.readSyncStep2(decoding.createDecoder(update.message), doc, provider);
    } finally {
      doc.off("afterTransaction", noteLocalEdit);
      if (!doc.isDestroyed) for (const listener of paused) doc.on("update", listener);
    }
    for (const transaction of localEdits) {
      // Everything the document gained since the edit's transaction began: the edit, and
      // perhaps some of the server's update again, which the server ignores.
      const edit = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(transaction.beforeState));
      for (const listener of paused) listener(edit, transaction.origin);
    }
    if (update.isStep2 && emitSynced && !provider.synced) provider.synced = true;
  };
}

/**
 * A sync step 2 or update from the server: the rest of the message, as y-protocols'
 * readSyncStep2 reads it, and which of the two it was. Null for anything else (sync step 1),
 * or when the type cannot be read; the decoder is then left where it was.
 */
function readServerUpdate(
  decoder: decoding.Decoder,
): { message: Uint8Array; isStep2: boolean } | null {
  const start = decoder.pos;
  try {
    const syncType = decoding.readVarUint(decoder);
    if (
      syncType !== syncProtocol.messageYjsSyncStep2 &&
      syncType !== syncProtocol.messageYjsUpdate
    ) {
      decoder.pos = start;
      return null;
    }
    return {
      message: decoder.arr.subarray(decoder.pos),
      isStep2: syncType === syncProtocol.messageYjsSyncStep2,
    };
  } catch {
    decoder.pos = start;
    return null;
  }
}
