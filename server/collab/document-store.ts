import type { Database } from "@/server/db/client";
import { log } from "@/server/logger";
import { saveDailyVersionIfDue } from "@/server/services/versions/versions";
import {
  appendUpdates,
  compactDocument,
  isModelGone,
  loadStoredDocument,
  touchModel,
  type ActivityRecord,
  type PendingUpdate,
  type StoredDocument,
} from "@/server/collab/persistence";

/**
 * Where one model's shared document lives between loads: its update log and snapshots. A room
 * reads and writes its document only through this interface; the database store below is the
 * one the server uses (persistence.ts states what each operation promises).
 */
export interface DocumentStore {
  /** The newest snapshot and every update logged after it. */
  load(): Promise<StoredDocument>;
  /**
   * Appends updates to the log in one statement; with `touchModel`, also sets the model row's
   * title and updatedAt.
   */
  append(
    updates: PendingUpdate[],
    model: { title: string | null; touchModel: boolean; activity?: ActivityRecord[] },
  ): Promise<void>;
  /** Sets the model row's title and updatedAt without appending. */
  touch(title: string | null): Promise<void>;
  /**
   * Folds the log into a new snapshot: `mergeState` gets the updates logged so far (by any node)
   * and returns the whole state that includes them.
   */
  compact(
    mergeState: (logged: Uint8Array[]) => Promise<Uint8Array>,
  ): Promise<{ foldedUpdates: number }>;
  /** True when `error`, from one of the calls above, shows that the model no longer exists. */
  isGone(error: unknown): Promise<boolean>;
}

/** The document store of one model in the server's database (PGlite or PostgreSQL). */
export function databaseDocumentStore(db: Database, modelId: string): DocumentStore {
  return {
    load: () => loadStoredDocument(db, modelId),
    append: async (updates, model) => {
      await appendUpdates(db, {
        modelId,
        updates,
        title: model.title,
        touchModel: model.touchModel,
        activity: model.activity,
      });
    },
    touch: (title) => touchModel(db, { modelId, title }),
    compact: async (mergeState) => {
      const result = await compactDocument(db, { modelId, mergeState });
      // A model being edited gets a version a day (a failure here never fails the compaction).
      await saveDailyVersionIfDue(db, modelId, result.state).catch((error: unknown) =>
        log.warn("the daily version could not be saved", { modelId, error }),
      );
      return result;
    },
    isGone: (error) => isModelGone(db, modelId, error),
  };
}
