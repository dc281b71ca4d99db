import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { log } from "@/server/logger";
import type {
  RoomAnnouncement,
  RoomBus,
  RoomBusListener,
  RoomChannel,
} from "@/server/collab/room-bus";
import {
  decodeRoomBusMessage,
  encodeRoomBusMessage,
  type RoomBusMessage,
} from "@/server/collab/room-bus-message";

/** Longest wait between two attempts to reach Redis again. */
const MAX_RECONNECT_DELAY_MS = 1_000;
/**
 * How often each connection is pinged, and how long an answer may take before the connection
 * counts as dead and is reconnected: a link that drops packets without closing would otherwise
 * go unnoticed, and the nodes would stop hearing each other without resyncing.
 */
const HEARTBEAT_INTERVAL_MS = 5_000;
const HEARTBEAT_TIMEOUT_MS = 3_000;

interface JoinedRoom {
  modelId: string;
  listener: RoomBusListener;
  /** True once Redis confirmed the subscription on the current connection. */
  isSubscribed: boolean;
}

/**
 * The room bus over Redis pub/sub: one channel per room (`<prefix>:room:<modelId>`), binary
 * messages, one connection to publish and one to subscribe. While Redis is unreachable nothing
 * is queued (each node keeps serving its own clients); when both connections are back, every
 * joined room is told to resync, which covers whatever was missed.
 */
export class RedisRoomBus implements RoomBus {
  readonly nodeId = randomUUID();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly joined = new Map<string, JoinedRoom>();
  private isLinkDown = false;
  private isClosed = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly options: { url: string; prefix: string }) {
    const connectionOptions = {
      // Publishing while the link is down fails at once; the resync heals what it missed.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      autoResubscribe: false,
      retryStrategy: (attempt: number) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
    };
    this.publisher = new Redis(options.url, { ...connectionOptions, connectionName: "tr-pub" });
    this.subscriber = new Redis(options.url, { ...connectionOptions, connectionName: "tr-sub" });
    for (const connection of [this.publisher, this.subscriber]) {
      connection.on("error", (error: unknown) => this.reportLinkDown(error));
      connection.on("close", () => this.reportLinkDown(null));
    }
    this.subscriber.on("close", () => {
      for (const room of this.joined.values()) room.isSubscribed = false;
    });
    this.subscriber.on("ready", () => void this.subscribeAll());
    this.publisher.on("ready", () => this.announceConnected());
    this.subscriber.on("messageBuffer", (channel: Buffer, message: Buffer) =>
      this.dispatch(channel.toString(), message),
    );
    this.heartbeat = setInterval(() => this.checkConnections(), HEARTBEAT_INTERVAL_MS);
    this.heartbeat.unref();
  }

  /** Pings both connections; one that does not answer in time is dropped and reconnects. */
  private checkConnections(): void {
    for (const connection of [this.publisher, this.subscriber]) {
      if (connection.status !== "ready") continue;
      const timer = setTimeout(() => {
        this.reportLinkDown(new Error("Redis did not answer a ping"));
        connection.disconnect(true);
      }, HEARTBEAT_TIMEOUT_MS);
      timer.unref();
      connection.ping().then(
        () => clearTimeout(timer),
        () => clearTimeout(timer), // an error closes or reports the connection by itself
      );
    }
  }

  join(modelId: string, listener: RoomBusListener): RoomChannel {
    const channel = this.channelOf(modelId);
    const room: JoinedRoom = { modelId, listener, isSubscribed: false };
    this.joined.set(channel, room);
    if (this.subscriber.status === "ready") {
      this.subscriber.subscribe(channel).then(
        () => {
          if (this.joined.get(channel) !== room) return;
          room.isSubscribed = true;
          if (this.publisher.status === "ready") this.notifyConnected(room);
        },
        (error: unknown) => this.reportCommandFailure("subscribe", error),
      );
    }
    const publish = (message: RoomBusMessage) => {
      if (this.joined.get(channel) === room) this.publish(channel, message);
    };
    return {
      publishUpdate: (update) => publish({ kind: "update", fromNode: this.nodeId, update }),
      publishAwareness: (update) => publish({ kind: "awareness", fromNode: this.nodeId, update }),
      requestSync: (stateVector) =>
        publish({ kind: "sync-request", fromNode: this.nodeId, stateVector }),
      replySync: (toNode, update, stateVector) =>
        publish({ kind: "sync-reply", fromNode: this.nodeId, toNode, update, stateVector }),
      leave: () => {
        if (this.joined.get(channel) !== room) return;
        this.joined.delete(channel);
        if (this.subscriber.status === "ready") {
          this.subscriber
            .unsubscribe(channel)
            .catch((error: unknown) => this.reportCommandFailure("unsubscribe", error));
        }
      },
    };
  }

  announce(modelId: string, event: RoomAnnouncement): void {
    // Nodes that hold the room are subscribed to its channel, whether this node is or not.
    this.publish(this.channelOf(modelId), { kind: "announcement", fromNode: this.nodeId, event });
  }

  sendNotice(modelId: string, message: Uint8Array): void {
    this.publish(this.channelOf(modelId), { kind: "notice", fromNode: this.nodeId, message });
  }

  async close(): Promise<void> {
    this.isClosed = true;
    clearInterval(this.heartbeat);
    this.joined.clear();
    await Promise.all(
      [this.publisher, this.subscriber].map((connection) =>
        connection.quit().then(
          () => undefined,
          () => connection.disconnect(),
        ),
      ),
    );
  }

  /** The channel every node listens to, for news about nodes rather than rooms. */
  private get nodesChannel(): string {
    return `${this.options.prefix}:nodes`;
  }

  private channelOf(modelId: string): string {
    return `${this.options.prefix}:room:${modelId}`;
  }

  private publish(channel: string, message: RoomBusMessage): void {
    // Dropped while the link is down: the resync after it comes back sends the difference.
    if (this.publisher.status !== "ready") return;
    const bytes = encodeRoomBusMessage(message);
    this.publisher
      .publish(channel, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
      .catch((error: unknown) => this.reportCommandFailure("publish", error));
  }

  /** After a (re)connection: subscribes every joined room, then lets them resync. */
  private async subscribeAll(): Promise<void> {
    const rooms = [...this.joined.entries()];
    try {
      await this.subscriber.subscribe(this.nodesChannel, ...rooms.map(([channel]) => channel));
    } catch (error) {
      // The next "ready" tries again.
      this.reportCommandFailure("subscribe", error);
      return;
    }
    for (const [channel, room] of rooms) {
      if (this.joined.get(channel) === room) room.isSubscribed = true;
    }
    this.announceConnected();
  }

  /** Tells every subscribed room that the link works, once both connections are ready. */
  private announceConnected(): void {
    if (this.publisher.status !== "ready" || this.subscriber.status !== "ready") return;
    if (this.isLinkDown) {
      this.isLinkDown = false;
      log.info("room bus connected again", { nodeId: this.nodeId });
      // The others did not hear this node meanwhile, and it may have stored and unloaded rooms
      // they still hold: they catch up from the database.
      this.publish(this.nodesChannel, { kind: "node-reconnected", fromNode: this.nodeId });
    }
    for (const room of this.joined.values()) {
      if (room.isSubscribed) this.notifyConnected(room);
    }
  }

  private notifyConnected(room: JoinedRoom): void {
    try {
      room.listener.onConnected();
    } catch (error) {
      log.error("room failed to resync", { modelId: room.modelId, error });
    }
  }

  private dispatch(channel: string, data: Buffer): void {
    if (channel === this.nodesChannel) {
      this.dispatchNodeMessage(data);
      return;
    }
    const room = this.joined.get(channel);
    if (!room) return;
    const message = decodeRoomBusMessage(
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    );
    if (!message) {
      log.warn("unreadable room bus message ignored", { modelId: room.modelId });
      return;
    }
    if (message.fromNode === this.nodeId) return;
    try {
      switch (message.kind) {
        case "update":
          room.listener.onUpdate(message.update);
          return;
        case "awareness":
          room.listener.onAwareness(message.update);
          return;
        case "sync-request":
          room.listener.onSyncRequest(message.stateVector, message.fromNode);
          return;
        case "sync-reply":
          if (message.toNode === this.nodeId) {
            room.listener.onSyncReply(message.update, message.stateVector);
          }
          return;
        case "announcement":
          room.listener.onAnnouncement(message.event);
          return;
        case "notice":
          room.listener.onNotice(message.message);
          return;
        case "node-reconnected":
          return;
      }
    } catch (error) {
      log.error("room bus message could not be handled", {
        modelId: room.modelId,
        kind: message.kind,
        error,
      });
    }
  }

  /** A message on the nodes' common channel: another node's link came back. */
  private dispatchNodeMessage(data: Buffer): void {
    const message = decodeRoomBusMessage(
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    );
    if (message?.kind !== "node-reconnected" || message.fromNode === this.nodeId) return;
    for (const room of this.joined.values()) {
      try {
        room.listener.onPeerReconnected();
      } catch (error) {
        log.error("room failed to catch up", { modelId: room.modelId, error });
      }
    }
  }

  /** A command lost with its connection; the resync after reconnecting makes up for it. */
  private reportCommandFailure(command: string, error: unknown): void {
    if (this.isClosed || this.isLinkDown) return;
    log.warn("room bus command failed", { nodeId: this.nodeId, command, error });
  }

  /** Logs a lost link once per outage; ioredis keeps reconnecting on its own. */
  private reportLinkDown(error: unknown): void {
    if (this.isClosed || this.isLinkDown) return;
    this.isLinkDown = true;
    log.warn("room bus link lost; serving local clients until it is back", {
      nodeId: this.nodeId,
      error,
    });
  }
}
