import { and, desc, eq, lte, max, sql } from "drizzle-orm";
import { docSnapshots, docUpdates, models } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";

/** What the database holds of one model's document. */
export interface StoredDocument {
  /** The newest automatic snapshot, or null before the first one. */
  snapshot: Uint8Array | null;
  /** Every update still in the log, oldest first. */
  updates: Uint8Array[];
  /** The highest sequence number read, 0 when the log is empty. */
  lastSeq: number;
}

/** PostgreSQL's foreign_key_violation: a row names a model that no longer exists. */
const FOREIGN_KEY_VIOLATION = "23503";

/** True when the error, or one of its causes (drizzle wraps the driver's), is a foreign key violation. */
function isForeignKeyViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth += 1) {
    if (Reflect.get(current, "code") === FOREIGN_KEY_VIOLATION) return true;
    current = Reflect.get(current, "cause");
  }
  return false;
}

/**
 * True when a write failed because the model is gone (deleted through another node, say), so
 * retrying can never succeed: a foreign key violation, and no model row. Any other failure,
 * or a failed check, reads as false (the caller keeps retrying).
 */
export async function isModelGone(db: Database, modelId: string, error: unknown): Promise<boolean> {
  if (!isForeignKeyViolation(error)) return false;
  try {
    const [row] = await db.select({ id: models.id }).from(models).where(eq(models.id, modelId));
    return row === undefined;
  } catch {
    return false;
  }
}

/** An update waiting to be appended to the log. */
export interface PendingUpdate {
  bytes: Uint8Array;
  userId: string | null;
}

/**
 * Reads the newest snapshot and every update left in the log. Updates already folded into the
 * snapshot are applied again harmlessly (Yjs updates are idempotent), which keeps an update
 * whose transaction committed late from being skipped.
 */
export async function loadStoredDocument(db: Database, modelId: string): Promise<StoredDocument> {
  const [snapshot] = await db
    .select({ state: docSnapshots.state })
    .from(docSnapshots)
    .where(and(eq(docSnapshots.modelId, modelId), eq(docSnapshots.kind, "auto")))
    .orderBy(desc(docSnapshots.id))
    .limit(1);
  const rows = await db
    .select({ seq: docUpdates.seq, bytes: docUpdates.bytes })
    .from(docUpdates)
    .where(eq(docUpdates.modelId, modelId))
    .orderBy(docUpdates.seq);
  return {
    snapshot: snapshot?.state ?? null,
    updates: rows.map((row) => row.bytes),
    lastSeq: rows.at(-1)?.seq ?? 0,
  };
}

/**
 * Appends updates to the log in one statement and, with `touchModel`, sets the model's title
 * and time in the same transaction. Touching on every append would double the writes of a busy
 * room, so rooms touch at most every few seconds (and when the title changes or they compact).
 * Returns how many rows were written.
 */
export async function appendUpdates(
  db: Database,
  options: {
    modelId: string;
    updates: PendingUpdate[];
    title: string | null;
    /** Also set the model's updatedAt (and title); otherwise one insert, no transaction. */
    touchModel: boolean;
  },
): Promise<number> {
  if (options.updates.length === 0) return 0;
  const rows = options.updates.map((update) => ({
    modelId: options.modelId,
    bytes: update.bytes,
    userId: update.userId,
  }));
  if (!options.touchModel) {
    await db.insert(docUpdates).values(rows);
    return rows.length;
  }
  await db.transaction(async (tx) => {
    await tx.insert(docUpdates).values(rows);
    await tx
      .update(models)
      .set({ updatedAt: new Date(), ...(options.title ? { title: options.title } : {}) })
      .where(eq(models.id, options.modelId));
  });
  return options.updates.length;
}

/** Sets the model's updatedAt (and title when given): the last edit's time in the model list. */
export async function touchModel(
  db: Database,
  options: { modelId: string; title: string | null },
): Promise<void> {
  await db
    .update(models)
    .set({ updatedAt: new Date(), ...(options.title ? { title: options.title } : {}) })
    .where(eq(models.id, options.modelId));
}

/**
 * Folds the log into a new automatic snapshot in one transaction, under an advisory lock per
 * model so that two nodes never compact one model at once, at repeatable-read isolation so that
 * the delete removes exactly the rows that were read. `mergeState` receives the newest
 * automatic snapshot (when there is one) followed by the updates found in the log, and returns
 * the full state to store (the caller merges them into its own document). The snapshot is
 * included because another node may have folded updates this node never received (its Redis
 * link was down, say) into it: storing this node's document alone would drop them. Older
 * automatic snapshots are removed; named and phase snapshots stay.
 */
export async function compactDocument(
  db: Database,
  options: { modelId: string; mergeState: (logged: Uint8Array[]) => Uint8Array },
): Promise<{ version: number; foldedUpdates: number }> {
  return db.transaction(
    async (tx) => {
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext(${"compact:" + options.modelId}))`,
      );
      const rows = await tx
        .select({ seq: docUpdates.seq, bytes: docUpdates.bytes })
        .from(docUpdates)
        .where(eq(docUpdates.modelId, options.modelId))
        .orderBy(docUpdates.seq);
      const uptoSeq = rows.at(-1)?.seq ?? 0;
      const [latest] = await tx
        .select({ state: docSnapshots.state })
        .from(docSnapshots)
        .where(and(eq(docSnapshots.modelId, options.modelId), eq(docSnapshots.kind, "auto")))
        .orderBy(desc(docSnapshots.id))
        .limit(1);
      const state = options.mergeState([
        ...(latest ? [latest.state] : []),
        ...rows.map((row) => row.bytes),
      ]);
      const [current] = await tx
        .select({ version: max(docSnapshots.version) })
        .from(docSnapshots)
        .where(eq(docSnapshots.modelId, options.modelId));
      const version = (current?.version ?? 0) + 1;
      await tx
        .insert(docSnapshots)
        .values({ modelId: options.modelId, version, state, uptoSeq, kind: "auto" });
      if (rows.length > 0) {
        await tx
          .delete(docUpdates)
          .where(and(eq(docUpdates.modelId, options.modelId), lte(docUpdates.seq, uptoSeq)));
      }
      await tx
        .delete(docSnapshots)
        .where(
          and(
            eq(docSnapshots.modelId, options.modelId),
            eq(docSnapshots.kind, "auto"),
            sql`${docSnapshots.version} < ${version}`,
          ),
        );
      return { version, foldedUpdates: rows.length };
    },
    { isolationLevel: "repeatable read" },
  );
}
