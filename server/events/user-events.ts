import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { z } from "zod";
import { log } from "@/server/logger";

/**
 * Per-user events that are not about one model's document: "your inbox changed". Every page
 * listens (GET /api/events) to keep the inbox count live. With Redis, events reach the
 * listeners on every node; without it, the one node's.
 */
export type UserEvent = { type: "inbox" };

type Listener = (event: UserEvent) => void;

const wireSchema = z.object({
  fromNode: z.string(),
  userIds: z.array(z.string()).max(10_000),
  event: z.object({ type: z.literal("inbox") }),
});

/** The listeners of this node, and the link to the others. */
export class UserEvents {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly nodeId = randomUUID();
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;
  private readonly channel: string;

  constructor(options: { redisUrl?: string; prefix: string }) {
    this.channel = `${options.prefix}:user-events`;
    if (!options.redisUrl) return;
    const connectionOptions = {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt: number) => Math.min(attempt * 100, 1_000),
    };
    this.publisher = new Redis(options.redisUrl, {
      ...connectionOptions,
      connectionName: "tr-ue-pub",
    });
    this.subscriber = new Redis(options.redisUrl, {
      ...connectionOptions,
      connectionName: "tr-ue-sub",
    });
    for (const connection of [this.publisher, this.subscriber]) {
      connection.on("error", (error: unknown) => log.debug("user events link", { error }));
    }
    this.subscriber.on("ready", () => {
      this.subscriber?.subscribe(this.channel).catch((error: unknown) => {
        log.warn("user events could not subscribe", { error });
      });
    });
    this.subscriber.on("message", (_channel: string, text: string) => this.receive(text));
  }

  /** How many listeners one user has on this node (their open event streams). */
  countListeners(userId: string): number {
    return this.listeners.get(userId)?.size ?? 0;
  }

  /** Listens to one user's events; returns the function that stops listening. */
  subscribe(userId: string, listener: Listener): () => void {
    let set = this.listeners.get(userId);
    if (!set) {
      set = new Set();
      this.listeners.set(userId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  /** Tells these users' listeners, on every node. Best effort: a lost event is caught up on reconnect. */
  publish(userIds: readonly string[], event: UserEvent): void {
    if (userIds.length === 0) return;
    this.deliver(userIds, event);
    if (this.publisher?.status === "ready") {
      const text = JSON.stringify({ fromNode: this.nodeId, userIds, event });
      this.publisher.publish(this.channel, text).catch((error: unknown) => {
        log.warn("user event could not be published", { error });
      });
    }
  }

  private receive(text: string): void {
    let parsed: z.infer<typeof wireSchema> | undefined;
    try {
      parsed = wireSchema.safeParse(JSON.parse(text)).data;
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.fromNode === this.nodeId) return;
    this.deliver(parsed.userIds, parsed.event);
  }

  private deliver(userIds: readonly string[], event: UserEvent): void {
    for (const userId of userIds) {
      for (const listener of this.listeners.get(userId) ?? []) {
        try {
          listener(event);
        } catch (error) {
          log.error("user event listener failed", { error });
        }
      }
    }
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.all(
      [this.publisher, this.subscriber].map((connection) =>
        connection?.quit().then(
          () => undefined,
          () => connection.disconnect(),
        ),
      ),
    );
  }
}
