import * as Y from "yjs";
import { CLOSE_CODES } from "@/lib/collab/close-codes";
import { LIMITS } from "@/lib/limits";
import { MESSAGE_SESSION_CHANGED } from "@/lib/collab/messages";
import type { Database } from "@/server/db/client";
import { log } from "@/server/logger";
import { checkConnectionAccess } from "@/server/collab/access";
import type { CollabConnection } from "@/server/collab/connection";
import { isModelGone } from "@/server/collab/persistence";
import { databaseDocumentStore } from "@/server/collab/document-store";
import { Room, SERVER_ORIGIN, type RoomSettings } from "@/server/collab/room";
import { localRoomBus, type RoomAnnouncement, type RoomBus } from "@/server/collab/room-bus";

/** Wait before trying again to unload a room that could not be saved (database away). */
const UNLOAD_RETRY_MS = 2_000;

/** Settings of the manager: the room settings plus when empty rooms unload. */
export interface RoomManagerSettings extends RoomSettings {
  unloadGraceMs: number;
  /** Connections one user may hold to one model on this node; LIMITS by default. */
  maxConnectionsPerUserPerModel?: number;
  /** Connections to one model on this node; LIMITS by default. */
  maxConnectionsPerModel?: number;
}

/** A connection refused because its user or its model already holds as many as allowed. */
export class ConnectionLimitError extends Error {
  override readonly name = "ConnectionLimitError";
}

/** Checks whether a connection may stay: its current role, or the code to close it with. */
export type AccessCheck = (
  connection: CollabConnection,
  modelId: string,
) => Promise<{ role: CollabConnection["role"] } | { closeCode: number; reason: string }>;

/**
 * The loaded rooms of this process. A room is loaded on its first connection (or server-side
 * change), and compacted and unloaded once it has been idle for the grace period.
 */
export class RoomManager {
  private readonly rooms = new Map<string, Room>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private isShuttingDown = false;
  private readonly bus: RoomBus;
  private readonly accessCheck: AccessCheck;

  constructor(
    private readonly db: Database,
    private readonly settings: RoomManagerSettings,
    options: {
      /** Where rooms meet their copies on other nodes; none by default. */
      bus?: RoomBus;
      /** Whether a connection may stay; the membership and credential policy by default. */
      accessCheck?: AccessCheck;
    } = {},
  ) {
    this.bus = options.bus ?? localRoomBus;
    this.accessCheck =
      options.accessCheck ??
      ((connection, modelId) => checkConnectionAccess(db, connection, modelId));
  }

  /** Number of loaded rooms. */
  get roomCount(): number {
    return this.rooms.size;
  }

  /** Number of open connections across rooms. */
  get connectionCount(): number {
    let total = 0;
    for (const room of this.rooms.values()) total += room.connections.size;
    return total;
  }

  /** The loaded room of a model, if any (for tests and diagnostics). */
  peek(modelId: string): Room | undefined {
    return this.rooms.get(modelId);
  }

  private async acquire(modelId: string): Promise<Room> {
    const timer = this.unloadTimers.get(modelId);
    if (timer) {
      clearTimeout(timer);
      this.unloadTimers.delete(modelId);
    }
    // A room being unloaded finishes first; its successor then loads what it stored.
    const unloading = this.unloading.get(modelId);
    if (unloading) await unloading;
    let room = this.rooms.get(modelId);
    if (!room) {
      room = new Room(modelId, databaseDocumentStore(this.db, modelId), this.settings, this.bus);
      room.onModelGone = () =>
        this.closeModel(modelId, CLOSE_CODES.modelDeleted, "the model was deleted");
      room.onAnnouncement = (event) => this.handleAnnouncement(modelId, event);
      room.onSessionCommand = (connection, json) =>
        this.onSessionCommand?.(modelId, connection, json);
      room.onThreadCommand = (connection, json) =>
        this.onThreadCommand?.(modelId, connection, json);
      room.onRemoteNotice = () => this.onRemoteNotice?.(modelId);
      this.rooms.set(modelId, room);
      this.onRoomCreated?.(modelId);
      const created = room;
      created.ready.catch((error: unknown) => {
        log.error("room could not be loaded", { modelId, error });
        if (this.rooms.get(modelId) === created) this.rooms.delete(modelId);
        created.closeAll(CLOSE_CODES.roomUnavailable, "the model could not be loaded");
        created.destroy();
      });
    }
    return room;
  }

  /**
   * Puts an authorized connection into the model's room. `queue` holds the messages the socket
   * sent so far; the caller keeps adding to it until this resolves, and the room handles them
   * in order once it is loaded (one queue from the upgrade to the room).
   */
  async connect(modelId: string, connection: CollabConnection, queue: Uint8Array[]): Promise<Room> {
    if (this.isShuttingDown) {
      connection.close(CLOSE_CODES.serverShutdown, "server shutting down");
      throw new Error("shutting down");
    }
    const room = await this.acquire(modelId);
    const refusal = this.connectionLimitReached(room, connection.user.id);
    if (refusal) {
      connection.close(CLOSE_CODES.rateLimited, refusal);
      throw new ConnectionLimitError(refusal);
    }
    room.addConnection(connection, queue);
    return room;
  }

  /**
   * Why one more connection of `userId` may not join `room`, or null when it may. Bounds what
   * one account (or a leaked token) can hold open, and what one model costs a node.
   */
  private connectionLimitReached(room: Room, userId: string): string | null {
    const perModel = this.settings.maxConnectionsPerModel ?? LIMITS.connectionsPerModel;
    if (room.connections.size >= perModel) return "too many connections to this model";
    const perUser =
      this.settings.maxConnectionsPerUserPerModel ?? LIMITS.connectionsPerUserPerModel;
    let ofUser = 0;
    for (const other of room.connections) if (other.user.id === userId && !other.isClosed) ofUser++;
    return ofUser >= perUser ? "too many connections of this user to this model" : null;
  }

  /** Takes a connection out of its room; an idle room unloads after the grace period. */
  disconnect(modelId: string, connection: CollabConnection): void {
    const room = this.rooms.get(modelId);
    if (!room) return;
    room.removeConnection(connection);
    this.scheduleUnloadIfIdle(room);
  }

  private scheduleUnloadIfIdle(room: Room, delayMs = this.settings.unloadGraceMs): void {
    if (!room.isIdle || this.unloadTimers.has(room.modelId) || this.isShuttingDown) return;
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.modelId);
      void this.unload(room);
    }, delayMs);
    timer.unref();
    this.unloadTimers.set(room.modelId, timer);
  }

  private async unload(room: Room): Promise<void> {
    if (!room.isIdle || this.rooms.get(room.modelId) !== room) return;
    const done = (async () => {
      try {
        await room.ready;
        await room.unload();
        this.rooms.delete(room.modelId);
        log.debug("room unloaded", { modelId: room.modelId });
      } catch (error) {
        if (await isModelGone(this.db, room.modelId, error)) {
          this.closeModel(room.modelId, CLOSE_CODES.modelDeleted, "the model was deleted");
          return;
        }
        // Keep the room (and its unsaved updates) loaded; try again later.
        log.warn("room could not be unloaded; will retry", { modelId: room.modelId, error });
        this.scheduleUnloadIfIdle(room, Math.max(this.settings.unloadGraceMs, UNLOAD_RETRY_MS));
      }
    })();
    this.unloading.set(room.modelId, done);
    await done;
    this.unloading.delete(room.modelId);
  }

  /** Reads a model's document as it is now, loading its room when needed (and holding it). */
  async read<T>(
    modelId: string,
    read: (doc: Y.Doc, room: Pick<Room, "encodeFullState">) => T,
  ): Promise<T> {
    const room = await this.acquire(modelId);
    room.holds += 1;
    try {
      await room.ready;
      return read(room.doc, room);
    } finally {
      room.holds -= 1;
      this.scheduleUnloadIfIdle(room);
    }
  }

  /**
   * Applies a server-side change to a model's document (for example a rename through the API),
   * loading the room when needed. The change reaches every client and the log like any edit.
   */
  async change(modelId: string, apply: (doc: Y.Doc) => void): Promise<void> {
    const room = await this.acquire(modelId);
    room.holds += 1;
    try {
      await room.ready;
      Y.transact(room.doc, () => apply(room.doc), SERVER_ORIGIN);
      await room.flush();
    } finally {
      room.holds -= 1;
      this.scheduleUnloadIfIdle(room);
    }
  }

  /**
   * Re-checks every connection of one model (or of all models) on this node and closes those
   * that lost access; a changed role takes effect in place.
   */
  async recheckAccess(modelId?: string): Promise<void> {
    const rooms = modelId
      ? [this.rooms.get(modelId)].filter((r) => r !== undefined)
      : [...this.rooms.values()];
    for (const room of rooms) {
      for (const connection of [...room.connections]) {
        try {
          const verdict = await this.accessCheck(connection, room.modelId);
          if ("role" in verdict) connection.role = verdict.role;
          else connection.close(verdict.closeCode, verdict.reason);
        } catch (error) {
          log.warn("access recheck failed; connection kept until the next check", {
            modelId: room.modelId,
            error,
          });
        }
      }
    }
  }

  /**
   * After a model's members changed: re-checks its connections on this node and has every
   * other node holding its room do the same at once.
   */
  async reportAccessChanged(modelId: string): Promise<void> {
    this.bus.announce(modelId, "access-changed");
    await this.recheckAccess(modelId);
  }

  /**
   * After a model was deleted: closes its connections and drops its room on this node and on
   * every other node holding it.
   */
  reportModelDeleted(modelId: string): void {
    this.bus.announce(modelId, "model-deleted");
    this.closeModel(modelId, CLOSE_CODES.modelDeleted, "the model was deleted");
  }

  /**
   * Sends a message (the facilitated session, lib/collab/messages.ts) to every greeted
   * connection of the model on this node.
   */
  pushSession(modelId: string, message: Uint8Array): void {
    this.rooms.get(modelId)?.sendToGreeted(message);
  }

  /**
   * Sends a message for the model's clients (a thread changed) to every greeted connection of
   * the model, on this node and on every other node holding its room.
   */
  pushNotice(modelId: string, message: Uint8Array): void {
    this.rooms.get(modelId)?.sendToGreeted(message);
    this.bus.sendNotice(modelId, message);
  }

  /**
   * Tells the other nodes holding the model's room that its facilitated session changed: they
   * drop what they hold of it and have their connections fetch the stored one.
   */
  announceSessionChanged(modelId: string): void {
    this.bus.announce(modelId, "session-changed");
  }

  /**
   * Called when this node creates a model's room: what the node kept about the model while it
   * had no room (and so heard no announcements) may be stale.
   */
  onRoomCreated: ((modelId: string) => void) | null = null;

  /** Called when another node announced that a model's facilitated session changed. */
  onRemoteSessionChange: ((modelId: string) => void) | null = null;

  /**
   * Handles a facilitator's command sent on a connection (MESSAGE_SESSION_COMMAND, the JSON
   * after the type byte); the handler checks the connection's role and answers on it.
   */
  onSessionCommand:
    ((modelId: string, connection: CollabConnection, json: Uint8Array) => void) | null = null;

  /** Called when another node sent a notice to a model's clients (a thread changed there). */
  onRemoteNotice: ((modelId: string) => void) | null = null;

  /**
   * Handles a thread command sent on a connection (MESSAGE_THREAD_COMMAND, the JSON after the
   * type byte); the handler checks the connection's role and answers on it.
   */
  onThreadCommand:
    ((modelId: string, connection: CollabConnection, json: Uint8Array) => void) | null = null;

  private handleAnnouncement(modelId: string, event: RoomAnnouncement): void {
    switch (event) {
      case "session-changed":
        this.onRemoteSessionChange?.(modelId);
        this.rooms.get(modelId)?.sendToGreeted(new Uint8Array([MESSAGE_SESSION_CHANGED]));
        return;
      case "model-deleted":
        this.closeModel(modelId, CLOSE_CODES.modelDeleted, "the model was deleted");
        return;
      case "access-changed":
        void this.recheckAccess(modelId);
        return;
    }
  }

  /** Closes every connection of a model, e.g. when it is deleted, and drops its room unsaved. */
  closeModel(modelId: string, code: number, reason: string): void {
    const room = this.rooms.get(modelId);
    if (!room) return;
    room.closeAll(code, reason);
    const timer = this.unloadTimers.get(modelId);
    if (timer) clearTimeout(timer);
    this.unloadTimers.delete(modelId);
    this.rooms.delete(modelId);
    room.destroy();
  }

  /** Every open connection with its model, for heartbeats and access sweeps. */
  *connections(): Iterable<{ modelId: string; connection: CollabConnection }> {
    for (const room of this.rooms.values()) {
      for (const connection of room.connections) yield { modelId: room.modelId, connection };
    }
  }

  /** Closes every connection, then flushes and compacts every room. */
  async shutdown(): Promise<void> {
    this.isShuttingDown = true;
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    await Promise.allSettled(this.unloading.values());
    const rooms = [...this.rooms.values()];
    for (const room of rooms) room.closeAll(CLOSE_CODES.serverShutdown, "server shutting down");
    await Promise.allSettled(
      rooms.map(async (room) => {
        try {
          await room.ready;
          await room.unload();
        } catch (error) {
          log.error("room not saved at shutdown", {
            modelId: room.modelId,
            pending: room.pendingCount,
            error,
          });
        }
      }),
    );
    this.rooms.clear();
  }
}
