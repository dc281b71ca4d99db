import type * as Y from "yjs";
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from "y-protocols/awareness";
import { CLOSE_CODES } from "@/lib/collab/close-codes";
import { LIMITS } from "@/lib/limits";
import { log } from "@/server/logger";
import type { CollabConnection } from "@/server/collab/connection";
import {
  MalformedMessageError,
  PresenceTooLargeError,
  decodeAwarenessUpdate,
  encodeAwarenessEntries,
  encodeAwarenessMessage,
} from "@/server/collab/protocol";

/** Origin of presence from other nodes: relayed to clients, not published again. */
const REMOTE_ORIGIN = Symbol("remote-presence");
/** A node may speak for all of its clients at once (its answer to a sync request). */
const MAX_REMOTE_AWARENESS_ENTRIES = 10_000;

/** Where a room's presence goes. */
export interface RoomPresenceHooks {
  /** Publishes an awareness update this node accepted to the other nodes. */
  publish(update: Uint8Array): void;
  /** Sends an awareness message to every connection of the room that has been greeted. */
  broadcast(message: Uint8Array): void;
}

/**
 * Who is in a room and where they are: the awareness states of this node's clients and of the
 * other nodes' clients. The server decides who each state speaks for: a client may hold one
 * presence (the first id it announces), at most LIMITS.presenceStateBytes, always stamped with
 * the signed-in user's id, name and role; an id another node announced is taken over only by
 * the same user moving it forward (the client itself, reconnected here).
 */
export class RoomPresence {
  readonly awareness: Awareness;
  /** Awareness ids of this node's clients, and the connection each belongs to. */
  private readonly owners = new Map<number, CollabConnection>();
  /** Awareness ids announced by other nodes, with the user each speaks for. */
  private readonly remoteUsers = new Map<number, string>();

  constructor(
    doc: Y.Doc,
    private readonly modelId: string,
    private readonly hooks: RoomPresenceHooks,
  ) {
    this.awareness = new Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on("update", this.handleUpdate);
  }

  /** Every presence in the room as one awareness message; null when nobody is present. */
  encodeAll(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    return clients.length > 0
      ? encodeAwarenessMessage(encodeAwarenessUpdate(this.awareness, clients))
      : null;
  }

  /** This node's own clients' presence as an awareness update, for the other nodes; or null. */
  encodeOwn(): Uint8Array | null {
    const states = this.awareness.getStates();
    const own = [...this.owners.keys()].filter((id) => states.has(id));
    return own.length > 0 ? encodeAwarenessUpdate(this.awareness, own) : null;
  }

  /**
   * Applies an awareness message of one of this node's clients, within its rate and the rules
   * above; closes the connection (4429, 4413, 4400) when it breaks them.
   */
  applyFromClient(connection: CollabConnection, update: Uint8Array): void {
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
    // Clients echo the presence they hear from others, at the clock they heard it: those
    // entries are dropped. One presence per connection: a state for any other id it does not
    // own is dropped too, so a client cannot fill the room with phantoms.
    let [ownedId] = connection.awarenessClientIds;
    const own = entries.filter((entry) => {
      const owner = this.owners.get(entry.clientId);
      if (owner !== undefined) return owner === connection;
      const remoteUser = this.remoteUsers.get(entry.clientId);
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
      this.remoteUsers.delete(entry.clientId);
      this.owners.set(entry.clientId, connection);
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

  /**
   * Applies presence another node published. That node has already tied each state to its
   * signed-in user; it may not speak for this node's own clients. Unreadable input is logged
   * and skipped.
   */
  applyFromNode(update: Uint8Array): void {
    let entries;
    try {
      entries = decodeAwarenessUpdate(update, { maxEntries: MAX_REMOTE_AWARENESS_ENTRIES });
    } catch (error) {
      log.warn("awareness from another node ignored", { modelId: this.modelId, error });
      return;
    }
    const remote = entries.filter((entry) => !this.owners.has(entry.clientId));
    for (const entry of remote) {
      const user = entry.state?.user;
      const userId =
        typeof user === "object" && user !== null && "id" in user && typeof user.id === "string"
          ? user.id
          : "";
      if (entry.state === null) this.remoteUsers.delete(entry.clientId);
      else this.remoteUsers.set(entry.clientId, userId);
    }
    if (remote.length === 0) return;
    applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(remote), REMOTE_ORIGIN);
  }

  /** Removes a connection's presence, telling everyone it left. */
  removeConnection(connection: CollabConnection): void {
    const ids = [...connection.awarenessClientIds];
    for (const id of ids) this.owners.delete(id);
    if (ids.length > 0) removeAwarenessStates(this.awareness, ids, null);
  }

  /** Stops relaying and frees the awareness. */
  destroy(): void {
    this.awareness.off("update", this.handleUpdate);
    this.awareness.destroy();
  }

  private readonly handleUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    for (const id of change.removed) this.remoteUsers.delete(id);
    const clients = [...change.added, ...change.updated, ...change.removed];
    if (clients.length === 0) return;
    const update = encodeAwarenessUpdate(this.awareness, clients);
    if (origin !== REMOTE_ORIGIN) this.hooks.publish(update);
    // The sender gets its own update back too: a client alone in a room (a viewer, say) then
    // still hears from the server every 15 s, and y-websocket's 30 s silence watchdog never
    // tears down a healthy connection.
    this.hooks.broadcast(encodeAwarenessMessage(update));
  };
}
