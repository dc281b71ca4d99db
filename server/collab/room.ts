import * as Y from "yjs";
import { summarizeTransaction } from "./activity";
import { encodeIntegratedState, hasPendingContent } from "./integrated-state";
import { CLOSE_CODES } from "@/lib/collab/close-codes";
import { LIMITS } from "@/lib/limits";
import { stripControlCharacters } from "@/lib/text";
import { getTitle } from "@/lib/model/meta";
import { migrateDocument } from "@/lib/model/migrations";
import { countEntities } from "@/lib/model/roots";
import { can, MEMBER } from "@/server/policies/policy";
import { log } from "@/server/logger";
import { CollabConnection } from "@/server/collab/connection";
import type { DocumentStore } from "@/server/collab/document-store";
import type {
  RoomAnnouncement,
  RoomBus,
  RoomBusListener,
  RoomChannel,
} from "@/server/collab/room-bus";
import { RoomPresence } from "@/server/collab/room-presence";
import { UpdateLog, type UpdateLogSettings } from "@/server/collab/update-log";
import {
  DEFAULT_UPDATE_LIMITS,
  findUpdateRefusal,
  type UpdateLimits,
} from "@/server/collab/update-cost";
import { documentWorker, type DocumentWorker } from "@/server/collab/document-worker-client";
import {
  decodeClientMessage,
  encodeSyncStep1,
  encodeSyncStep2Update,
  encodeUpdateMessage,
  LARGE_UPDATE_BYTES,
  type ClientMessage,
} from "@/server/collab/protocol";

/** Origin of changes made by the server itself (migrations, API renames). */
export const SERVER_ORIGIN = Symbol("server");
/** Origin of updates read back from the store (load, compaction): relayed, not logged again. */
const LOG_ORIGIN = Symbol("log");
/** Origin of updates from other nodes: relayed and logged, not published again. */
const REMOTE_ORIGIN = Symbol("remote");

/** Settings of a room, from the server environment. */
export interface RoomSettings extends UpdateLogSettings {
  /** What one update may bring and the document hold; LIMITS by default. */
  updateLimits?: UpdateLimits;
}

/**
 * Messages a connection may send before the room has greeted it (while the upgrade checks it,
 * and while the room loads); they wait in one queue and are handled in order once it is.
 */
export const MAX_QUEUED_MESSAGES = 200;

/**
 * One loaded threat model: its Y.Doc and connections, with its presence (RoomPresence) and its
 * update log (UpdateLog). A room answers no client before its stored state is fully loaded;
 * every update is logged (see UpdateLog). With a room bus, the room publishes what its own
 * clients change and applies (and logs) what other nodes publish, so every node's log holds
 * every update its clients may have seen.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly connections = new Set<CollabConnection>();
  /** Resolves when the stored state is loaded; rejects when it cannot be. */
  readonly ready: Promise<void>;
  /** Server-side users of the room (API changes); a held room is never unloaded. */
  holds = 0;

  private isReady = false;
  private isDestroyed = false;
  /** Each connection's messages waiting for the room to greet it (see MAX_QUEUED_MESSAGES). */
  private readonly queues = new Map<CollabConnection, Uint8Array[]>();
  /** Messages of connections whose large update is being checked, handled once it is applied. */
  private readonly heldBack = new Map<CollabConnection, Uint8Array[]>();
  private readonly presence: RoomPresence;
  private readonly log: UpdateLog;
  private channel: RoomChannel | null = null;
  /** Messages from other nodes that arrived while the room loaded, handled once it is ready. */
  private remoteBacklog: (() => void)[] = [];
  /** Bytes of the stored state plus updates since; an estimate of the document's size. */
  private approximateBytes = 0;
  /** The whole document encoded as one update, until the next change; null when stale. */
  private encodedState: Uint8Array | null = null;

  constructor(
    readonly modelId: string,
    private readonly store: DocumentStore,
    private readonly settings: RoomSettings,
    private readonly bus: RoomBus,
    private readonly worker: DocumentWorker = documentWorker,
  ) {
    this.presence = new RoomPresence(this.doc, modelId, {
      publish: (update) => this.channel?.publishAwareness(update),
      broadcast: (message) => {
        for (const connection of this.connections) {
          if (!this.queues.has(connection)) connection.send(message);
        }
      },
    });
    this.log = new UpdateLog(modelId, store, settings, {
      readTitle: () => this.readTitle(),
      mergeLogged: async (logged) => {
        const state = await this.mergeStored(logged);
        this.approximateBytes = state.byteLength;
        return state;
      },
      onModelGone: () => this.onModelGone?.(),
    });
    this.doc.on("update", this.handleDocUpdate);
    // Joined before loading, so that nothing published meanwhile is missed.
    this.joinBus();
    this.ready = this.load();
    // The rejection is handled by whoever awaits `ready`; this keeps it from going unhandled.
    this.ready.catch(() => undefined);
  }

  /** Called when a write shows that the model was deleted; the manager then drops the room. */
  onModelGone: (() => void) | null = null;

  /**
   * Called when another node announces a change to the model, loaded or not yet: connections
   * wait in the room while it loads, and must not outlive their access meanwhile.
   */
  onAnnouncement: ((event: RoomAnnouncement) => void) | null = null;

  /** Called with a facilitator's command a connection sent (the JSON after the type byte). */
  onSessionCommand: ((connection: CollabConnection, json: Uint8Array) => void) | null = null;

  /** Called when another node sent a notice to this room's clients. */
  onRemoteNotice: (() => void) | null = null;

  /** Called with a thread command a connection sent (the JSON after the type byte). */
  onThreadCommand: ((connection: CollabConnection, json: Uint8Array) => void) | null = null;

  /** The room's presence (awareness). */
  get awareness(): RoomPresence["awareness"] {
    return this.presence.awareness;
  }

  /** Number of updates waiting to be appended to the log. */
  get pendingCount(): number {
    return this.log.pendingCount;
  }

  /** True when every update is in the log and no append or compaction is under way. */
  get isSettled(): boolean {
    return this.log.isSettled;
  }

  /** True when no client and no server-side change uses the room. */
  get isIdle(): boolean {
    return this.connections.size === 0 && this.holds === 0;
  }

  /**
   * Adds a connection with its queue: the messages it sent so far, to which the caller keeps
   * adding (through `receive`) until the room has greeted it; they are then handled in order.
   * The caller has already authorized the connection.
   */
  addConnection(connection: CollabConnection, queue: Uint8Array[] = []): void {
    this.connections.add(connection);
    this.queues.set(connection, queue);
    if (this.isReady) this.greet(connection);
  }

  /** Handles one websocket message of a connection in this room. */
  receive(connection: CollabConnection, data: Uint8Array): void {
    const queue = this.queues.get(connection) ?? this.heldBack.get(connection);
    if (!queue) {
      this.handleMessage(connection, data);
    } else if (queue.length >= MAX_QUEUED_MESSAGES) {
      connection.close(CLOSE_CODES.rateLimited, "too many messages waiting");
    } else {
      queue.push(data);
    }
  }

  /** Removes a connection and its presence; schedules nothing (the manager decides unloads). */
  removeConnection(connection: CollabConnection): void {
    this.connections.delete(connection);
    this.queues.delete(connection);
    this.heldBack.delete(connection);
    if (!this.isDestroyed) this.presence.removeConnection(connection);
  }

  /** Appends every pending update to the log (see UpdateLog.flush). */
  flush(): Promise<void> {
    return this.log.flush();
  }

  /**
   * The whole document as one update (integrated content only), encoded once and reused until
   * the next change: every new client, and every export, asks for it.
   */
  encodeFullState(): Uint8Array {
    return (this.encodedState ??= encodeIntegratedState(this.doc));
  }

  /** Sends a message to every connection the room has greeted (e.g. a session notice). */
  sendToGreeted(message: Uint8Array): void {
    for (const connection of this.connections) {
      if (!this.queues.has(connection)) connection.send(message);
    }
  }

  /** Writes what this node's clients changed lately to the activity feed now. */
  writeActivity(): Promise<void> {
    return this.log.writeActivity();
  }

  /** Flushes, brings the model's updatedAt up to date, then folds the log into a snapshot. */
  compact(): Promise<void> {
    return this.log.compact();
  }

  /**
   * Flushes and compacts, then frees the document. Throws (and keeps the room usable, with
   * its unsaved updates) when the database cannot take the pending updates or the snapshot.
   */
  async unload(): Promise<void> {
    // While the database is unreachable this throws here, with the room still on the bus.
    await this.flush();
    // Other nodes' updates would otherwise keep arriving while the room compacts; they log
    // those updates themselves.
    this.leaveBus();
    try {
      await this.compact();
      if (this.log.pendingCount > 0) throw new Error("updates still pending");
    } catch (error) {
      if (!this.isDestroyed) this.joinBus();
      throw error;
    }
    this.destroy();
  }

  /** Frees the document and awareness without persisting. */
  destroy(): void {
    if (this.isDestroyed) return;
    this.isDestroyed = true;
    this.log.stop();
    this.leaveBus();
    this.doc.off("update", this.handleDocUpdate);
    this.presence.destroy();
    this.doc.destroy();
  }

  /** Closes every connection with the code. */
  closeAll(code: number, reason: string): void {
    for (const connection of [...this.connections]) connection.close(code, reason);
  }

  private async load(): Promise<void> {
    const stored = await this.store.load();
    const state = await this.mergeStored(
      stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates,
    );
    if (this.isDestroyed) return;
    this.log.noteLoaded(stored.updates.length);
    this.approximateBytes = state.byteLength;
    // What the worker folded is this document's state: the first full sync needs no encoding,
    // unless some of it waits for content not stored yet (see encodeIntegratedState).
    this.encodedState = hasPendingContent(this.doc) ? null : state;
    // Migrations run before any client is answered; their changes are logged like any other.
    Y.transact(this.doc, () => migrateDocument(this.doc), SERVER_ORIGIN);
    this.isReady = true;
    log.debug("room loaded", { modelId: this.modelId, bytes: state.byteLength });
    for (const handle of this.remoteBacklog.splice(0)) handle();
    for (const connection of this.connections) this.greet(connection);
  }

  /**
   * Brings the document up to date with stored updates (a snapshot first, then the log)
   * without logging them again, and returns their folded state. The folding happens in the
   * document worker; this thread only applies what the document lacks, in slices with the
   * event loop free between them, so a large document never holds up other rooms and requests.
   */
  private async mergeStored(updates: Uint8Array[]): Promise<Uint8Array> {
    const { state, slices } = await this.worker.fold(updates, Y.encodeStateVector(this.doc));
    await this.applySlices(slices, LOG_ORIGIN);
    return state;
  }

  /** Applies slices in order, yielding to the event loop between them; stops if destroyed. */
  private async applySlices(slices: Uint8Array[], origin: unknown): Promise<void> {
    for (const [index, slice] of slices.entries()) {
      if (index > 0) await new Promise((resolve) => setImmediate(resolve));
      if (this.isDestroyed) return;
      Y.applyUpdate(this.doc, slice, origin);
    }
  }

  private greet(connection: CollabConnection): void {
    if (connection.isClosed) return;
    connection.send(encodeSyncStep1(this.doc));
    const everyone = this.presence.encodeAll();
    if (everyone) connection.send(everyone);
    const queue = this.queues.get(connection) ?? [];
    this.queues.delete(connection);
    // Through receive: a large update among them holds back the ones after it.
    for (const message of queue) this.receive(connection, message);
  }

  private handleMessage(connection: CollabConnection, data: Uint8Array): void {
    if (connection.isClosed) return;
    if (!connection.messageBucket.take()) {
      connection.close(CLOSE_CODES.rateLimited, "message rate exceeded");
      return;
    }
    if (!connection.byteBucket.take(data.byteLength)) {
      connection.close(CLOSE_CODES.rateLimited, "byte rate exceeded");
      return;
    }
    let message: ClientMessage;
    try {
      message = decodeClientMessage(data);
    } catch (error) {
      log.warn("malformed collab message", {
        modelId: this.modelId,
        userId: connection.user.id,
        error,
      });
      connection.close(CLOSE_CODES.malformedMessage, "malformed message");
      return;
    }
    switch (message.type) {
      case "sync-step-1":
        this.answerSyncStep1(connection, message.stateVector);
        return;
      case "sync-step-2":
      case "update":
        this.applyClientUpdate(connection, message.update);
        return;
      case "awareness":
        this.presence.applyFromClient(connection, message.update);
        return;
      case "query-awareness": {
        const everyone = this.presence.encodeAll();
        if (everyone) connection.send(everyone);
        return;
      }
      case "session-command":
        this.onSessionCommand?.(connection, message.json);
        return;
      case "thread-command":
        this.onThreadCommand?.(connection, message.json);
        return;
    }
  }

  /**
   * Answers a sync step 1 with what the client lacks. The whole document (an empty state
   * vector: every new client, every reconnect of a viewer) is encoded once and reused until the
   * next change, and what the server encodes for one connection is budgeted in bytes: a client
   * asking for the whole of a large document over and over is closed with 4429 instead of
   * keeping the server busy encoding.
   */
  private answerSyncStep1(connection: CollabConnection, stateVector: Uint8Array): void {
    if (!connection.syncEncodeBucket.hasAny()) {
      connection.close(CLOSE_CODES.rateLimited, "sync rate exceeded");
      return;
    }
    const update = isEmptyStateVector(stateVector)
      ? this.encodeFullState()
      : encodeIntegratedState(this.doc, stateVector);
    connection.syncEncodeBucket.charge(update.byteLength);
    connection.send(encodeSyncStep2Update(update));
  }

  private applyClientUpdate(connection: CollabConnection, update: Uint8Array): void {
    // Read-only members still sync (step 1 is answered above); what they send is dropped.
    if (!can(MEMBER, "model.edit-document", { kind: "model", role: connection.role })) return;
    if (this.approximateBytes + update.byteLength > LIMITS.documentBytes) {
      connection.close(CLOSE_CODES.documentTooLarge, "document size limit reached");
      return;
    }
    if (update.byteLength > LARGE_UPDATE_BYTES) {
      this.heldBack.set(connection, []);
      void this.applyLargeUpdate(connection, update);
      return;
    }
    try {
      const refusal = findUpdateRefusal(
        update,
        countEntities(this.doc),
        this.settings.updateLimits,
      );
      if (refusal) {
        connection.close(CLOSE_CODES.documentTooLarge, refusal);
        return;
      }
      Y.applyUpdate(this.doc, update, connection);
    } catch (error) {
      this.refuseUnreadable(connection, error);
    }
  }

  /**
   * A large update is checked and cut into slices by the document worker, then applied slice by
   * slice; the connection's later messages wait (in order) until it is, and everyone else is
   * served meanwhile.
   */
  private async applyLargeUpdate(connection: CollabConnection, update: Uint8Array): Promise<void> {
    try {
      const { refusal, slices } = await this.worker.check(
        update,
        countEntities(this.doc),
        this.settings.updateLimits ?? DEFAULT_UPDATE_LIMITS,
      );
      if (connection.isClosed || this.isDestroyed) return;
      if (refusal) {
        connection.close(CLOSE_CODES.documentTooLarge, refusal);
        return;
      }
      await this.applySlices(slices, connection);
      log.debug("large update applied", { modelId: this.modelId, slices: slices.length });
    } catch (error) {
      this.refuseUnreadable(connection, error);
      return;
    }
    const waiting = this.heldBack.get(connection) ?? [];
    this.heldBack.delete(connection);
    for (const message of waiting) this.receive(connection, message);
  }

  private refuseUnreadable(connection: CollabConnection, error: unknown): void {
    log.warn("update could not be applied", {
      modelId: this.modelId,
      userId: connection.user.id,
      error,
    });
    connection.close(CLOSE_CODES.malformedMessage, "update could not be applied");
  }

  private readonly handleDocUpdate = (
    update: Uint8Array,
    origin: unknown,
    _doc: Y.Doc,
    transaction: Y.Transaction,
  ): void => {
    this.encodedState = null;
    const message = encodeUpdateMessage(update);
    for (const connection of this.connections) {
      if (connection !== origin && !this.queues.has(connection)) connection.send(message);
    }
    if (origin === LOG_ORIGIN) return;
    if (origin !== REMOTE_ORIGIN) this.channel?.publishUpdate(update);
    this.approximateBytes += update.byteLength;
    const userId = origin instanceof CollabConnection ? origin.user.id : null;
    this.log.push({ bytes: update, userId });
    // Only this node's own clients: relayed updates are recorded by the node that took them.
    if (origin instanceof CollabConnection) {
      this.log.recordActivity(userId, Date.now(), summarizeTransaction(this.doc, transaction));
    }
  };

  /** The title for the models table; cleaned, since any peer could have written it. */
  private readTitle(): string | null {
    const title = stripControlCharacters(getTitle(this.doc))
      .slice(0, LIMITS.modelTitleLength)
      .trim();
    return title || null;
  }

  private joinBus(): void {
    const whenReady = (handle: () => void) => {
      if (this.isDestroyed) return;
      // Redis is a trust boundary too: a message another node could not have meant (a corrupt
      // state vector, say) is logged and skipped, never allowed to fail the room's load.
      const guarded = () => {
        try {
          handle();
        } catch (error) {
          log.warn("skipped a message from another node", { modelId: this.modelId, error });
        }
      };
      if (this.isReady) guarded();
      else this.remoteBacklog.push(guarded);
    };
    const listener: RoomBusListener = {
      onUpdate: (update) => whenReady(() => this.applyRemoteUpdate(update)),
      onAwareness: (update) => whenReady(() => this.presence.applyFromNode(update)),
      onSyncRequest: (stateVector, fromNode) =>
        whenReady(() => {
          this.channel?.replySync(
            fromNode,
            encodeIntegratedState(this.doc, stateVector),
            Y.encodeStateVector(this.doc),
          );
          // The asking node's clients should see who is here too.
          const own = this.presence.encodeOwn();
          if (own) this.channel?.publishAwareness(own);
        }),
      onSyncReply: (update, stateVector) =>
        whenReady(() => {
          this.applyRemoteUpdate(update);
          // Sync step two the other way: the answering node may lack what only this one has.
          this.channel?.publishUpdate(encodeIntegratedState(this.doc, stateVector));
        }),
      onConnected: () => whenReady(() => this.catchUp()),
      onPeerReconnected: () => whenReady(() => this.catchUp()),
      onAnnouncement: (event) => {
        if (!this.isDestroyed) this.onAnnouncement?.(event);
      },
      onNotice: (message) => {
        if (this.isDestroyed) return;
        this.onRemoteNotice?.();
        this.sendToGreeted(message);
      },
    };
    this.channel = this.bus.join(this.modelId, listener);
  }

  /**
   * After a lost link, here or on another node: asks the nodes holding the room for what this
   * document lacks, and merges what is stored, since a node that unloaded the room meanwhile
   * cannot answer but has stored what its clients wrote.
   */
  private catchUp(): void {
    this.channel?.requestSync(Y.encodeStateVector(this.doc));
    void this.mergeStoredDocument();
  }

  /**
   * Applies what the store holds to this document (and so to its clients): edits other nodes
   * stored while this node did not hear from them. Failures are logged; the next compaction
   * merges the stored state anyway.
   */
  private async mergeStoredDocument(): Promise<void> {
    try {
      const stored = await this.store.load();
      if (this.isDestroyed) return;
      await this.mergeStored(
        stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates,
      );
    } catch (error) {
      log.warn("could not read the stored document after reconnecting", {
        modelId: this.modelId,
        error,
      });
    }
  }

  private leaveBus(): void {
    this.channel?.leave();
    this.channel = null;
    this.remoteBacklog = [];
  }

  private applyRemoteUpdate(update: Uint8Array): void {
    try {
      Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
    } catch (error) {
      log.warn("update from another node could not be applied", { modelId: this.modelId, error });
    }
  }
}

/** True for a state vector that lists no client: its sender has nothing yet. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  try {
    return Y.decodeStateVector(stateVector).size === 0;
  } catch {
    return false;
  }
}
