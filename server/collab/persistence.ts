import { and, desc, eq, inArray, max, sql } from "drizzle-orm";
import { docSnapshots, docUpdates, modelActivity, models } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import { isEmptySummary, type ActivitySummary } from "./activity";

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

/** Bytes of a snapshot read per statement (see readSnapshotState). */
const SNAPSHOT_READ_PIECE = 512 * 1024;

/**
 * The newest automatic snapshot of a model, read in pieces of SNAPSHOT_READ_PIECE bytes:
 * node-postgres returns bytea as hex text, and one multi-megabyte row becomes strings twice its
 * size that hold the thread serving sockets while they are decoded and collected; the embedded
 * database answers a piece at a time too, so other statements run in between. Called within a
 * repeatable-read transaction, so the pieces come from one version of the row.
 */
async function readNewestSnapshot(
  tx: Database,
  modelId: string,
): Promise<{ id: number; state: Uint8Array } | null> {
  const [latest] = await tx
    .select({ id: docSnapshots.id, size: sql<number>`octet_length(${docSnapshots.state})` })
    .from(docSnapshots)
    .where(and(eq(docSnapshots.modelId, modelId), eq(docSnapshots.kind, "auto")))
    .orderBy(desc(docSnapshots.id))
    .limit(1);
  if (!latest) return null;
  const size = Number(latest.size);
  const state = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += SNAPSHOT_READ_PIECE) {
    const [piece] = await tx
      .select({
        bytes:
          sql<Uint8Array>`substring(${docSnapshots.state} from ${offset + 1} for ${SNAPSHOT_READ_PIECE})`.mapWith(
            docSnapshots.state,
          ),
      })
      .from(docSnapshots)
      .where(eq(docSnapshots.id, latest.id));
    if (!piece) throw new Error("the snapshot disappeared while it was read");
    state.set(piece.bytes, offset);
  }
  return { id: latest.id, state };
}

/** An update waiting to be appended to the log. */
export interface PendingUpdate {
  bytes: Uint8Array;
  userId: string | null;
}

/** One person's changes in one minute, for the model's activity feed. */
export interface ActivityRecord {
  userId: string | null;
  /** The minute's start. */
  minute: Date;
  summary: ActivitySummary;
}

/**
 * Reads the newest snapshot and every update left in the log. Updates already folded into the
 * snapshot are applied again harmlessly (Yjs updates are idempotent), which keeps an update
 * whose transaction committed late from being skipped.
 */
export async function loadStoredDocument(db: Database, modelId: string): Promise<StoredDocument> {
  // One consistent view: a compaction elsewhere may replace the snapshot between the reads.
  return db.transaction(
    async (tx) => {
      const snapshot = await readNewestSnapshot(tx, modelId);
      const rows = await tx
        .select({ seq: docUpdates.seq, bytes: docUpdates.bytes })
        .from(docUpdates)
        .where(eq(docUpdates.modelId, modelId))
        .orderBy(docUpdates.seq);
      return {
        snapshot: snapshot?.state ?? null,
        updates: rows.map((row) => row.bytes),
        lastSeq: rows.at(-1)?.seq ?? 0,
      };
    },
    { isolationLevel: "repeatable read" },
  );
}

/**
 * Appends updates to the log in one statement and, with `touchModel`, sets the model's title
 * and time in the same transaction. Touching on every append would double the writes of a busy
 * room, so rooms touch at most every few seconds (and when the title changes or they compact).
 * What the updates changed goes to the activity feed in the same transaction. Returns how many
 * update rows were written.
 */
export async function appendUpdates(
  db: Database,
  options: {
    modelId: string;
    updates: PendingUpdate[];
    title: string | null;
    /** Also set the model's updatedAt (and title); otherwise one insert, no transaction. */
    touchModel: boolean;
    /** Activity to record with the updates (the room writes it every few seconds). */
    activity?: ActivityRecord[];
  },
): Promise<number> {
  const activity = (options.activity ?? [])
    .filter((record) => !isEmptySummary(record.summary))
    .map((record) => ({ modelId: options.modelId, ...record }));
  if (options.updates.length === 0 && activity.length === 0) return 0;
  const rows = options.updates.map((update) => ({
    modelId: options.modelId,
    bytes: update.bytes,
    userId: update.userId,
  }));
  if (!options.touchModel && activity.length === 0) {
    await db.insert(docUpdates).values(rows);
    return rows.length;
  }
  // One transaction: a retried append writes the activity once, with the updates it describes.
  await db.transaction(async (tx) => {
    if (rows.length > 0) await tx.insert(docUpdates).values(rows);
    if (activity.length > 0) await tx.insert(modelActivity).values(activity);
    if (!options.touchModel) return;
    await tx
      .update(models)
      .set({ updatedAt: new Date(), ...(options.title ? { title: options.title } : {}) })
      .where(eq(models.id, options.modelId));
  });
  return rows.length;
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

/** How often a compaction starts over after finding that another node compacted meanwhile. */
const COMPACTION_ATTEMPTS = 3;

/** Rows deleted per statement when a compaction clears the log (keeps parameter lists short). */
const DELETE_BATCH = 5_000;

/**
 * Folds the log into a new automatic snapshot. `mergeState` receives the newest automatic
 * snapshot (when there is one) followed by the updates found in the log, and returns the full
 * state to store; the snapshot is included because another node may have folded updates this
 * node never received (its Redis link was down, say) into it.
 *
 * Merging takes time on a large document, so it runs outside any transaction: the snapshot and
 * log are read at repeatable-read isolation (one consistent view), merged, and then written in
 * a short transaction under an advisory lock per model, which removes exactly the log rows that
 * were read (a row committed later, even with a lower sequence number, stays for the next
 * compaction). When another node stored a snapshot in between, this one might lack what that
 * one folded and deleted, so the compaction starts over from a fresh read instead. Older
 * automatic snapshots are removed; named and phase snapshots stay.
 */
export async function compactDocument(
  db: Database,
  options: { modelId: string; mergeState: (logged: Uint8Array[]) => Promise<Uint8Array> },
): Promise<{ version: number; foldedUpdates: number; state: Uint8Array }> {
  const autoSnapshots = and(
    eq(docSnapshots.modelId, options.modelId),
    eq(docSnapshots.kind, "auto"),
  );
  for (let attempt = 1; ; attempt += 1) {
    const read = await db.transaction(
      async (tx) => {
        const latest = await readNewestSnapshot(tx, options.modelId);
        const rows = await tx
          .select({ seq: docUpdates.seq, bytes: docUpdates.bytes })
          .from(docUpdates)
          .where(eq(docUpdates.modelId, options.modelId))
          .orderBy(docUpdates.seq);
        return { latest, rows };
      },
      { isolationLevel: "repeatable read" },
    );
    const state = await options.mergeState([
      ...(read.latest ? [read.latest.state] : []),
      ...read.rows.map((row) => row.bytes),
    ]);
    const written = await db.transaction(async (tx) => {
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext(${"compact:" + options.modelId}))`,
      );
      const [latest] = await tx
        .select({ id: docSnapshots.id })
        .from(docSnapshots)
        .where(autoSnapshots)
        .orderBy(desc(docSnapshots.id))
        .limit(1);
      if ((latest?.id ?? null) !== (read.latest?.id ?? null)) return null;
      const [current] = await tx
        .select({ version: max(docSnapshots.version) })
        .from(docSnapshots)
        .where(eq(docSnapshots.modelId, options.modelId));
      const version = (current?.version ?? 0) + 1;
      const uptoSeq = read.rows.at(-1)?.seq ?? 0;
      await tx
        .insert(docSnapshots)
        .values({ modelId: options.modelId, version, state, uptoSeq, kind: "auto" });
      for (let start = 0; start < read.rows.length; start += DELETE_BATCH) {
        const seqs = read.rows.slice(start, start + DELETE_BATCH).map((row) => row.seq);
        await tx
          .delete(docUpdates)
          .where(and(eq(docUpdates.modelId, options.modelId), inArray(docUpdates.seq, seqs)));
      }
      await tx
        .delete(docSnapshots)
        .where(and(autoSnapshots, sql`${docSnapshots.version} < ${version}`));
      return { version, foldedUpdates: read.rows.length, state };
    });
    if (written) return written;
    if (attempt >= COMPACTION_ATTEMPTS) {
      throw new Error("another node kept compacting the same model; will try again later");
    }
  }
}
