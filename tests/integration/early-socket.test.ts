import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { WebsocketProvider } from "y-websocket";
import { getTitle, setTitle } from "@/lib/model/meta";
import {
  buildCollabSocketUrl,
  COLLAB_SOCKET_PARAMS,
  readWorkspaceModelId,
} from "@/components/workspace/collab-url";
import {
  EMPTY_SYNC_REQUEST,
  openEarlySocket,
  takeEarlySocket,
  type EarlySocket,
} from "@/components/workspace/early-socket";
import { createModel, signUp, type TestUser } from "./support/api-client";
import { connectClient, waitFor, waitForSync, type CollabClient } from "./support/collab-client";
import { DEADLINE, timeoutFor } from "./support/deadlines";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;

/** A `ws` socket as the browser's would be, signed in as `user`, recording what crosses it. */
function createRecordedSocket(server: TestServer, user: TestUser) {
  const sent: Uint8Array[] = [];
  const received: Uint8Array[] = [];
  const create = (url: string) => {
    const socket = new WebSocket(url, { headers: { cookie: user.cookie, origin: server.url } });
    socket.on("message", (data: Buffer) => received.push(new Uint8Array(data)));
    const send = socket.send.bind(socket);
    socket.send = ((data: Uint8Array) => {
      sent.push(new Uint8Array(data));
      send(data);
    }) as typeof socket.send;
    return socket as unknown as globalThis.WebSocket;
  };
  return { create, sent, received };
}

function isDocumentAnswer(message: Uint8Array): boolean {
  return message[0] === MESSAGE_SYNC && message[1] === SYNC_STEP_2;
}

describe("the early request matches y-protocols", () => {
  it("is the sync request of an empty document", () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, new Y.Doc());
    expect([...EMPTY_SYNC_REQUEST]).toEqual([...encoding.toUint8Array(encoder)]);
  });

  it("uses the address y-websocket builds for a model", () => {
    const provider = new WebsocketProvider("ws://host.test/collab", "m_1-x", new Y.Doc(), {
      connect: false,
      params: COLLAB_SOCKET_PARAMS,
      disableBc: true,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    expect(buildCollabSocketUrl("ws://host.test/collab", "m_1-x")).toBe(provider.url);
    provider.destroy();
  });

  it("reads the model only from a workspace page's path", () => {
    expect(readWorkspaceModelId("/models/AbC_12-x")).toBe("AbC_12-x");
    expect(readWorkspaceModelId("/models/AbC_12-x/")).toBe("AbC_12-x");
    expect(readWorkspaceModelId("/models/AbC/versions/v1")).toBeNull();
    expect(readWorkspaceModelId("/models")).toBeNull();
    expect(readWorkspaceModelId("/models/a%2Fb")).toBeNull();
  });
});

describe.each(DATABASES)("a socket opened before the provider (%s)", (kind) => {
  let server: TestServer;
  let owner: TestUser;
  let modelId: string;
  let url: string;
  const cleanups: (() => void)[] = [];

  beforeAll(async () => {
    server = await startTestServer(kind);
    owner = await signUp(server, "Olive Owner");
    modelId = await createModel(server, owner, "Payments");
    url = buildCollabSocketUrl(`ws://127.0.0.1:${server.port}/collab`, modelId);
  });

  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    // Whatever a test left waiting is not taken by the next one.
    takeEarlySocket(url)?.close();
  });

  afterAll(async () => {
    await server.destroy();
  });

  /** A provider on `doc` that takes the early socket of its address, if one is waiting. */
  function startProvider(doc: Y.Doc, createSocket: (url: string) => globalThis.WebSocket) {
    const events: string[] = [];
    const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/collab`, modelId, doc, {
      params: COLLAB_SOCKET_PARAMS,
      disableBc: true,
      maxBackoffTime: 200,
      WebSocketPolyfill: function TakeOrOpen(address: string) {
        return takeEarlySocket(address) ?? createSocket(address);
      } as unknown as typeof globalThis.WebSocket,
    });
    provider.on("status", ({ status }) => events.push(status));
    provider.on("sync", (isSynced: boolean) => events.push(isSynced ? "synced" : "unsynced"));
    cleanups.push(() => {
      provider.destroy();
      doc.destroy();
    });
    return { provider, events };
  }

  it(
    "hands the provider what arrived before it started, and the document crosses once",
    timeoutFor(DEADLINE.sync, DEADLINE.sync, DEADLINE.propagation),
    async () => {
      const recorded = createRecordedSocket(server, owner);
      const early = openEarlySocket(url, { createSocket: recorded.create });
      expect(early).not.toBeNull();
      // The document's answer is waiting before any provider exists.
      await waitFor(() => recorded.received.some(isDocumentAnswer), DEADLINE.sync, "the answer");

      const { provider, events } = startProvider(new Y.Doc(), recorded.create);
      await waitFor(() => provider.synced, DEADLINE.sync, "the provider to sync");
      expect(provider.ws).toBe(early);
      expect(getTitle(provider.doc)).toBe("Payments");
      // As with a socket of its own: connected first, then synced.
      expect(events.slice(0, 2)).toEqual(["connected", "synced"]);

      // An edit goes out on the taken socket and reaches another member's client.
      const other: CollabClient = connectClient(server, modelId, { user: owner });
      cleanups.push(() => other.destroy());
      await waitForSync(other);
      setTitle(provider.doc, "Payments v2");
      await waitFor(() => getTitle(other.doc) === "Payments v2", DEADLINE.propagation, "the edit");

      const requests = recorded.sent.filter(
        (message) => message.length === EMPTY_SYNC_REQUEST.length && isSameRequest(message),
      );
      expect(requests).toHaveLength(1);
      expect(recorded.received.filter(isDocumentAnswer)).toHaveLength(1);
      setTitle(provider.doc, "Payments");
    },
  );

  it(
    "lets a provider that holds content already ask for what it lacks",
    timeoutFor(DEADLINE.sync, DEADLINE.sync),
    async () => {
      const recorded = createRecordedSocket(server, owner);
      openEarlySocket(url, { createSocket: recorded.create });
      await waitFor(() => recorded.received.some(isDocumentAnswer), DEADLINE.sync, "the answer");

      const doc = new Y.Doc();
      doc.getMap("scratch").set("note", "written offline");
      const { provider } = startProvider(doc, recorded.create);
      await waitFor(() => provider.synced, DEADLINE.sync, "the provider to sync");
      expect(getTitle(doc)).toBe("Payments");
      // Its own request went out: the early one was for an empty document.
      expect(recorded.sent.filter(isSyncRequest)).toHaveLength(2);
    },
  );

  it("gives a socket once, and only for its own address", timeoutFor(DEADLINE.sync), async () => {
    const recorded = createRecordedSocket(server, owner);
    const early = openEarlySocket(url, { createSocket: recorded.create });
    expect(openEarlySocket(url, { createSocket: recorded.create })).toBeNull();
    expect(takeEarlySocket(url.replace(modelId, "another-model"))).toBeNull();
    const taken: EarlySocket | null = takeEarlySocket(url);
    expect(taken).toBe(early);
    expect(takeEarlySocket(url)).toBeNull();
    taken?.close();
  });

  it("closes a socket nobody takes in time", async () => {
    const recorded = createRecordedSocket(server, owner);
    const early = openEarlySocket(url, { createSocket: recorded.create, ttlMs: 50 });
    await waitFor(() => early?.readyState === early?.CLOSED, DEADLINE.sync, "the close");
    expect(takeEarlySocket(url)).toBeNull();
  });

  it(
    "leaves a refused socket behind: the provider connects with its own",
    timeoutFor(DEADLINE.sync, DEADLINE.sync),
    async () => {
      const anonymous = (address: string) =>
        new WebSocket(address, {
          headers: { origin: server.url },
        }) as unknown as globalThis.WebSocket;
      const early = openEarlySocket(url, { createSocket: anonymous });
      await waitFor(() => early?.readyState === early?.CLOSED, DEADLINE.sync, "the refusal");

      const recorded = createRecordedSocket(server, owner);
      const { provider } = startProvider(new Y.Doc(), recorded.create);
      await waitFor(() => provider.synced, DEADLINE.sync, "the provider to sync");
      expect(provider.ws).not.toBe(early);
      expect(getTitle(provider.doc)).toBe("Payments");
    },
  );
});

function isSameRequest(message: Uint8Array): boolean {
  return message.every((byte, index) => byte === EMPTY_SYNC_REQUEST[index]);
}

function isSyncRequest(message: Uint8Array): boolean {
  return message[0] === MESSAGE_SYNC && message[1] === 0;
}
