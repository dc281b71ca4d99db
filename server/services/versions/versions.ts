import { and, desc, eq, max, ne, sql } from "drizzle-orm";
import * as Y from "yjs";
import { docSnapshots, users } from "@/drizzle/schema";
import { AppError } from "@/lib/errors";
import { diffDocuments, type DocumentDiff } from "@/lib/model/diff";
import { restoreDocument } from "@/lib/model/restore";
import { encodeIntegratedState } from "@/server/collab/integrated-state";
import type { RoomManager } from "@/server/collab/room-manager";
import type { Database } from "@/server/db/client";
import { appendAuditEvent } from "@/server/services/audit/record-audit-event";

/**
 * Why a version was saved. Stored in doc_snapshots.kind beside "auto", the compaction snapshots,
 * which are never versions and are removed as the log is folded.
 */
export const VERSION_KINDS = [
  "named",
  "before-restore",
  "daily",
  "phase",
  "import",
  "sign-off",
] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/** A version as the API lists it. */
export interface VersionSummary {
  id: number;
  /** 1, 2, 3… per model, shared with compaction snapshots, so numbers may skip. */
  number: number;
  label: string;
  kind: VersionKind;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
}

const COMPACTION = "auto";

function isVersionKind(kind: string): kind is VersionKind {
  return (VERSION_KINDS as readonly string[]).includes(kind);
}

/**
 * Saves the model's document as it is now (the live room's, which holds edits not yet folded
 * into any snapshot) as a version (see insertVersion).
 */
export async function saveVersion(
  db: Database,
  rooms: RoomManager,
  options: { modelId: string; userId: string | null; label: string; kind: VersionKind },
): Promise<VersionSummary> {
  const state = await rooms.read(options.modelId, (doc) => encodeIntegratedState(doc));
  return insertVersion(db, { ...options, state });
}

/**
 * Stores `state` as the model's next version, under the lock compaction takes, so the two
 * never pick the same number; records it in the audit trail in the same transaction.
 */
async function insertVersion(
  db: Database,
  options: {
    modelId: string;
    userId: string | null;
    label: string;
    kind: VersionKind;
    state: Uint8Array;
  },
): Promise<VersionSummary> {
  const { state } = options;
  const row = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"compact:" + options.modelId}))`);
    const [current] = await tx
      .select({ version: max(docSnapshots.version) })
      .from(docSnapshots)
      .where(eq(docSnapshots.modelId, options.modelId));
    const [inserted] = await tx
      .insert(docSnapshots)
      .values({
        modelId: options.modelId,
        version: (current?.version ?? 0) + 1,
        state,
        // Versions are read whole; the log is not folded into them.
        uptoSeq: 0,
        label: options.label,
        kind: options.kind,
        createdBy: options.userId,
      })
      .returning();
    if (!inserted) throw new Error("the version could not be stored");
    await appendAuditEvent(tx, {
      actorId: options.userId,
      action: "version.saved",
      modelId: options.modelId,
      detail: { version: inserted.version, label: options.label, kind: options.kind },
    });
    return inserted;
  });
  const [author] = options.userId
    ? await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(eq(users.id, options.userId))
    : [];
  return {
    id: row.id,
    number: row.version,
    label: row.label ?? "",
    kind: options.kind,
    createdBy: author ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** How often a model that is being edited gets a version of its own ("daily"). */
export const DAILY_VERSION_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * Saves `state` (a compaction's: everything stored so far) as a daily version when the model
 * has no version younger than a day, so a model edited day after day has a version of every
 * day it was edited without anyone thinking of it. Called after each compaction, which happens
 * while a model is edited and when its room empties. Returns whether it saved one.
 */
export async function saveDailyVersionIfDue(
  db: Database,
  modelId: string,
  state: Uint8Array,
  now = new Date(),
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"compact:" + modelId}))`);
    const [newest] = await tx
      .select({ createdAt: docSnapshots.createdAt })
      .from(docSnapshots)
      .where(and(eq(docSnapshots.modelId, modelId), ne(docSnapshots.kind, COMPACTION)))
      .orderBy(desc(docSnapshots.createdAt))
      .limit(1);
    if (newest && now.getTime() - newest.createdAt.getTime() < DAILY_VERSION_INTERVAL_MS) {
      return false;
    }
    const [current] = await tx
      .select({ version: max(docSnapshots.version) })
      .from(docSnapshots)
      .where(eq(docSnapshots.modelId, modelId));
    await tx.insert(docSnapshots).values({
      modelId,
      version: (current?.version ?? 0) + 1,
      state,
      uptoSeq: 0,
      label: `Daily version, ${now.toISOString().slice(0, 10)}`,
      kind: "daily",
      createdBy: null,
    });
    return true;
  });
}

/** The model's versions, newest first, with who saved each. */
export async function listVersions(db: Database, modelId: string): Promise<VersionSummary[]> {
  const rows = await db
    .select({
      id: docSnapshots.id,
      number: docSnapshots.version,
      label: docSnapshots.label,
      kind: docSnapshots.kind,
      createdAt: docSnapshots.createdAt,
      authorId: users.id,
      authorName: users.name,
    })
    .from(docSnapshots)
    .leftJoin(users, eq(users.id, docSnapshots.createdBy))
    .where(and(eq(docSnapshots.modelId, modelId), ne(docSnapshots.kind, COMPACTION)))
    .orderBy(desc(docSnapshots.version));
  return rows.flatMap((row) =>
    isVersionKind(row.kind)
      ? [
          {
            id: row.id,
            number: row.number,
            label: row.label ?? "",
            kind: row.kind,
            createdBy:
              row.authorId && row.authorName ? { id: row.authorId, name: row.authorName } : null,
            createdAt: row.createdAt.toISOString(),
          },
        ]
      : [],
  );
}

/** A version's document, read-only; not_found for an id that is not a version of this model. */
export async function readVersionDocument(
  db: Database,
  modelId: string,
  versionId: number,
): Promise<{ summary: VersionSummary; doc: Y.Doc }> {
  const [row] = await db
    .select()
    .from(docSnapshots)
    .where(and(eq(docSnapshots.id, versionId), eq(docSnapshots.modelId, modelId)));
  if (!row || !isVersionKind(row.kind)) throw new AppError("not_found", "No such version");
  const summary = (await listVersions(db, modelId)).find((version) => version.id === row.id);
  if (!summary) throw new AppError("not_found", "No such version");
  const doc = new Y.Doc();
  Y.applyUpdate(doc, row.state);
  return { summary, doc };
}

/**
 * The state of a version (or, for `versionId` null, of the document as it is now, read from
 * the live room) as one Yjs update, for a client to open read-only in the same views that
 * edit it. The summary is null for "now".
 */
export async function readVersionState(
  db: Database,
  rooms: RoomManager,
  modelId: string,
  versionId: number | null,
): Promise<{ summary: VersionSummary | null; state: Uint8Array }> {
  if (versionId === null) {
    return { summary: null, state: await rooms.read(modelId, (doc) => encodeIntegratedState(doc)) };
  }
  const { summary, doc } = await readVersionDocument(db, modelId, versionId);
  try {
    return { summary, state: Y.encodeStateAsUpdate(doc) };
  } finally {
    doc.destroy();
  }
}

/**
 * Restores a version as a new change: the live document is changed to match the version in
 * one transaction that everyone in the room receives (restoreDocument), and the state just
 * before it is saved as a version ("Before restoring …"). Nothing is rewritten: the log keeps
 * every earlier change, and the saved version brings them back.
 */
export async function restoreVersion(
  db: Database,
  rooms: RoomManager,
  options: { modelId: string; versionId: number; userId: string },
): Promise<{ restored: VersionSummary; saved: VersionSummary }> {
  const { summary, doc: version } = await readVersionDocument(
    db,
    options.modelId,
    options.versionId,
  );
  const label = summary.label || `version ${summary.number}`;
  // The state before is taken in the same step as the restore, so no edit falls between the
  // two; it is stored once everyone already has the restore, which keeps the restore quick.
  let before: Uint8Array | null = null;
  await rooms.change(options.modelId, (doc) => {
    before = encodeIntegratedState(doc);
    restoreDocument(doc, version);
  });
  if (before === null) throw new Error("the state before the restore was not read");
  const saved = await insertVersion(db, {
    modelId: options.modelId,
    userId: options.userId,
    label: `Before restoring “${label}”`.slice(0, 200),
    kind: "before-restore",
    state: before,
  });
  await appendAuditEvent(db, {
    actorId: options.userId,
    action: "version.restored",
    modelId: options.modelId,
    detail: { version: summary.number, label: summary.label, savedAs: saved.number },
  });
  version.destroy();
  return { restored: summary, saved };
}

/** What changed from one version to another, or to the document as it is now (`to` null). */
export async function diffVersions(
  db: Database,
  rooms: RoomManager,
  options: { modelId: string; fromId: number; toId: number | null },
): Promise<DocumentDiff> {
  const from = await readVersionDocument(db, options.modelId, options.fromId);
  let to: Y.Doc;
  if (options.toId === null) {
    const state = await rooms.read(options.modelId, (doc) => encodeIntegratedState(doc));
    to = new Y.Doc();
    Y.applyUpdate(to, state);
  } else {
    to = (await readVersionDocument(db, options.modelId, options.toId)).doc;
  }
  try {
    return diffDocuments(from.doc, to);
  } finally {
    from.doc.destroy();
    to.destroy();
  }
}

/**
 * Whether the document as it is now is still the given version: same items and same
 * deletions (a Yjs snapshot compares both; a state vector alone misses a deletion). False when
 * the version does not exist.
 */
export async function isDocumentAtVersion(
  db: Database,
  rooms: RoomManager,
  options: { modelId: string; versionId: number },
): Promise<boolean> {
  const [row] = await db
    .select({ state: docSnapshots.state })
    .from(docSnapshots)
    .where(and(eq(docSnapshots.id, options.versionId), eq(docSnapshots.modelId, options.modelId)));
  if (!row) return false;
  const then = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(then, row.state);
    const thenSnapshot = Y.snapshot(then);
    return await rooms.read(options.modelId, (doc) =>
      Y.equalSnapshots(Y.snapshot(doc), thenSnapshot),
    );
  } finally {
    then.destroy();
  }
}
