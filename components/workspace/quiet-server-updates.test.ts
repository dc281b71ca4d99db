import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { afterEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { applyServerUpdatesQuietly } from "./quiet-server-updates";

const MESSAGE_SYNC = 0;
const providers: WebsocketProvider[] = [];

afterEach(() => {
  for (const provider of providers.splice(0)) {
    provider.destroy();
    provider.doc.destroy();
  }
});

/** A provider that never connects; messages are handed to its sync handler directly. */
function createProvider(): WebsocketProvider {
  const provider = new WebsocketProvider("ws://127.0.0.1:9", "model", new Y.Doc(), {
    connect: false,
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  providers.push(provider);
  return provider;
}

/**
 * A provider applying the server's updates quietly, with a second "update" listener that
 * ignores them as the session's does; `calls` holds the origin of every update it was given.
 */
function createQuietProvider(): { provider: WebsocketProvider; calls: unknown[] } {
  const provider = createProvider();
  const calls: unknown[] = [];
  const listener = (_update: Uint8Array, origin: unknown) => calls.push(origin);
  provider.doc.on("update", listener);
  applyServerUpdatesQuietly(provider, [provider._updateHandler, listener]);
  return { provider, calls };
}

/** Hands `message` (a sync message without its type byte) to the provider's sync handler. */
function receive(provider: WebsocketProvider, message: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  const handler = provider.messageHandlers[MESSAGE_SYNC];
  if (!handler) throw new Error("no sync handler");
  handler(encoder, decoding.createDecoder(message), provider, true, MESSAGE_SYNC);
  return encoding.toUint8Array(encoder);
}

function syncStep2(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  syncProtocol.writeSyncStep2(encoder, doc);
  return encoding.toUint8Array(encoder);
}

function serverDocument(): Y.Doc {
  const server = new Y.Doc();
  const elements = server.getMap<Y.Map<unknown>>("elements");
  for (let index = 0; index < 50; index += 1) {
    const element = new Y.Map<unknown>();
    element.set("name", `Element ${index}`);
    elements.set(`e${index}`, element);
  }
  return server;
}

describe("applyServerUpdatesQuietly", () => {
  it("applies the server's state without calling the listeners that ignore it, then marks synced", () => {
    const { provider, calls } = createQuietProvider();
    const syncStates: boolean[] = [];
    provider.on("sync", (isSynced: boolean) => syncStates.push(isSynced));

    const server = serverDocument();
    receive(provider, syncStep2(server));

    expect(provider.doc.getMap("elements").size).toBe(50);
    expect(calls).toEqual([]);
    expect(syncStates).toEqual([true]);
    // The listeners are back: a local edit reaches them.
    provider.doc.getMap("elements").delete("e1");
    expect(calls).toEqual([null]);
  });

  it("passes on an edit an observer makes while the server's update is applied", () => {
    const provider = createProvider();
    const edits: Uint8Array[] = [];
    const listener = (update: Uint8Array, origin: unknown) => {
      if (origin !== provider) edits.push(update);
    };
    provider.doc.on("update", listener);
    applyServerUpdatesQuietly(provider, [provider._updateHandler, listener]);
    const elements = provider.doc.getMap<Y.Map<unknown>>("elements");
    // A repair made on sight, as a document migration might.
    elements.observe((event) => {
      if (event.transaction.origin === provider && !provider.doc.getMap("meta").has("seen")) {
        provider.doc.transact(() => provider.doc.getMap("meta").set("seen", true), "repair");
      }
    });

    const server = serverDocument();
    receive(provider, syncStep2(server));

    expect(provider.doc.getMap("meta").get("seen")).toBe(true);
    expect(edits.length).toBeGreaterThan(0);
    for (const edit of edits) Y.applyUpdate(server, edit);
    expect(server.getMap("meta").get("seen")).toBe(true);
    expect(server.getMap("elements").size).toBe(50);
  });

  it("leaves sync step 1 to the provider, which answers with what the server lacks", () => {
    const provider = createProvider();
    applyServerUpdatesQuietly(provider, [provider._updateHandler]);
    provider.doc.getMap("meta").set("title", "Local");
    const request = encoding.createEncoder();
    syncProtocol.writeSyncStep1(request, new Y.Doc());

    const answer = receive(provider, encoding.toUint8Array(request));

    const decoder = decoding.createDecoder(answer);
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SYNC);
    expect(decoding.readVarUint(decoder)).toBe(syncProtocol.messageYjsSyncStep2);
    const server = new Y.Doc();
    Y.applyUpdate(server, decoding.readVarUint8Array(decoder));
    expect(server.getMap("meta").get("title")).toBe("Local");
  });

  it("applies later updates quietly too, and one cut short changes nothing", () => {
    const { provider, calls } = createQuietProvider();
    const server = serverDocument();
    receive(provider, syncStep2(server));

    let update: Uint8Array = new Uint8Array();
    server.on("update", (bytes: Uint8Array) => (update = bytes));
    server.getMap("meta").set("title", "From the server");
    const message = encoding.createEncoder();
    syncProtocol.writeUpdate(message, update);
    receive(provider, encoding.toUint8Array(message));
    expect(provider.doc.getMap("meta").get("title")).toBe("From the server");
    expect(calls).toEqual([]);

    const whole = encoding.toUint8Array(message);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    receive(provider, whole.subarray(0, whole.length - 3));
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
    expect(provider.doc.getMap("meta").get("title")).toBe("From the server");
    expect(calls).toEqual([]);
  });
});
