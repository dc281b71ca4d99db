import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import {
  MalformedMessageError,
  decodeAwarenessUpdate,
  decodeClientMessage,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdateMessage,
} from "./protocol";

function docWithText(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, text);
  return doc;
}

describe("decodeClientMessage", () => {
  it("decodes the messages a y-websocket client sends", () => {
    const doc = docWithText("hello");
    expect(decodeClientMessage(encodeSyncStep1(doc)).type).toBe("sync-step-1");
    expect(decodeClientMessage(encodeSyncStep2(doc)).type).toBe("sync-step-2");
    const update = decodeClientMessage(encodeUpdateMessage(Y.encodeStateAsUpdate(doc)));
    expect(update.type).toBe("update");
    const copy = new Y.Doc();
    if (update.type === "update") Y.applyUpdate(copy, update.update);
    expect(copy.getText("t").toString()).toBe("hello");
    expect(decodeClientMessage(new Uint8Array([3]))).toEqual({ type: "query-awareness" });
  });

  it("refuses unknown types, truncation, trailing bytes and corrupt updates", () => {
    const valid = encodeUpdateMessage(Y.encodeStateAsUpdate(docWithText("x")));
    const bad = [
      new Uint8Array([]),
      new Uint8Array([7]),
      new Uint8Array([0, 9, 0]),
      valid.slice(0, valid.length - 2),
      new Uint8Array([...valid, 0]),
      new Uint8Array([0, 2, 4, 1, 200, 200, 200]),
      new Uint8Array([2, 0]),
    ];
    for (const frame of bad)
      expect(() => decodeClientMessage(frame)).toThrow(MalformedMessageError);
  });
});

describe("awareness entries", () => {
  it("round-trips entries and refuses non-object states", () => {
    const entries = [
      { clientId: 7, clock: 3, state: { user: { name: "Ada" } } },
      { clientId: 9, clock: 1, state: null },
    ];
    expect(decodeAwarenessUpdate(encodeAwarenessEntries(entries))).toEqual(entries);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, "[1,2]");
    expect(() => decodeAwarenessUpdate(encoding.toUint8Array(encoder))).toThrow(
      MalformedMessageError,
    );
    expect(() => decodeAwarenessUpdate(new Uint8Array([1, 1, 1, 3, 123, 123, 123]))).toThrow(
      MalformedMessageError,
    );
  });
});
