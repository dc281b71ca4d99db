/**
 * A y-websocket protocol client with its own Y.Doc, as lean as the protocol allows: it syncs
 * (step 1 and 2), sends its local updates, applies remote ones and announces one presence.
 * The same code talks to every server the bench compares.
 */
import WebSocket from "ws";
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

/** A connected client. */
export interface ProtocolClient {
  doc: Y.Doc;
  socket: WebSocket;
  /** Resolves once the socket is open. */
  opened: Promise<void>;
  /** Resolves once the server (or a peer) answered with sync step 2. */
  synced: Promise<void>;
  /** Close codes received, for reporting unexpected closes. */
  closeCodes: number[];
  close(): void;
}

/**
 * Connects to `url`. `onRemoteChange` runs right after each remote sync or update message has
 * been applied to the client's document.
 */
export function connectProtocolClient(options: {
  url: string;
  headers: Record<string, string>;
  name: string;
  onRemoteChange?: (doc: Y.Doc) => void;
}): ProtocolClient {
  const doc = new Y.Doc();
  const socket = new WebSocket(options.url, { headers: options.headers, perMessageDeflate: false });
  socket.binaryType = "nodebuffer";
  const closeCodes: number[] = [];
  let markSynced: () => void = () => undefined;
  let failSync: (error: Error) => void = () => undefined;
  const synced = new Promise<void>((resolve, reject) => {
    markSynced = resolve;
    failSync = reject;
  });
  const origin = { remote: true };
  const opened = new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  opened.catch(() => undefined);

  socket.on("open", () => {
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(step1, doc);
    socket.send(encoding.toUint8Array(step1));
    socket.send(encodePresence(doc.clientID, options.name));
  });
  socket.on("message", (data: Buffer) => {
    const decoder = decoding.createDecoder(
      new Uint8Array(data.buffer, data.byteOffset, data.length),
    );
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, MESSAGE_SYNC);
    const syncType = syncProtocol.readSyncMessage(decoder, reply, doc, origin);
    if (encoding.length(reply) > 1) socket.send(encoding.toUint8Array(reply));
    if (syncType === syncProtocol.messageYjsSyncStep2) markSynced();
    if (syncType !== syncProtocol.messageYjsSyncStep1) options.onRemoteChange?.(doc);
  });
  socket.on("close", (code) => {
    closeCodes.push(code);
    failSync(new Error(`closed with ${code} before syncing`));
  });
  socket.on("error", (error) => failSync(error));
  doc.on("update", (update: Uint8Array, updateOrigin: unknown) => {
    if (updateOrigin === origin || socket.readyState !== WebSocket.OPEN) return;
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, MESSAGE_SYNC);
    syncProtocol.writeUpdate(message, update);
    socket.send(encoding.toUint8Array(message));
  });
  synced.catch(() => undefined);

  return {
    doc,
    socket,
    opened,
    synced,
    closeCodes,
    close: () => {
      socket.close();
      doc.destroy();
    },
  };
}

/** An awareness message announcing one presence, as a y-websocket client sends on connect. */
function encodePresence(clientId: number, name: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, 1);
  encoding.writeVarString(update, JSON.stringify({ user: { name } }));
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
  return encoding.toUint8Array(encoder);
}
