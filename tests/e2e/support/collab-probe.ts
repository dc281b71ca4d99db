import type { Page } from "@playwright/test";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { COLLAB_PATH_PREFIX } from "@/lib/collab/close-codes";
import { SCHEMA_VERSION } from "@/lib/model/document";
import { addThreat, listThreats, type Threat } from "@/lib/model/threats";

/** The y-websocket message type of sync messages (the first varuint of a message). */
const MESSAGE_SYNC = 0;
const PROBE_TIMEOUT_MS = 10_000;

function encodeSyncMessage(write: (encoder: encoding.Encoder) => void): number[] {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  write(encoder);
  return Array.from(encoding.toUint8Array(encoder));
}

/** The document update of a sync-step-2 message, or null for any other message. */
function readSyncStep2(message: readonly number[]): Uint8Array | null {
  const decoder = decoding.createDecoder(Uint8Array.from(message));
  if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return null;
  if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return null;
  return decoding.readVarUint8Array(decoder);
}

/**
 * Bypasses the UI to check what the server accepts from a page's session: opens a raw
 * websocket from inside the page (so it carries that page's session cookie and Origin, like
 * the app's own), sends a Yjs update that adds a threat titled `title`, then asks for the
 * server's whole document (sync step 1 with an empty state vector). The server handles a
 * connection's messages in order, so its answer shows whether it applied the update.
 * Returns the threats of the server's document.
 */
export async function pushThreatPastTheUi(
  page: Page,
  options: { modelId: string; title: string; authorId: string },
): Promise<Threat[]> {
  const forged = new Y.Doc();
  addThreat(forged, { title: options.title, category: "tampering" }, options.authorId);
  const serverDoc = await pushUpdatePastTheUi(page, {
    modelId: options.modelId,
    update: Y.encodeStateAsUpdate(forged),
  });
  return listThreats(serverDoc);
}

/**
 * Sends a raw Yjs update from the page's session (see pushThreatPastTheUi), e.g. one built
 * with the lib/model accessors on a fresh Y.Doc, and returns the server's document after it.
 */
export async function pushUpdatePastTheUi(
  page: Page,
  options: { modelId: string; update: Uint8Array },
): Promise<Y.Doc> {
  const messages = [
    encodeSyncMessage((encoder) => syncProtocol.writeUpdate(encoder, options.update)),
    encodeSyncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, new Y.Doc())),
  ];
  const path = `${COLLAB_PATH_PREFIX}${encodeURIComponent(options.modelId)}?schema=${SCHEMA_VERSION}`;

  const received = await page.evaluate(
    ({ path, messages, timeoutMs }) =>
      new Promise<number[][]>((resolve, reject) => {
        const socket = new WebSocket(`ws://${window.location.host}${path}`);
        socket.binaryType = "arraybuffer";
        const all: number[][] = [];
        const timer = window.setTimeout(() => {
          socket.close();
          reject(new Error("no sync-step-2 answer from the server"));
        }, timeoutMs);
        socket.onopen = () => {
          for (const message of messages) socket.send(Uint8Array.from(message));
        };
        socket.onmessage = (event: MessageEvent<ArrayBuffer>) => {
          const bytes = Array.from(new Uint8Array(event.data));
          all.push(bytes);
          // [0, 1, …]: a sync message of type step 2, the answer to our step 1.
          if (bytes[0] === 0 && bytes[1] === 1) {
            window.clearTimeout(timer);
            socket.close();
            resolve(all);
          }
        };
        socket.onclose = (event) => {
          window.clearTimeout(timer);
          reject(new Error(`the server closed the probe socket (${event.code} ${event.reason})`));
        };
      }),
    { path, messages, timeoutMs: PROBE_TIMEOUT_MS },
  );

  const serverDoc = new Y.Doc();
  for (const message of received) {
    const update = readSyncStep2(message);
    if (update) Y.applyUpdate(serverDoc, update);
  }
  return serverDoc;
}
