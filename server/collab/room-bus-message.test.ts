import { describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import {
  ROOM_BUS_PROTOCOL_VERSION,
  decodeRoomBusMessage,
  encodeRoomBusMessage,
  type RoomBusMessage,
} from "@/server/collab/room-bus-message";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("room bus messages", () => {
  const messages: RoomBusMessage[] = [
    { kind: "update", fromNode: "node-a", update: bytes(1, 2, 3) },
    { kind: "awareness", fromNode: "node-a", update: bytes(4) },
    { kind: "sync-request", fromNode: "node-b", stateVector: bytes(0) },
    {
      kind: "sync-reply",
      fromNode: "node-a",
      toNode: "node-b",
      update: bytes(5, 6),
      stateVector: bytes(1, 7, 9),
    },
    { kind: "announcement", fromNode: "node-a", event: "model-deleted" },
    { kind: "announcement", fromNode: "node-b", event: "access-changed" },
    { kind: "node-reconnected", fromNode: "node-c" },
  ];

  it.each(messages)("round-trips a $kind message", (message) => {
    expect(decodeRoomBusMessage(encodeRoomBusMessage(message))).toEqual(message);
  });

  it("ignores another protocol version, unknown kinds, truncation and trailing bytes", () => {
    const encoded = encodeRoomBusMessage({ kind: "update", fromNode: "n", update: bytes(1) });
    const otherVersion = encoded.slice();
    otherVersion[0] = ROOM_BUS_PROTOCOL_VERSION + 1;
    expect(decodeRoomBusMessage(otherVersion)).toBeNull();
    expect(decodeRoomBusMessage(encoded.slice(0, -1))).toBeNull();
    expect(decodeRoomBusMessage(new Uint8Array([...encoded, 0]))).toBeNull();
    expect(decodeRoomBusMessage(new Uint8Array())).toBeNull();

    const unknownKind = encoding.createEncoder();
    encoding.writeVarUint(unknownKind, ROOM_BUS_PROTOCOL_VERSION);
    encoding.writeVarUint(unknownKind, 9);
    encoding.writeVarString(unknownKind, "n");
    expect(decodeRoomBusMessage(encoding.toUint8Array(unknownKind))).toBeNull();
  });

  it("ignores an announcement it does not know", () => {
    const announcementWithCode = (code: number) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, ROOM_BUS_PROTOCOL_VERSION);
      encoding.writeVarUint(encoder, 4);
      encoding.writeVarString(encoder, "n");
      encoding.writeVarUint(encoder, code);
      return encoding.toUint8Array(encoder);
    };
    expect(decodeRoomBusMessage(announcementWithCode(1))).toEqual({
      kind: "announcement",
      fromNode: "n",
      event: "access-changed",
    });
    expect(decodeRoomBusMessage(announcementWithCode(2))).toEqual({
      kind: "announcement",
      fromNode: "n",
      event: "session-changed",
    });
    expect(decodeRoomBusMessage(announcementWithCode(3))).toBeNull();
  });
});
