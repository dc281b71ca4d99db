import { log } from "@/server/logger";
import type { DocumentStore } from "@/server/collab/document-store";
import type { PendingUpdate } from "@/server/collab/persistence";

/** When the log is written and folded, from the server environment. */
export interface UpdateLogSettings {
  /** Milliseconds updates are batched before they are appended. */
  persistIntervalMs: number;
  /** Updates logged after which the log is folded into a snapshot. */
  compactAfterUpdates: number;
}

/** What the log needs of its room. */
export interface UpdateLogHooks {
  /** The model's title as the document holds it now, cleaned for the models table. */
  readTitle(): string | null;
  /**
   * Folds the updates logged so far (by any node) into the whole state to store as the
   * snapshot, and brings the document up to date with them. Called inside a compaction.
   */
  mergeLogged(logged: Uint8Array[]): Promise<Uint8Array>;
  /** A write showed that the model no longer exists. */
  onModelGone(): void;
}

const MAX_RETRY_DELAY_MS = 5_000;
const MODEL_TOUCH_INTERVAL_MS = 5_000;

/**
 * A room's update log: every update the room accepts is appended to the store within
 * `persistIntervalMs` (batched), in order; on a database error the updates stay pending in memory
 * and the append is retried with a growing delay, so nothing is dropped. The log is folded into
 * a snapshot every `compactAfterUpdates` updates and on `compact()`. The model row's updatedAt
 * follows at most every few seconds (and whenever the title changes).
 */
export class UpdateLog {
  private pending: PendingUpdate[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private retryDelayMs = 0;
  private loggedSinceCompaction = 0;
  private storedTitle: string | null | undefined = undefined;
  private modelTouchedAt = 0;
  /** The last append left the model's updatedAt behind. */
  private isModelTouchPending = false;
  private isStopped = false;

  constructor(
    private readonly modelId: string,
    private readonly store: DocumentStore,
    private readonly settings: UpdateLogSettings,
    private readonly hooks: UpdateLogHooks,
  ) {}

  /** Number of updates waiting to be appended. */
  get pendingCount(): number {
    return this.pending.length;
  }

  /** True when every update is in the store and no append or compaction is under way. */
  get isSettled(): boolean {
    return this.pending.length === 0 && this.flushing === null;
  }

  /** Counts updates the store already held when the room loaded, towards the next compaction. */
  noteLoaded(updateCount: number): void {
    this.loggedSinceCompaction = updateCount;
  }

  /** Queues one update for the next append. */
  push(update: PendingUpdate): void {
    this.pending.push(update);
    this.scheduleFlush();
  }

  /**
   * Appends every pending update. On a database error the updates stay pending (in order, in
   * memory) and the append is retried with a growing delay until the database takes them.
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

  /** Flushes, brings the model's updatedAt up to date, then folds the log into a snapshot. */
  async compact(): Promise<void> {
    await this.flush();
    if (this.isModelTouchPending) {
      const title = this.hooks.readTitle();
      await this.store.touch(title);
      this.isModelTouchPending = false;
      this.storedTitle = title;
      this.modelTouchedAt = Date.now();
    }
    await this.fold();
  }

  /** Stops scheduling appends; pending updates stay for a last `flush` by the caller. */
  stop(): void {
    this.isStopped = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  /** Schedules an append: after the batching interval, or the retry delay after a failure. */
  private scheduleFlush(): void {
    if (this.flushTimer || this.isStopped) return;
    this.flushTimer = setTimeout(
      () => {
        this.flushTimer = null;
        void this.flush().catch(() => undefined);
      },
      this.retryDelayMs > 0 ? this.retryDelayMs : this.settings.persistIntervalMs,
    );
  }

  private async flushOnce(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        const title = this.hooks.readTitle();
        const now = Date.now();
        const shouldTouchModel =
          title !== this.storedTitle || now - this.modelTouchedAt >= MODEL_TOUCH_INTERVAL_MS;
        await this.store.append(batch, { title, touchModel: shouldTouchModel });
        if (shouldTouchModel) {
          this.storedTitle = title;
          this.modelTouchedAt = now;
        }
        this.isModelTouchPending = !shouldTouchModel;
        this.retryDelayMs = 0;
        this.loggedSinceCompaction += batch.length;
      } catch (error) {
        if (await this.store.isGone(error)) {
          // Deleted (through another node): nothing can be stored for it any more.
          log.info("the model was deleted; its room is dropped", { modelId: this.modelId });
          this.pending = [];
          this.hooks.onModelGone();
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

  /**
   * Folds the log into a snapshot; the room merges what other nodes logged first, so the
   * snapshot holds everything the log held. Runs inside a flush or after one, never
   * concurrently with a flush's append.
   */
  private async fold(): Promise<void> {
    const result = await this.store.compact((logged) => this.hooks.mergeLogged(logged));
    this.loggedSinceCompaction = Math.max(0, this.loggedSinceCompaction - result.foldedUpdates);
    log.debug("room compacted", { modelId: this.modelId, foldedUpdates: result.foldedUpdates });
  }
}
