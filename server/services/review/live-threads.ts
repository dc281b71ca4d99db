import type { ThreadRow } from "@/drizzle/schema";

/** What a live message needs to know of its thread: the row, and who wrote and was mentioned. */
export interface LiveThread {
  thread: ThreadRow;
  facts: { id: string; authorId: string | null; mentions: string[] }[];
}

/** Threads kept at most; past it the cache starts over. */
const KEPT = 2_000;

/**
 * The threads this node wrote messages to over the socket lately, so the next message's
 * notice goes out without reading the database first. An entry is dropped whenever its thread
 * changes by any other way: through the HTTP API on this node, and on another node (its notice
 * for the model reaches this node's room), so what is kept is never older than the last
 * change this node heard of.
 */
export class LiveThreads {
  private readonly threads = new Map<string, LiveThread>();

  get(threadId: string): LiveThread | undefined {
    return this.threads.get(threadId);
  }

  set(threadId: string, entry: LiveThread): void {
    if (this.threads.size >= KEPT && !this.threads.has(threadId)) this.threads.clear();
    this.threads.set(threadId, entry);
  }

  /** Forgets one thread (it changed). */
  forget(threadId: string): void {
    this.threads.delete(threadId);
  }

  /** Forgets every thread of a model (another node changed one of them). */
  forgetModel(modelId: string): void {
    for (const [id, entry] of this.threads) {
      if (entry.thread.modelId === modelId) this.threads.delete(id);
    }
  }
}
