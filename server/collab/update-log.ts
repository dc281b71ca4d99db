import { log } from "@/server/logger";
import type { DocumentStore } from "@/server/collab/document-store";
import type { ActivityRecord, PendingUpdate } from "@/server/collab/persistence";
import { isEmptySummary, mergeSummaries, type ActivitySummary } from "./activity";

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
/** How often buffered activity is written with an append. */
const ACTIVITY_WRITE_MS = 5_000;

/**
 * A room's update log: every update the room accepts is appended to the store within
 * `persistIntervalMs` (batched), in order; on a database error the updates stay pending in memory
 * and the append is retried with a growing delay, so nothing is dropped. The log is folded into
 * a snapshot every `compactAfterUpdates` updates and on `compact()`. The model row's updatedAt
 * follows at most every few seconds (and whenever the title changes). What the updates changed
 * is recorded for the activity feed with the appends, merged per person and minute.
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
  /** Activity not written yet, per person and minute (see recordActivity). */
  private readonly activity = new Map<string, ActivityRecord>();
  private activityWrittenAt = 0;

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

  /**
   * Notes what a person's change did, for the activity feed. Summaries are merged per person
   * and minute in memory and written with an append at most every ACTIVITY_WRITE_MS (or when
   * a minute closes, or the log compacts): a minute of typing costs a few rows, not one per
   * append.
   */
  recordActivity(userId: string | null, at: number, summary: ActivitySummary): void {
    if (isEmptySummary(summary)) return;
    const minute = Math.floor(at / 60_000) * 60_000;
    const key = `${userId ?? ""}@${minute}`;
    const existing = this.activity.get(key);
    this.activity.set(key, {
      userId,
      minute: new Date(minute),
      summary: existing ? mergeSummaries(existing.summary, summary) : summary,
    });
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
    await this.writeActivity();
    if (this.isModelTouchPending) {
      const title = this.hooks.readTitle();
      await this.store.touch(title);
      this.isModelTouchPending = false;
      this.storedTitle = title;
      this.modelTouchedAt = Date.now();
    }
    await this.fold();
  }

  /**
   * The activity to write with an append: all of it when `force`, when ACTIVITY_WRITE_MS
   * passed since the last write, or the minutes that are over; the rest stays buffered.
   */
  private takeActivity(now: number, force: boolean): ActivityRecord[] {
    const isDue = force || now - this.activityWrittenAt >= ACTIVITY_WRITE_MS;
    const currentMinute = Math.floor(now / 60_000) * 60_000;
    const taken: ActivityRecord[] = [];
    for (const [key, record] of this.activity) {
      if (isDue || record.minute.getTime() < currentMinute) {
        taken.push(record);
        this.activity.delete(key);
      }
    }
    if (taken.length > 0) this.activityWrittenAt = now;
    return taken;
  }

  /** Puts back activity whose append failed, merged with what was noted meanwhile. */
  private returnActivity(records: ActivityRecord[]): void {
    for (const record of records) {
      this.recordActivity(record.userId, record.minute.getTime(), record.summary);
    }
  }

  /**
   * Writes the buffered activity on its own: when the room compacts or unloads, and before
   * this node answers a request for the feed. A failure keeps it for the next append.
   */
  async writeActivity(): Promise<void> {
    const activity = this.takeActivity(Date.now(), true);
    if (activity.length === 0) return;
    try {
      await this.store.append([], { title: null, touchModel: false, activity });
    } catch (error) {
      this.returnActivity(activity);
      log.warn("could not record the activity; will retry with the next append", {
        modelId: this.modelId,
        error,
      });
    }
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
        const activity = this.takeActivity(now, false);
        try {
          await this.store.append(batch, { title, touchModel: shouldTouchModel, activity });
        } catch (error) {
          this.returnActivity(activity);
          throw error;
        }
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
