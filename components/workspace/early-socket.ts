/**
 * The model page's websocket, opened by the page's first script (instrumentation-client) while
 * the rest of the page's script still loads, parses and hydrates, and handed to the workspace's
 * y-websocket provider when that starts. The handshake and the document's first sync then
 * overlap the page's loading instead of following it: on a large model that is the longest wait
 * of an open.
 *
 * What it promises:
 * - The provider sees the socket as if it had opened it: the socket's open, messages and close
 *   reach the provider's handlers in the order they happened, those that came before the
 *   provider took the socket included.
 * - The early socket asks the server for the whole document (a sync request with an empty
 *   state vector) as soon as it opens; the provider's own first request, identical while its
 *   document is empty, is not sent again, so the document crosses the wire once. A provider
 *   whose document is not empty sends its own request as usual.
 * - One provider at most takes the socket, and only for the same address. A socket nobody takes
 *   within EARLY_SOCKET_TTL_MS is closed: a page that never shows the workspace (the model was
 *   not found, the person left) keeps no connection open.
 * - Nothing here reads or changes the document: the provider does all of that, as always.
 */

/** y-websocket's message type for sync messages, and y-protocols' first sync step. */
const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;

/**
 * A sync request for a document that has nothing yet: message type, step 1, then the state
 * vector as a byte array (length 1) holding the number of clients, 0. The test checks that
 * y-protocols encodes an empty document's request the same way.
 */
export const EMPTY_SYNC_REQUEST: Uint8Array = Uint8Array.of(MESSAGE_SYNC, SYNC_STEP_1, 1, 0);

/** How long an early socket waits for the workspace to take it. */
export const EARLY_SOCKET_TTL_MS = 15_000;

/** A WebSocket's ready states (the standard values; not every runtime has the global). */
const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

type Handler<E> = ((event: E) => void) | null;

function isSameBytes(data: unknown, expected: Uint8Array): boolean {
  if (!(data instanceof Uint8Array) || data.byteLength !== expected.byteLength) return false;
  return data.every((byte, index) => byte === expected[index]);
}

/**
 * The part of a WebSocket that y-websocket and the collab session use, over a socket opened
 * earlier. Events that arrive before the provider has set its handlers wait in order.
 */
export class EarlySocket {
  readonly CONNECTING = CONNECTING;
  readonly OPEN = OPEN;
  readonly CLOSING = CLOSING;
  readonly CLOSED = CLOSED;

  onopen: Handler<Event> = null;
  onmessage: Handler<MessageEvent> = null;
  onerror: Handler<Event> = null;
  onclose: Handler<CloseEvent> = null;

  private readonly waiting: Event[] = [];
  private isTaken = false;
  private hasSentEmptyRequest = false;
  private isRequestToSkip = true;

  constructor(private readonly socket: WebSocket) {
    socket.binaryType = "arraybuffer";
    socket.addEventListener("open", this.handleEvent);
    socket.addEventListener("message", this.handleEvent);
    socket.addEventListener("error", this.handleEvent);
    socket.addEventListener("close", this.handleEvent);
  }

  get url(): string {
    return this.socket.url;
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  /** y-websocket sets it on every socket it opens; this one reads array buffers already. */
  set binaryType(_type: BinaryType) {}

  get binaryType(): BinaryType {
    return this.socket.binaryType;
  }

  send(data: Uint8Array | string): void {
    if (this.hasSentEmptyRequest && this.isRequestToSkip) {
      this.isRequestToSkip = false;
      // The provider's first message is its sync request; the early one already asked for the
      // same. Anything else goes out as usual.
      if (isSameBytes(data, EMPTY_SYNC_REQUEST)) return;
    }
    this.socket.send(data);
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }

  /** Called once, by the provider's socket constructor: from the next task on, events flow. */
  take(): void {
    this.isTaken = true;
    // y-websocket sets the handlers right after construction, in the same task.
    setTimeout(() => {
      for (const event of this.waiting.splice(0)) this.deliver(event);
    }, 0);
  }

  get hasBeenTaken(): boolean {
    return this.isTaken;
  }

  private readonly handleEvent = (event: Event) => {
    if (event.type === "open") {
      this.socket.send(EMPTY_SYNC_REQUEST);
      this.hasSentEmptyRequest = true;
    }
    if (!this.isTaken || this.waiting.length > 0) {
      this.waiting.push(event);
      return;
    }
    this.deliver(event);
  };

  private deliver(event: Event): void {
    switch (event.type) {
      case "open":
        this.onopen?.(event);
        return;
      case "message":
        this.onmessage?.(event as MessageEvent);
        return;
      case "error":
        this.onerror?.(event);
        return;
      case "close":
        this.onclose?.(event as CloseEvent);
        return;
    }
  }
}

let earlySocket: EarlySocket | null = null;

/**
 * Opens the socket of `url` ahead of the provider (with `createSocket`, the browser's
 * WebSocket unless a test gives another); does nothing when one is waiting already or there is
 * no WebSocket. Returns the socket opened, or null.
 */
export function openEarlySocket(
  url: string,
  options: { createSocket?: (url: string) => WebSocket; ttlMs?: number } = {},
): EarlySocket | null {
  if (earlySocket !== null) return null;
  const createSocket =
    options.createSocket ??
    (typeof WebSocket === "undefined" ? null : (address: string) => new WebSocket(address));
  if (createSocket === null) return null;
  const opened = new EarlySocket(createSocket(url));
  earlySocket = opened;
  setTimeout(() => {
    if (earlySocket !== opened || opened.hasBeenTaken) return;
    earlySocket = null;
    opened.close();
  }, options.ttlMs ?? EARLY_SOCKET_TTL_MS);
  return opened;
}

function isSameAddress(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

/**
 * The early socket of `url`, once: later calls, and calls for other addresses, get null. So
 * does a socket that closed before it was taken (refused, dropped): the provider then opens
 * its own, as without one.
 */
export function takeEarlySocket(url: string): EarlySocket | null {
  const socket = earlySocket;
  if (socket === null || !isSameAddress(socket.url, url)) return null;
  earlySocket = null;
  if (socket.readyState >= CLOSING) {
    socket.close();
    return null;
  }
  socket.take();
  return socket;
}

/**
 * The socket class to give y-websocket (its WebSocketPolyfill option): the early socket when
 * one is waiting for this address, a new WebSocket otherwise (every reconnect).
 */
export const EarlyOrNewWebSocket = function EarlyOrNewWebSocket(
  url: string,
  protocols?: string | string[],
) {
  return takeEarlySocket(url) ?? new WebSocket(url, protocols);
} as unknown as typeof WebSocket;
