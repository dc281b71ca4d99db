import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import {
  MAX_SESSION_COMMAND_BYTES,
  MAX_THREAD_COMMAND_BYTES,
  MESSAGE_SESSION_COMMAND,
  MESSAGE_THREAD_COMMAND,
} from "@/lib/collab/messages";
import { encodeIntegratedState } from "./integrated-state";

/** y-websocket message types (the first varuint of every message). */
/**
 * Updates larger than this are read, checked and sliced by the document worker instead of on
 * the thread serving sockets: reading and applying one of this size takes some 20 ms.
 */
export const LARGE_UPDATE_BYTES = 64 * 1024;

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** y-protocols sync sub-types. */
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** A decoded client message. */
export type ClientMessage =
  | { type: "sync-step-1"; stateVector: Uint8Array }
  | { type: "sync-step-2"; update: Uint8Array }
  | { type: "update"; update: Uint8Array }
  | { type: "awareness"; update: Uint8Array }
  | { type: "query-awareness" }
  | { type: "session-command"; json: Uint8Array }
  | { type: "thread-command"; json: Uint8Array };

/** Thrown for bytes that are not a well-formed y-websocket message. */
export class MalformedMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MalformedMessageError";
  }
}

/**
 * Decodes one y-websocket message completely, checking its structure: Yjs updates are parsed
 * (not applied) so that a corrupt update is refused before it can touch the room's document.
 * Throws MalformedMessageError for anything else, including trailing bytes.
 */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const messageType = decoding.readVarUint(decoder);
    let message: ClientMessage;
    switch (messageType) {
      case MESSAGE_SYNC: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === SYNC_STEP_1) {
          Y.decodeStateVector(payload);
          message = { type: "sync-step-1", stateVector: payload };
        } else if (syncType === SYNC_STEP_2 || syncType === SYNC_UPDATE) {
          // A large update is read by the document worker, off this thread, before it is applied.
          if (payload.byteLength <= LARGE_UPDATE_BYTES) Y.decodeUpdate(payload);
          message = { type: syncType === SYNC_STEP_2 ? "sync-step-2" : "update", update: payload };
        } else {
          throw new MalformedMessageError(`unknown sync message type ${syncType}`);
        }
        break;
      }
      case MESSAGE_AWARENESS:
        message = { type: "awareness", update: decoding.readVarUint8Array(decoder) };
        break;
      case MESSAGE_QUERY_AWARENESS:
        message = { type: "query-awareness" };
        break;
      case MESSAGE_SESSION_COMMAND: {
        // The rest of the message is the command's JSON, read by its handler.
        const json = data.subarray(decoder.pos);
        if (json.byteLength === 0 || json.byteLength > MAX_SESSION_COMMAND_BYTES) {
          throw new MalformedMessageError("session command missing or too large");
        }
        decoder.pos = data.byteLength;
        message = { type: "session-command", json };
        break;
      }
      case MESSAGE_THREAD_COMMAND: {
        const json = data.subarray(decoder.pos);
        if (json.byteLength === 0 || json.byteLength > MAX_THREAD_COMMAND_BYTES) {
          throw new MalformedMessageError("thread command missing or too large");
        }
        decoder.pos = data.byteLength;
        message = { type: "thread-command", json };
        break;
      }
      default:
        throw new MalformedMessageError(`unknown message type ${messageType}`);
    }
    if (decoding.hasContent(decoder))
      throw new MalformedMessageError("trailing bytes after the message");
    return message;
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError("undecodable message", { cause: error });
  }
}

/** One entry of an awareness update. `state` is null when the client left. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/** An awareness state over the size a client may announce. */
export class PresenceTooLargeError extends Error {
  override readonly name = "PresenceTooLargeError";
}

/**
 * Decodes an awareness update. Throws MalformedMessageError when it is not one (or has more than
 * `maxEntries` entries), PresenceTooLargeError when one state's JSON exceeds `maxStateBytes`.
 */
export function decodeAwarenessUpdate(
  update: Uint8Array,
  limits: { maxEntries?: number; maxStateBytes?: number } = {},
): AwarenessEntry[] {
  const maxEntries = limits.maxEntries ?? 64;
  const maxStateBytes = limits.maxStateBytes ?? Number.POSITIVE_INFINITY;
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > maxEntries) throw new MalformedMessageError("too many awareness entries");
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (Buffer.byteLength(json) > maxStateBytes) {
        throw new PresenceTooLargeError(`an awareness state is larger than ${maxStateBytes} bytes`);
      }
      const parsed: unknown = JSON.parse(json);
      if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed))) {
        throw new MalformedMessageError("awareness state is not an object");
      }
      entries.push({ clientId, clock, state: parsed === null ? null : { ...parsed } });
    }
    if (decoding.hasContent(decoder))
      throw new MalformedMessageError("trailing bytes after awareness");
    return entries;
  } catch (error) {
    if (error instanceof MalformedMessageError || error instanceof PresenceTooLargeError) {
      throw error;
    }
    throw new MalformedMessageError("undecodable awareness update", { cause: error });
  }
}

/** Encodes awareness entries in the y-protocols wire format. */
export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

/** A sync-step-1 message carrying the document's state vector. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP_1);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
  return encoding.toUint8Array(encoder);
}

/** A sync-step-2 message with everything the peer's state vector lacks. */
export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  return encodeSyncStep2Update(encodeIntegratedState(doc, stateVector));
}

/** A sync step 2 carrying an update the caller already encoded (e.g. a cached full state). */
export function encodeSyncStep2Update(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP_2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An update message. */
export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_UPDATE);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness message wrapping an encoded awareness update. */
export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return encoding.toUint8Array(encoder);
}
