import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import {
  encodeJsonMessage,
  MESSAGE_SESSION_ANSWER,
  MESSAGE_SESSION_CHANGED,
  MESSAGE_SESSION_COMMAND,
  MESSAGE_REVIEWS_CHANGED,
  MESSAGE_THREAD_ANSWER,
  MESSAGE_THREAD_CHANGED,
  MESSAGE_THREAD_COMMAND,
} from "@/lib/collab/messages";
import {
  threadSocketAnswerSchema,
  type ThreadMessage,
  type ThreadSocketAnswer,
} from "@/lib/review/schemas";
import { socketAnswerSchema, type SocketAnswer } from "@/lib/facilitation/commands";
import {
  describeTerminalClose,
  describeTransientClose,
  isTerminalCloseCode,
  type CloseReason,
} from "./close-reasons";
import { markOnce, OPEN_MARKS } from "@/lib/perf/open-timing";
import { COLLAB_SOCKET_PARAMS } from "./collab-url";
import { EarlyOrNewWebSocket } from "./early-socket";
import { applyServerUpdatesQuietly } from "./quiet-server-updates";

/**
 * The connection as the user sees it:
 * - connecting: the first connection attempt is under way;
 * - connected: the socket is open (see `isSynced` for the document);
 * - reconnecting: the connection dropped or failed and the provider is retrying;
 * - offline: the browser is offline, or several attempts in a row failed;
 * - closed: the server ended the connection for good (see `closeReason`); no more retries.
 */
export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "offline" | "closed";

export interface CollabSnapshot {
  status: ConnectionStatus;
  /** Set when status is "closed". */
  closeReason: CloseReason | null;
  /** Why the last connection dropped, when the server said so (e.g. "The server is restarting."). */
  transientReason: string | null;
  /** True once the document has synced with the server at least once. */
  hasSynced: boolean;
  /** True while the current connection is synced. */
  isSynced: boolean;
  /** True when local edits may not have reached the server yet. */
  hasUnsyncedChanges: boolean;
  /** True when the browser reports no network (navigator.onLine false). */
  isBrowserOffline: boolean;
}

/** Who this client is, as announced to the room through awareness. */
export interface CollabUser {
  id: string;
  name: string;
  color: string;
}

export interface CollabSessionOptions {
  /** e.g. "wss://threat.example/collab" */
  serverUrl: string;
  modelId: string;
}

/** Failed attempts in a row after which the status reads "offline" rather than "reconnecting". */
const OFFLINE_AFTER_FAILURES = 4;
/** How often to check that sent changes have left the socket's buffer. */
const FLUSH_CHECK_MS = 250;
/**
 * A handshake that gets no answer within this time is abandoned and retried: the provider has
 * no timeout of its own while connecting, so an unanswered upgrade would hang forever.
 */
const CONNECT_TIMEOUT_MS = 10_000;
/** How long a session command waits for the server's answer before the HTTP API is tried. */
const SESSION_COMMAND_TIMEOUT_MS = 10_000;

/** The socket cannot carry a session command now (not synced, or lost before the answer). */
export class SocketUnavailableError extends Error {
  override readonly name = "SocketUnavailableError";
  constructor() {
    super("The connection to the model is not available");
  }
}

/** The server refused a session command; the message says why. */
export class SessionCommandRefusedError extends Error {
  override readonly name = "SessionCommandRefusedError";
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** A notice about the model's discussion, from the server (see onDiscussionNotice). */
export type DiscussionNotice =
  { kind: "thread"; payload: unknown } | { kind: "reviews" } | { kind: "resynced" };

export const INITIAL_SNAPSHOT: CollabSnapshot = {
  status: "connecting",
  closeReason: null,
  transientReason: null,
  hasSynced: false,
  isSynced: false,
  hasUnsyncedChanges: false,
  isBrowserOffline: false,
};

const SNAPSHOT_KEYS: readonly (keyof CollabSnapshot)[] = [
  "status",
  "closeReason",
  "transientReason",
  "hasSynced",
  "isSynced",
  "hasUnsyncedChanges",
  "isBrowserOffline",
];

/**
 * One Y.Doc of a threat model synced through a y-websocket provider, with the connection's
 * state as an immutable snapshot for React's useSyncExternalStore. Owns the doc, the provider
 * and the awareness; `destroy()` releases all three.
 *
 * "Unsynced changes": y-websocket has no acknowledgements, so a local change counts as
 * delivered once it was made while synced and has left the socket's send buffer. A change made
 * while disconnected stays pending until a later connection has synced (the sync exchange sends
 * everything the server lacks) and the buffer is empty again.
 */
export class CollabSession {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  private readonly provider: WebsocketProvider;
  private snapshot: CollabSnapshot = INITIAL_SNAPSHOT;
  private readonly listeners = new Set<() => void>();
  private failedAttempts = 0;
  private hasConnectedBefore = false;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private connectTimer: ReturnType<typeof setTimeout> | null = null;
  private isDestroyed = false;
  private readonly sessionListeners = new Set<(session: unknown) => void>();
  /** Listeners of the discussion's notices: a thread (with its JSON) or the reviews changed. */
  private readonly discussionListeners = new Set<(notice: DiscussionNotice) => void>();
  /** Session commands sent on the socket and not answered yet, by request id. */
  private readonly pendingCommands = new Map<
    string,
    { resolve: () => void; reject: (error: Error) => void; timer: ReturnType<typeof setTimeout> }
  >();
  private commandCount = 0;
  /** Thread messages sent on the socket and not answered yet, by request id. */
  private readonly pendingThreadCommands = new Map<
    string,
    {
      resolve: (message: ThreadMessage) => void;
      reject: (error: Error) => void;
      timer: ReturnType<typeof setTimeout>;
    }
  >();

  constructor({ serverUrl, modelId }: CollabSessionOptions) {
    this.doc = new Y.Doc();
    this.provider = new WebsocketProvider(serverUrl, modelId, this.doc, {
      connect: false,
      params: COLLAB_SOCKET_PARAMS,
      // The socket the page's first script opened for this model, when there is one.
      WebSocketPolyfill: EarlyOrNewWebSocket,
      shouldReconnect: (event) => !isTerminalCloseCode(event.code),
      // Other tabs of the same model could hand each other updates the server refused.
      disableBc: true,
    });
    this.awareness = this.provider.awareness;
    // The server's notice that the facilitated session changed, with the session (JSON) when
    // the server has it at hand; listeners parse it, or fetch it when it is not there.
    this.provider.messageHandlers[MESSAGE_SESSION_CHANGED] = (_encoder, decoder) => {
      const rest = decoder.arr.subarray(decoder.pos);
      let session: unknown = undefined;
      if (rest.byteLength > 0) {
        try {
          session = JSON.parse(new TextDecoder().decode(rest)) as unknown;
        } catch {
          session = undefined;
        }
      }
      for (const listener of this.sessionListeners) listener(session);
    };
    // A thread changed (JSON: the thread and the message), or the reviews did (no payload).
    this.provider.messageHandlers[MESSAGE_THREAD_CHANGED] = (_encoder, decoder) => {
      let payload: unknown;
      try {
        payload = JSON.parse(new TextDecoder().decode(decoder.arr.subarray(decoder.pos)));
      } catch {
        payload = undefined;
      }
      for (const listener of this.discussionListeners) listener({ kind: "thread", payload });
    };
    this.provider.messageHandlers[MESSAGE_REVIEWS_CHANGED] = () => {
      for (const listener of this.discussionListeners) listener({ kind: "reviews" });
    };
    // The server's answer to a thread message this client sent.
    this.provider.messageHandlers[MESSAGE_THREAD_ANSWER] = (_encoder, decoder) => {
      let answer: ThreadSocketAnswer | null;
      try {
        const json: unknown = JSON.parse(
          new TextDecoder().decode(decoder.arr.subarray(decoder.pos)),
        );
        answer = threadSocketAnswerSchema.safeParse(json).data ?? null;
      } catch {
        answer = null;
      }
      const pending = answer ? this.pendingThreadCommands.get(answer.requestId) : undefined;
      if (!answer || !pending) return;
      this.pendingThreadCommands.delete(answer.requestId);
      clearTimeout(pending.timer);
      if (answer.ok) pending.resolve(answer.message);
      else pending.reject(new SessionCommandRefusedError(answer.message, answer.code));
    };
    // The server's answer to a session command this client sent.
    this.provider.messageHandlers[MESSAGE_SESSION_ANSWER] = (_encoder, decoder) => {
      let answer: SocketAnswer | null;
      try {
        const json: unknown = JSON.parse(
          new TextDecoder().decode(decoder.arr.subarray(decoder.pos)),
        );
        answer = socketAnswerSchema.safeParse(json).data ?? null;
      } catch {
        answer = null;
      }
      const pending = answer ? this.pendingCommands.get(answer.requestId) : undefined;
      if (!answer || !pending) return;
      this.pendingCommands.delete(answer.requestId);
      clearTimeout(pending.timer);
      if (answer.ok) pending.resolve();
      else pending.reject(new SessionCommandRefusedError(answer.message, answer.code));
    };

    this.provider.on("status", this.handleStatus);
    this.provider.on("connection-close", this.handleConnectionClose);
    this.provider.on("closed", this.handleClosed);
    this.provider.on("sync", this.handleSync);
    this.doc.on("update", this.handleDocUpdate);
    // Both "update" listeners ignore what the provider applies from the server.
    applyServerUpdatesQuietly(this.provider, [this.provider._updateHandler, this.handleDocUpdate]);
    window.addEventListener("online", this.handleOnline);
    window.addEventListener("offline", this.handleOffline);

    if (!navigator.onLine) this.update({ status: "offline", isBrowserOffline: true });
    this.provider.connect();
  }

  /** For useSyncExternalStore. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** For useSyncExternalStore: the same object until something changes. */
  readonly getSnapshot = (): CollabSnapshot => this.snapshot;

  /**
   * Calls `listener` whenever the server says the model's facilitated session changed (with the
   * session as parsed JSON, to be checked, or undefined: fetch it), and after every (re)sync with
   * undefined, since notices sent while disconnected are lost.
   */
  readonly onSessionChanged = (listener: (session: unknown) => void): (() => void) => {
    this.sessionListeners.add(listener);
    return () => this.sessionListeners.delete(listener);
  };

  /**
   * Calls `listener` with each discussion notice of the model (a thread changed, with the
   * thread and message as unparsed JSON; or the reviews changed), and with `resynced` after
   * every (re)sync, since notices sent while disconnected are lost.
   */
  readonly onDiscussionNotice = (listener: (notice: DiscussionNotice) => void): (() => void) => {
    this.discussionListeners.add(listener);
    return () => this.discussionListeners.delete(listener);
  };

  /**
   * Sends a facilitator's command on the model's socket, where the server already knows this
   * member's role: faster than a request, as every participant is waiting for the move.
   * Resolves once the server applied it (the new session arrives as a notice); rejects with
   * SessionCommandRefusedError when refused, and with SocketUnavailableError when the socket is
   * not synced now or is lost before the answer (use the HTTP API then).
   */
  sendSessionCommand(command: { type: string } & Record<string, unknown>): Promise<void> {
    const socket = this.provider.ws;
    if (!socket || socket.readyState !== WebSocket.OPEN || !this.snapshot.isSynced) {
      return Promise.reject(new SocketUnavailableError());
    }
    this.commandCount += 1;
    const requestId = `${this.doc.clientID}-${this.commandCount}`;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingCommands.delete(requestId);
        reject(new SocketUnavailableError());
      }, SESSION_COMMAND_TIMEOUT_MS);
      this.pendingCommands.set(requestId, { resolve, reject, timer });
      socket.send(encodeJsonMessage(MESSAGE_SESSION_COMMAND, { requestId, command }));
    });
  }

  /**
   * Sends a message for a thread on the model's socket, where the server knows this member
   * already: everyone sees it sooner than through a request. Resolves with the stored message;
   * rejects with SessionCommandRefusedError when refused, and with SocketUnavailableError when
   * the socket is not synced or is lost before the answer (use the HTTP API then).
   */
  sendThreadMessage(input: {
    threadId: string;
    body: string;
    quotedId?: string;
  }): Promise<ThreadMessage> {
    const socket = this.provider.ws;
    if (!socket || socket.readyState !== WebSocket.OPEN || !this.snapshot.isSynced) {
      return Promise.reject(new SocketUnavailableError());
    }
    this.commandCount += 1;
    const requestId = `${this.doc.clientID}-t${this.commandCount}`;
    return new Promise<ThreadMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingThreadCommands.delete(requestId);
        reject(
          new Error(
            "The server did not answer in time: look for your message in the thread before sending it again.",
          ),
        );
      }, SESSION_COMMAND_TIMEOUT_MS);
      this.pendingThreadCommands.set(requestId, { resolve, reject, timer });
      socket.send(
        encodeJsonMessage(MESSAGE_THREAD_COMMAND, {
          requestId,
          command: { type: "post", ...input },
        }),
      );
    });
  }

  /** Announces who this client is to everyone in the room (presence). */
  setUser(user: CollabUser): void {
    this.awareness.setLocalStateField("user", user);
  }

  /** Retries now instead of waiting for the backoff (e.g. a "Retry" button). */
  reconnect(): void {
    if (this.isDestroyed || this.snapshot.status === "closed") return;
    this.provider.connect();
  }

  /**
   * Ends the session for good with the reason of `code`, e.g. when an HTTP check finds that the
   * session expired while the websocket handshake kept failing without a close code.
   */
  closeWith(code: number): void {
    if (this.isDestroyed || this.snapshot.status === "closed") return;
    this.provider.disconnect();
    this.update({ status: "closed", closeReason: describeTerminalClose(code), isSynced: false });
  }

  destroy(): void {
    this.isDestroyed = true;
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.clearConnectTimer();
    window.removeEventListener("online", this.handleOnline);
    window.removeEventListener("offline", this.handleOffline);
    this.doc.off("update", this.handleDocUpdate);
    this.provider.destroy();
    this.awareness.destroy();
    this.doc.destroy();
    this.listeners.clear();
    this.sessionListeners.clear();
    this.failPendingCommands();
  }

  /** The socket is gone: commands not answered may or may not have been applied. */
  private failPendingCommands(): void {
    for (const pending of this.pendingCommands.values()) {
      clearTimeout(pending.timer);
      pending.reject(new SocketUnavailableError());
    }
    this.pendingCommands.clear();
    // A thread message sent may have been stored: sending it again could write it twice.
    for (const pending of this.pendingThreadCommands.values()) {
      clearTimeout(pending.timer);
      pending.reject(
        new Error(
          "The connection dropped before the server answered: look for your message in the thread before sending it again.",
        ),
      );
    }
    this.pendingThreadCommands.clear();
  }

  private update(patch: Partial<CollabSnapshot>): void {
    if (this.isDestroyed) return;
    const next = { ...this.snapshot, ...patch };
    const hasChanged = SNAPSHOT_KEYS.some((key) => next[key] !== this.snapshot[key]);
    if (!hasChanged) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }

  /** The status to show while not connected. */
  private getDisconnectedStatus(): ConnectionStatus {
    if (!navigator.onLine || this.failedAttempts >= OFFLINE_AFTER_FAILURES) return "offline";
    return this.hasConnectedBefore || this.failedAttempts > 0 ? "reconnecting" : "connecting";
  }

  private readonly handleStatus = ({
    status,
  }: {
    status: "connected" | "disconnected" | "connecting";
  }) => {
    this.clearConnectTimer();
    if (this.snapshot.status === "closed") return;
    if (status === "connecting") this.startConnectTimer();
    if (status === "connected") {
      markOnce(OPEN_MARKS.socketOpen);
      this.hasConnectedBefore = true;
      this.update({ status: "connected" });
    } else {
      this.update({ status: this.getDisconnectedStatus(), isSynced: false });
    }
  };

  private readonly handleConnectionClose = (event: CloseEvent | null) => {
    this.failPendingCommands();
    if (this.snapshot.status === "closed") return;
    if (event !== null && isTerminalCloseCode(event.code)) {
      this.update({
        status: "closed",
        closeReason: describeTerminalClose(event.code),
        isSynced: false,
      });
      return;
    }
    this.failedAttempts += 1;
    this.update({
      status: this.getDisconnectedStatus(),
      isSynced: false,
      transientReason: event === null ? null : describeTransientClose(event.code),
    });
  };

  /** Emitted by the provider after a close it will not retry; make sure it stays stopped. */
  private readonly handleClosed = () => {
    this.provider.disconnect();
  };

  private readonly handleSync = (isSynced: boolean) => {
    if (!isSynced || this.snapshot.status === "closed") return;
    markOnce(OPEN_MARKS.docSynced);
    this.failedAttempts = 0;
    this.update({ isSynced: true, hasSynced: true, transientReason: null });
    this.scheduleFlushCheck();
    for (const listener of this.sessionListeners) listener(undefined);
    for (const listener of this.discussionListeners) listener({ kind: "resynced" });
  };

  private readonly handleDocUpdate = (_update: Uint8Array, origin: unknown) => {
    // Updates applied by the provider came from the server; anything else is a local edit.
    if (origin === this.provider) return;
    this.update({ hasUnsyncedChanges: true });
    this.scheduleFlushCheck();
  };

  private readonly handleOnline = () => {
    this.update({ isBrowserOffline: false });
    if (this.snapshot.status === "closed") return;
    this.failedAttempts = 0;
    if (this.provider.wsconnected) {
      // The socket outlived the outage (a short blip); nothing to reconnect.
      this.update({ status: "connected" });
      this.scheduleFlushCheck();
      return;
    }
    if (this.snapshot.status === "offline") this.update({ status: "reconnecting" });
    this.provider.connect();
  };

  private readonly handleOffline = () => {
    this.update({ isBrowserOffline: true });
    if (this.snapshot.status === "closed") return;
    this.update({ status: "offline" });
  };

  private startConnectTimer(): void {
    const socket = this.provider.ws;
    this.connectTimer = setTimeout(() => {
      this.connectTimer = null;
      // Closing a socket that is still connecting makes the provider count a failure and retry.
      if (
        socket !== null &&
        socket === this.provider.ws &&
        socket.readyState === WebSocket.CONNECTING
      ) {
        socket.close();
      }
    }, CONNECT_TIMEOUT_MS);
  }

  private clearConnectTimer(): void {
    if (this.connectTimer === null) return;
    clearTimeout(this.connectTimer);
    this.connectTimer = null;
  }

  private scheduleFlushCheck(): void {
    if (this.flushTimer !== null || !this.snapshot.hasUnsyncedChanges) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      if (!this.snapshot.hasUnsyncedChanges || this.snapshot.status === "closed") return;
      const socket = this.provider.ws;
      const isDelivered =
        this.snapshot.status === "connected" &&
        this.snapshot.isSynced &&
        socket !== null &&
        socket.readyState === WebSocket.OPEN &&
        socket.bufferedAmount === 0;
      if (isDelivered) this.update({ hasUnsyncedChanges: false });
      else if (this.snapshot.isSynced) this.scheduleFlushCheck();
      // Not synced: the next "sync" event schedules the check again.
    }, FLUSH_CHECK_MS);
  }
}
