import * as Y from "yjs";
import {
  Awareness,
  encodeAwarenessUpdate,
  removeAwarenessStates,
  applyAwarenessUpdate,
} from "y-protocols/awareness";
import { CLOSE_CODES } from "@/lib/collab/close-codes";
import { LIMITS } from "@/lib/limits";
import { stripControlCharacters } from "@/lib/text";
import { getTitle } from "@/lib/model/meta";
import { migrateDocument } from "@/lib/model/migrations";
import { can, MEMBER } from "@/server/policies/policy";
import type { Database } from "@/server/db/client";
import { log } from "@/server/logger";
import { CollabConnection } from "@/server/collab/connection";
import type {
  RoomAnnouncement,
  RoomBus,
  RoomBusListener,
  RoomChannel,
} from "@/server/collab/room-bus";
import {
  appendUpdates,
  compactDocument,
  isModelGone,
  touchModel,
  loadStoredDocument,
  type PendingUpdate,
} from "@/server/collab/persistence";
import {
  MalformedMessageError,
  PresenceTooLargeError,
  decodeAwarenessUpdate,
  decodeClientMessage,
  encodeAwarenessEntries,
  encodeAwarenessMessage,
  encodeSyncStep1,
  encodeSyncStep2Update,
  encodeUpdateMessage,
  type ClientMessage,
} from "@/server/collab/protocol";

/** Origin of changes made by the server itself (migrations, API renames). */
export const SERVER_ORIGIN = Symbol("server");
/** Origin of updates read back from the log during compaction: relayed, not logged again. */
const LOG_ORIGIN = Symbol("log");
/** Origin of updates and awareness from other nodes: relayed and logged, not published again. */
const REMOTE_ORIGIN = Symbol("remote");

/** Settings of a room, from the server environment. */
export interface RoomSettings {
  persistIntervalMs: number;
  compactAfterUpdates: number;
}

const MAX_BUFFERED_MESSAGES = 200;
const MAX_RETRY_DELAY_MS = 5_000;
const MODEL_TOUCH_INTERVAL_MS = 5_000;
/** A node may speak for all of its clients at once (its answer to a sync request). */
const MAX_REMOTE_AWARENESS_ENTRIES = 10_000;

/**
 * One loaded threat model: its Y.Doc, awareness and connections. A room answers no client
 * before its persisted state is fully loaded; every update is appended to the log within
 * `persistIntervalMs`; the log is compacted every `compactAfterUpdates` updates and on unload.
 * With a room bus, the room publishes what its own clients change and applies (and logs) what
 * other nodes publish, so every node's log holds every update its clients may have seen.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly connections = new Set<CollabConnection>();
  /** Resolves when the persisted state is loaded; rejects when it cannot be. */
  readonly ready: Promise<void>;
  /** Server-side users of the room (API changes); a held room is never unloaded. */
  holds = 0;

  private isReady = false;
  private isDestroyed = false;
  private readonly buffered = new Map<CollabConnection, Uint8Array[]>();
  private readonly awarenessOwners = new Map<number, CollabConnection>();
  /** Awareness ids announced by other nodes, with the user each speaks for. */
  private readonly remoteAwarenessUsers = new Map<number, string>();
  private channel: RoomChannel | null = null;
  /** Messages from other nodes that arrived while the room loaded, handled once it is ready. */
  private remoteBacklog: (() => void)[] = [];
  private pending: PendingUpdate[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private retryDelayMs = 0;
  private loggedSinceCompaction = 0;
  private storedTitle: string | null | undefined = undefined;
  private modelTouchedAt = 0;
  /** The last append left the model's updatedAt behind (see appendUpdates). */
  private isModelTouchPending = false;
  /** Bytes of the stored state plus updates since; an estimate of the document's size. */
  private approximateBytes = 0;
  /** The whole document encoded as one update, until the next change; null when stale. */
  private encodedState: Uint8Array | null = null;

  constructor(
    readonly modelId: string,
    private readonly db: Database,
    private readonly settings: RoomSettings,
    private readonly bus: RoomBus,
  ) {
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on("update", this.handleDocUpdate);
    this.awareness.on("update", this.handleAwarenessUpdate);
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

  /** Number of updates waiting to be appended to the log. */
  get pendingCount(): number {
    return this.pending.length;
  }

  /** True when every update is in the log and no append or compaction is under way. */
  get isSettled(): boolean {
    return this.pending.length === 0 && this.flushing === null;
  }

  private async load(): Promise<void> {
    const stored = await loadStoredDocument(this.db, this.modelId);
    Y.transact(
      this.doc,
      () => {
        if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot, LOG_ORIGIN);
        for (const update of stored.updates) Y.applyUpdate(this.doc, update, LOG_ORIGIN);
      },
      LOG_ORIGIN,
    );
    this.loggedSinceCompaction = stored.updates.length;
    this.approximateBytes =
      (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((sum, u) => sum + u.byteLength, 0);
    // Migrations run before any client is answered; their changes are logged like any other.
    Y.transact(this.doc, () => migrateDocument(this.doc), SERVER_ORIGIN);
    this.isReady = true;
    for (const handle of this.remoteBacklog.splice(0)) handle();
    for (const connection of this.connections) this.greet(connection);
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
      onAwareness: (update) => whenReady(() => this.applyRemoteAwareness(update)),
      onSyncRequest: (stateVector, fromNode) =>
        whenReady(() => {
          this.channel?.replySync(
            fromNode,
            Y.encodeStateAsUpdate(this.doc, stateVector),
            Y.encodeStateVector(this.doc),
          );
          // The asking node's clients should see who is here too.
          const states = this.awareness.getStates();
          const own = [...this.awarenessOwners.keys()].filter((id) => states.has(id));
          if (own.length > 0) {
            this.channel?.publishAwareness(encodeAwarenessUpdate(this.awareness, own));
          }
        }),
      onSyncReply: (update, stateVector) =>
        whenReady(() => {
          this.applyRemoteUpdate(update);
          // Sync step two the other way: the answering node may lack what only this one has.
          this.channel?.publishUpdate(Y.encodeStateAsUpdate(this.doc, stateVector));
        }),
      onConnected: () => whenReady(() => this.catchUp()),
      onPeerReconnected: () => whenReady(() => this.catchUp()),
      onAnnouncement: (event) => {
        if (!this.isDestroyed) this.onAnnouncement?.(event);
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
   * Applies what the database holds to this document (and so to its clients): edits other
   * nodes stored while this node did not hear from them. Failures are logged; the next
   * compaction merges the stored state anyway.
   */
  private async mergeStoredDocument(): Promise<void> {
    try {
      const stored = await loadStoredDocument(this.db, this.modelId);
      if (this.isDestroyed) return;
      Y.transact(
        this.doc,
        () => {
          if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot, LOG_ORIGIN);
          for (const update of stored.updates) Y.applyUpdate(this.doc, update, LOG_ORIGIN);
        },
        LOG_ORIGIN,
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

  /**
   * Applies presence another node published. That node has already tied each state to its
   * signed-in user; it may not speak for this node's own clients.
   */
  private applyRemoteAwareness(update: Uint8Array): void {
    let entries;
    try {
      entries = decodeAwarenessUpdate(update, { maxEntries: MAX_REMOTE_AWARENESS_ENTRIES });
    } catch (error) {
      log.warn("awareness from another node ignored", { modelId: this.modelId, error });
      return;
    }
    const remote = entries.filter((entry) => !this.awarenessOwners.has(entry.clientId));
    for (const entry of remote) {
      const user = entry.state?.user;
      const userId =
        typeof user === "object" && user !== null && "id" in user && typeof user.id === "string"
          ? user.id
          : "";
      if (entry.state === null) this.remoteAwarenessUsers.delete(entry.clientId);
      else this.remoteAwarenessUsers.set(entry.clientId, userId);
    }
    if (remote.length === 0) return;
    applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(remote), REMOTE_ORIGIN);
  }

  /**
   * Adds a connection; messages it sent before the room was ready are handled in order once
   * it is. The caller has already authorized the connection.
   */
  addConnection(connection: CollabConnection, earlyMessages: Uint8Array[] = []): void {
    this.connections.add(connection);
    this.buffered.set(connection, [...earlyMessages]);
    if (this.isReady) this.greet(connection);
  }

  private greet(connection: CollabConnection): void {
    if (connection.isClosed) return;
    connection.send(encodeSyncStep1(this.doc));
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) {
      connection.send(encodeAwarenessMessage(encodeAwarenessUpdate(this.awareness, clients)));
    }
    const early = this.buffered.get(connection) ?? [];
    this.buffered.delete(connection);
    for (const message of early) this.handleMessage(connection, message);
  }

  /** Handles one websocket message of a connection in this room. */
  receive(connection: CollabConnection, data: Uint8Array): void {
    const early = this.buffered.get(connection);
    if (early) {
      if (early.length >= MAX_BUFFERED_MESSAGES) {
        connection.close(CLOSE_CODES.rateLimited, "too many messages while the room loads");
        return;
      }
      early.push(data);
      return;
    }
    this.handleMessage(connection, data);
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
        this.applyClientAwareness(connection, message.update);
        return;
      case "query-awareness": {
        const clients = [...this.awareness.getStates().keys()];
        connection.send(encodeAwarenessMessage(encodeAwarenessUpdate(this.awareness, clients)));
        return;
      }
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
      ? (this.encodedState ??= Y.encodeStateAsUpdate(this.doc))
      : Y.encodeStateAsUpdate(this.doc, stateVector);
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
    try {
      Y.applyUpdate(this.doc, update, connection);
    } catch (error) {
      log.warn("update could not be applied", {
        modelId: this.modelId,
        userId: connection.user.id,
        error,
      });
      connection.close(CLOSE_CODES.malformedMessage, "update could not be applied");
    }
  }

  private applyClientAwareness(connection: CollabConnection, update: Uint8Array): void {
    if (!connection.awarenessBucket.take()) {
      connection.close(CLOSE_CODES.rateLimited, "awareness rate exceeded");
      return;
    }
    let entries;
    try {
      entries = decodeAwarenessUpdate(update, { maxStateBytes: LIMITS.presenceStateBytes });
    } catch (error) {
      if (error instanceof PresenceTooLargeError) {
        connection.close(CLOSE_CODES.documentTooLarge, "presence state too large");
        return;
      }
      if (!(error instanceof MalformedMessageError)) throw error;
      connection.close(CLOSE_CODES.malformedMessage, "malformed awareness");
      return;
    }
    // A client may only speak for its own awareness ids, and only as the user it signed in as.
    // Clients echo the presence they hear from others, at the clock they heard it. An id
    // another node announced is taken over only by the same user moving it forward: the client
    // itself, reconnected here after its node went away.
    // One presence per connection: the first id it announces is its own, and a state for any
    // other id it does not own is dropped (a client cannot fill the room with phantoms).
    let [ownedId] = connection.awarenessClientIds;
    const own = entries.filter((entry) => {
      const owner = this.awarenessOwners.get(entry.clientId);
      if (owner !== undefined) return owner === connection;
      const remoteUser = this.remoteAwarenessUsers.get(entry.clientId);
      const heardClock = this.awareness.meta.get(entry.clientId)?.clock ?? 0;
      if (
        remoteUser !== undefined &&
        (remoteUser !== connection.user.id || entry.clock <= heardClock)
      ) {
        return false;
      }
      if (entry.state === null) return true;
      if (ownedId !== undefined && ownedId !== entry.clientId) return false;
      ownedId = entry.clientId;
      return true;
    });
    for (const entry of own) {
      if (entry.state === null) continue;
      this.remoteAwarenessUsers.delete(entry.clientId);
      this.awarenessOwners.set(entry.clientId, connection);
      connection.awarenessClientIds.add(entry.clientId);
      const claimed = entry.state.user;
      const color =
        typeof claimed === "object" &&
        claimed !== null &&
        "color" in claimed &&
        typeof claimed.color === "string"
          ? claimed.color.slice(0, 32)
          : undefined;
      entry.state.user = {
        id: connection.user.id,
        name: connection.user.name,
        color,
        role: connection.role,
      };
    }
    if (own.length === 0) return;
    applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(own), connection);
  }

  /** Removes a connection and its presence; schedules nothing (the manager decides unloads). */
  removeConnection(connection: CollabConnection): void {
    this.connections.delete(connection);
    this.buffered.delete(connection);
    const ids = [...connection.awarenessClientIds];
    for (const id of ids) this.awarenessOwners.delete(id);
    if (ids.length > 0 && !this.isDestroyed) removeAwarenessStates(this.awareness, ids, null);
  }

  /** True when no client and no server-side change uses the room. */
  get isIdle(): boolean {
    return this.connections.size === 0 && this.holds === 0;
  }

  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.encodedState = null;
    const message = encodeUpdateMessage(update);
    for (const connection of this.connections) {
      if (connection !== origin && !this.buffered.has(connection)) connection.send(message);
    }
    if (origin === LOG_ORIGIN) return;
    if (origin !== REMOTE_ORIGIN) this.channel?.publishUpdate(update);
    this.approximateBytes += update.byteLength;
    const userId = origin instanceof CollabConnection ? origin.user.id : null;
    this.pending.push({ bytes: update, userId });
    this.scheduleFlush();
  };

  private readonly handleAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    for (const id of change.removed) this.remoteAwarenessUsers.delete(id);
    const clients = [...change.added, ...change.updated, ...change.removed];
    if (clients.length === 0) return;
    const awarenessUpdate = encodeAwarenessUpdate(this.awareness, clients);
    if (origin !== REMOTE_ORIGIN) this.channel?.publishAwareness(awarenessUpdate);
    const message = encodeAwarenessMessage(awarenessUpdate);
    // The sender gets its own update back too: a client alone in a room (a viewer, say) then
    // still hears from the server every 15 s, and y-websocket's 30 s silence watchdog never
    // tears down a healthy connection.
    for (const connection of this.connections) {
      if (!this.buffered.has(connection)) connection.send(message);
    }
  };

  /** Schedules an append: after the batching interval, or the retry delay after a failure. */
  private scheduleFlush(): void {
    if (this.flushTimer || this.isDestroyed) return;
    this.flushTimer = setTimeout(
      () => {
        this.flushTimer = null;
        void this.flush().catch(() => undefined);
      },
      this.retryDelayMs > 0 ? this.retryDelayMs : this.settings.persistIntervalMs,
    );
  }

  /**
   * Appends every pending update to the log. On a database error the updates stay pending (in
   * order, in memory) and the flush is retried with a growing delay until the database takes
   * them; nothing is dropped.
   */
  flush(): Promise<void> {
    this.flushing ??= this.flushOnce().finally(() => {
      this.flushing = null;
      // Updates that arrived during the last await (a compaction, say) found this flush under
      // way and scheduled nothing of their own.
      if (this.pending.length > 0) this.scheduleFlush();
    });
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        const title = this.readTitle();
        const now = Date.now();
        const shouldTouchModel =
          title !== this.storedTitle || now - this.modelTouchedAt >= MODEL_TOUCH_INTERVAL_MS;
        await appendUpdates(this.db, {
          modelId: this.modelId,
          updates: batch,
          title,
          touchModel: shouldTouchModel,
        });
        if (shouldTouchModel) {
          this.storedTitle = title;
          this.modelTouchedAt = now;
        }
        this.isModelTouchPending = !shouldTouchModel;
        this.retryDelayMs = 0;
        this.loggedSinceCompaction += batch.length;
      } catch (error) {
        if (await isModelGone(this.db, this.modelId, error)) {
          // Deleted (through another node): nothing can be stored for it any more.
          log.info("the model was deleted; its room is dropped", { modelId: this.modelId });
          this.pending = [];
          this.onModelGone?.();
          return;
        }
        this.pending = [...batch, ...this.pending];
        this.retryDelayMs = Math.min(MAX_RETRY_DELAY_MS, Math.max(100, this.retryDelayMs * 2));
        log.warn("could not append updates; will retry", {
          modelId: this.modelId,
          pending: this.pending.length,
          retryInMs: this.retryDelayMs,
          error,
        });
        // Edits made meanwhile may have scheduled an early attempt; wait the full delay instead.
        if (this.flushTimer) clearTimeout(this.flushTimer);
        this.flushTimer = null;
        this.scheduleFlush();
        throw error;
      }
    }
    if (this.loggedSinceCompaction >= this.settings.compactAfterUpdates) {
      await this.fold().catch((error: unknown) =>
        log.warn("compaction failed", { modelId: this.modelId, error }),
      );
    }
  }

  /** The title for the models table; cleaned, since any peer could have written it. */
  private readTitle(): string | null {
    const title = stripControlCharacters(getTitle(this.doc))
      .slice(0, LIMITS.modelTitleLength)
      .trim();
    return title || null;
  }

  /** Flushes, brings the model's updatedAt up to date, then folds the log into a snapshot. */
  async compact(): Promise<void> {
    await this.flush();
    if (this.isModelTouchPending) {
      const title = this.readTitle();
      await touchModel(this.db, { modelId: this.modelId, title });
      this.isModelTouchPending = false;
      this.storedTitle = title;
      this.modelTouchedAt = Date.now();
    }
    await this.fold();
  }

  /**
   * Folds the log into a snapshot. Updates another node logged are applied to this document
   * first, so the snapshot holds everything the log held. Runs inside a flush or after one,
   * never concurrently with a flush's append.
   */
  private async fold(): Promise<void> {
    let mergedBytes: number | null = null;
    const result = await compactDocument(this.db, {
      modelId: this.modelId,
      mergeState: (logged) => {
        Y.transact(
          this.doc,
          () => {
            for (const update of logged) Y.applyUpdate(this.doc, update, LOG_ORIGIN);
          },
          LOG_ORIGIN,
        );
        const state = Y.encodeStateAsUpdate(this.doc);
        mergedBytes = state.byteLength;
        return state;
      },
    });
    this.loggedSinceCompaction = Math.max(0, this.loggedSinceCompaction - result.foldedUpdates);
    if (mergedBytes !== null) this.approximateBytes = mergedBytes;
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
      if (this.pending.length > 0) throw new Error("updates still pending");
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
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.leaveBus();
    this.doc.off("update", this.handleDocUpdate);
    this.awareness.off("update", this.handleAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** Closes every connection with the code. */
  closeAll(code: number, reason: string): void {
    for (const connection of [...this.connections]) connection.close(code, reason);
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
