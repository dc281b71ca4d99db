import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { RoomAnnouncement } from "@/server/collab/room-bus";

/**
 * Version of the messages nodes exchange; a node ignores messages of another version. A new
 * kind or announcement keeps the version: a node that does not know it ignores that message
 * only, and keeps relaying everything else with nodes of the newer code.
 */
export const ROOM_BUS_PROTOCOL_VERSION = 1;

const KIND_UPDATE = 0;
const KIND_AWARENESS = 1;
const KIND_SYNC_REQUEST = 2;
const KIND_SYNC_REPLY = 3;
const KIND_ANNOUNCEMENT = 4;
const KIND_NODE_RECONNECTED = 5;
const KIND_NOTICE = 6;

/** Announcements by wire code (their index): append only, never reorder. */
const ANNOUNCEMENTS: readonly RoomAnnouncement[] = [
  "model-deleted",
  "access-changed",
  "session-changed",
];

/** A message between nodes on a room's channel. */
export type RoomBusMessage =
  | { kind: "update"; fromNode: string; update: Uint8Array }
  | { kind: "awareness"; fromNode: string; update: Uint8Array }
  | { kind: "sync-request"; fromNode: string; stateVector: Uint8Array }
  | {
      kind: "sync-reply";
      fromNode: string;
      toNode: string;
      update: Uint8Array;
      stateVector: Uint8Array;
    }
  | { kind: "announcement"; fromNode: string; event: RoomAnnouncement }
  /** A message for the room's clients on every node (a thread changed), passed on as is. */
  | { kind: "notice"; fromNode: string; message: Uint8Array }
  /** On the nodes' common channel: a node's link came back after an outage. */
  | { kind: "node-reconnected"; fromNode: string };

/** Encodes a message as binary: version, kind, sending node, then the payload. */
export function encodeRoomBusMessage(message: RoomBusMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, ROOM_BUS_PROTOCOL_VERSION);
  switch (message.kind) {
    case "update":
    case "awareness":
      encoding.writeVarUint(encoder, message.kind === "update" ? KIND_UPDATE : KIND_AWARENESS);
      encoding.writeVarString(encoder, message.fromNode);
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case "sync-request":
      encoding.writeVarUint(encoder, KIND_SYNC_REQUEST);
      encoding.writeVarString(encoder, message.fromNode);
      encoding.writeVarUint8Array(encoder, message.stateVector);
      break;
    case "sync-reply":
      encoding.writeVarUint(encoder, KIND_SYNC_REPLY);
      encoding.writeVarString(encoder, message.fromNode);
      encoding.writeVarString(encoder, message.toNode);
      encoding.writeVarUint8Array(encoder, message.update);
      encoding.writeVarUint8Array(encoder, message.stateVector);
      break;
    case "announcement":
      encoding.writeVarUint(encoder, KIND_ANNOUNCEMENT);
      encoding.writeVarString(encoder, message.fromNode);
      encoding.writeVarUint(encoder, ANNOUNCEMENTS.indexOf(message.event));
      break;
    case "node-reconnected":
      encoding.writeVarUint(encoder, KIND_NODE_RECONNECTED);
      encoding.writeVarString(encoder, message.fromNode);
      break;
    case "notice":
      encoding.writeVarUint(encoder, KIND_NOTICE);
      encoding.writeVarString(encoder, message.fromNode);
      encoding.writeVarUint8Array(encoder, message.message);
      break;
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Decodes a message; returns null for bytes that are not a complete message of this version
 * (a node of another version, or something else published on the channel).
 */
export function decodeRoomBusMessage(data: Uint8Array): RoomBusMessage | null {
  try {
    const decoder = decoding.createDecoder(data);
    if (decoding.readVarUint(decoder) !== ROOM_BUS_PROTOCOL_VERSION) return null;
    const kind = decoding.readVarUint(decoder);
    const fromNode = decoding.readVarString(decoder);
    let message: RoomBusMessage;
    switch (kind) {
      case KIND_UPDATE:
        message = { kind: "update", fromNode, update: decoding.readVarUint8Array(decoder) };
        break;
      case KIND_AWARENESS:
        message = { kind: "awareness", fromNode, update: decoding.readVarUint8Array(decoder) };
        break;
      case KIND_SYNC_REQUEST:
        message = {
          kind: "sync-request",
          fromNode,
          stateVector: decoding.readVarUint8Array(decoder),
        };
        break;
      case KIND_SYNC_REPLY:
        message = {
          kind: "sync-reply",
          fromNode,
          toNode: decoding.readVarString(decoder),
          update: decoding.readVarUint8Array(decoder),
          stateVector: decoding.readVarUint8Array(decoder),
        };
        break;
      case KIND_ANNOUNCEMENT: {
        const event = ANNOUNCEMENTS[decoding.readVarUint(decoder)];
        if (event === undefined) return null;
        message = { kind: "announcement", fromNode, event };
        break;
      }
      case KIND_NODE_RECONNECTED:
        message = { kind: "node-reconnected", fromNode };
        break;
      case KIND_NOTICE:
        message = { kind: "notice", fromNode, message: decoding.readVarUint8Array(decoder) };
        break;
      default:
        return null;
    }
    return decoding.hasContent(decoder) ? null : message;
  } catch {
    return null;
  }
}
