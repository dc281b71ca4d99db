/**
 * The channel between server nodes that serve the same rooms. Each node publishes the updates
 * and awareness its own clients send, and applies what the other nodes publish; a node that may
 * have missed messages (it just loaded the room, or its link to the others came back) asks the
 * others for what its document lacks. No node is special. Without scale-out the bus is a no-op.
 */

/**
 * A change to a model, decided outside its document, that every node holding the model's room
 * must act on at once: `model-deleted` closes the room's connections, `access-changed` re-checks
 * each connection's membership.
 */
export type RoomAnnouncement = "model-deleted" | "access-changed" | "session-changed";

/** What a room does with messages from the other nodes. */
export interface RoomBusListener {
  /** A document update another node accepted. */
  onUpdate(update: Uint8Array): void;
  /** An awareness update another node accepted (already sanitised by that node). */
  onAwareness(update: Uint8Array): void;
  /** Another node asks for what its document lacks; answer with `RoomChannel.replySync`. */
  onSyncRequest(stateVector: Uint8Array, fromNode: string): void;
  /** Another node's answer to this node's request: what this document lacked, and its state. */
  onSyncReply(update: Uint8Array, stateVector: Uint8Array): void;
  /**
   * The room's channel is subscribed (first time or again after a lost link): messages may
   * have been missed, so the room should ask the other nodes for them.
   */
  onConnected(): void;
  /**
   * Another node's link came back after an outage: what its clients wrote meanwhile never
   * reached this node, and that node may since have stored it and unloaded the room. The room
   * should re-read what is stored and ask the other nodes again.
   */
  onPeerReconnected(): void;
  /** Another node announced a change to the model (see RoomAnnouncement). */
  onAnnouncement(event: RoomAnnouncement): void;
  /** Another node's message for the room's clients (see RoomBus.sendNotice). */
  onNotice(message: Uint8Array): void;
}

/** One room's channel on the bus. Publishing never throws: a lost link is logged and healed. */
export interface RoomChannel {
  publishUpdate(update: Uint8Array): void;
  publishAwareness(update: Uint8Array): void;
  /** Asks every other node holding the room for what a document with this state lacks. */
  requestSync(stateVector: Uint8Array): void;
  /** Answers one node's sync request. */
  replySync(toNode: string, update: Uint8Array, stateVector: Uint8Array): void;
  /** Stops listening; idempotent. */
  leave(): void;
}

/** The bus of one server process. */
export interface RoomBus {
  /** Identifies this node's messages; a node ignores its own. */
  readonly nodeId: string;
  /** Starts listening to a room's channel. */
  join(modelId: string, listener: RoomBusListener): RoomChannel;
  /**
   * Tells every other node holding the model's room about a change, whether or not this node
   * holds the room; this node acts on it itself. Best effort: an announcement lost with the
   * link is made up for by each node's periodic access check and its next write.
   */
  announce(modelId: string, event: RoomAnnouncement): void;
  /**
   * Hands a message for the model's clients (lib/collab/messages.ts) to every other node
   * holding its room, which sends it to its own clients as is. Best effort, like announce.
   */
  sendNotice(modelId: string, message: Uint8Array): void;
  /** Closes the connections; rooms must have left first. */
  close(): Promise<void>;
}

const silentChannel: RoomChannel = {
  publishUpdate: () => undefined,
  publishAwareness: () => undefined,
  requestSync: () => undefined,
  replySync: () => undefined,
  leave: () => undefined,
};

/** The bus of a single node: nothing to publish to, nothing to hear. */
export const localRoomBus: RoomBus = {
  nodeId: "local",
  join: () => silentChannel,
  announce: () => undefined,
  sendNotice: () => undefined,
  close: () => Promise.resolve(),
};
