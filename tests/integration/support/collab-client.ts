/**
 * Realtime clients for tests: the real y-websocket provider (as the browser uses it) and raw
 * sockets for frames no well-behaved client sends.
 */
import { DEADLINE } from "./deadlines";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { SCHEMA_VERSION } from "@/lib/model/document";
import type { TestServer } from "./test-server";
import type { TestUser } from "./api-client";

/** Credentials a socket presents: a user's session cookie or an API token. */
export type Credentials = { user: TestUser } | { token: string } | Record<string, never>;

function headersFor(server: TestServer, credentials: Credentials): Record<string, string> {
  if ("user" in credentials) return { cookie: credentials.user.cookie, origin: server.url };
  if ("token" in credentials) return { authorization: `Bearer ${credentials.token}` };
  return {};
}

/** A y-websocket provider connected to a model as a user, with its document. */
export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close events received, newest last. */
  closes: { code: number; reason: string }[];
  destroy(): void;
}

/** Connects a real y-websocket client. */
export function connectClient(
  server: TestServer,
  modelId: string,
  credentials: Credentials,
  options: { doc?: Y.Doc; schema?: number } = {},
): CollabClient {
  const headers = headersFor(server, credentials);
  class AuthenticatedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/collab`, modelId, doc, {
    WebSocketPolyfill: AuthenticatedWebSocket as unknown as typeof globalThis.WebSocket,
    params: { schema: String(options.schema ?? SCHEMA_VERSION) },
    disableBc: true,
    maxBackoffTime: 200,
  });
  const closes: { code: number; reason: string }[] = [];
  provider.on("connection-close", (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves when the provider has synced with the server. */
export function waitForSync(
  client: CollabClient,
  timeoutMs: number = DEADLINE.sync,
  label = "sync",
): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return waitFor(() => client.provider.synced, timeoutMs, label);
}

/** Polls until the predicate holds; rejects after the timeout with the label. */
export async function waitFor(
  predicate: () => boolean,
  timeoutMs: number = DEADLINE.propagation,
  label = "condition",
): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A raw socket's outcome: the HTTP status of a refused upgrade, or the close code. */
export interface RawOutcome {
  unexpectedStatus?: number;
  closeCode?: number;
  closeReason?: string;
  messages: Uint8Array[];
}

/** Opens a raw socket to the realtime endpoint. */
export function openRawSocket(
  server: TestServer,
  pathAndQuery: string,
  credentials: Credentials,
  extraHeaders: Record<string, string> = {},
): {
  socket: WebSocket;
  outcome: Promise<RawOutcome>;
  opened: Promise<boolean>;
  /** Every message received so far. */
  messages: Uint8Array[];
} {
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}${pathAndQuery}`, {
    headers: { ...headersFor(server, credentials), ...extraHeaders },
  });
  const messages: Uint8Array[] = [];
  socket.on("message", (data: Buffer) => messages.push(new Uint8Array(data)));
  const opened = new Promise<boolean>((resolve) => {
    socket.once("open", () => resolve(true));
    socket.once("unexpected-response", () => resolve(false));
    socket.once("error", () => resolve(false));
  });
  const outcome = new Promise<RawOutcome>((resolve) => {
    socket.once("unexpected-response", (_req, res) => {
      resolve({ unexpectedStatus: res.statusCode, messages });
      socket.terminate();
    });
    socket.once("close", (code, reason) =>
      resolve({ closeCode: code, closeReason: reason.toString(), messages }),
    );
  });
  return { socket, outcome, opened, messages };
}
