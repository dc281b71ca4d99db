import * as Y from "yjs";
import { AppError } from "../errors";
import { SCHEMA_VERSION, readSchemaVersion } from "./document";
import { writeStoredSchemaVersion } from "./meta";
import { getContextMap, getThreatsMap } from "./roots";

/**
 * One step of the document schema. `migrate` turns a document of version `from` into one of
 * version `to` (= from + 1); migrateDocument runs it in one transaction and then stores `to`.
 * A migration must be frozen: it spells out the values it reads and writes instead of using
 * today's constants, which later versions may change.
 */
export interface Migration {
  from: number;
  to: number;
  /** What changed, for logs and reviewers. */
  description: string;
  migrate: (doc: Y.Doc) => void;
}

/** Outcome of migrateDocument: the versions before and after, and how many steps ran. */
export interface MigrationResult {
  from: number;
  to: number;
  applied: number;
}

/** Version 1 stored the STRIDE category as one letter, Threat Dragon style. */
const V1_STRIDE_CODES: Record<string, string> = {
  S: "spoofing",
  T: "tampering",
  R: "repudiation",
  I: "information-disclosure",
  D: "denial-of-service",
  E: "elevation-of-privilege",
};
const V2_CATEGORIES = new Set(Object.values(V1_STRIDE_CODES));

/** Version 1 statuses, Threat Dragon style; anything else becomes "open". */
const V1_STATUSES: Record<string, string> = {
  Open: "open",
  Mitigated: "mitigated",
  NotApplicable: "not-applicable",
};
const V2_STATUSES = new Set(["open", "needs-investigation", "mitigated", "not-applicable"]);

const V2_CONTEXT_LISTS = ["scenarios", "assets", "entryPoints", "dependencies", "assumptions"];

/**
 * v1 category -> v2: a one-letter code ("S"), or a name ("Information disclosure"); a value that
 * already is a v2 name is kept; anything else becomes "spoofing", the v2 default.
 */
function toV2Category(stride: unknown, category: unknown): string {
  if (typeof category === "string" && V2_CATEGORIES.has(category) && stride === undefined) {
    return category;
  }
  if (typeof stride !== "string") return "spoofing";
  const code = V1_STRIDE_CODES[stride.trim().toUpperCase()];
  if (code !== undefined) return code;
  const name = stride
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  return V2_CATEGORIES.has(name) ? name : "spoofing";
}

/** v1 status -> v2; a value that already is a v2 status is kept. */
function toV2Status(status: unknown): string {
  if (typeof status !== "string") return "open";
  if (V2_STATUSES.has(status)) return status;
  return V1_STATUSES[status] ?? "open";
}

function migrateV1ToV2(doc: Y.Doc): void {
  getThreatsMap(doc).forEach((entry) => {
    if (!(entry instanceof Y.Map)) return;
    const category = toV2Category(entry.get("stride"), entry.get("category"));
    if (entry.get("category") !== category) entry.set("category", category);
    if (entry.has("stride")) entry.delete("stride");
    const status = toV2Status(entry.get("status"));
    if (entry.get("status") !== status) entry.set("status", status);
  });
  // Version 2 documents always have their context lists (see ensureContextLists).
  const context = getContextMap(doc);
  for (const name of V2_CONTEXT_LISTS) {
    if (!(context.get(name) instanceof Y.Array)) context.set(name, new Y.Array<unknown>());
  }
}

/** Every migration, in order: the `to` of one is the `from` of the next; the last reaches SCHEMA_VERSION. */
export const MIGRATIONS: readonly Migration[] = [
  {
    from: 1,
    to: 2,
    description:
      "Threats: one-letter `stride` becomes `category` (spoofing...), statuses become lower-kebab-case; context lists are created",
    migrate: migrateV1ToV2,
  },
];

/**
 * Brings the document to SCHEMA_VERSION, running each pending migration in its own transaction
 * and storing the new version with it. The server calls it after loading a room and before
 * answering any client. An empty document is left alone (initializeDocument stamps new ones).
 * Migrating a current document is a no-op. Throws AppError("conflict") when the document is
 * newer than this code, AppError("internal") when a step is missing.
 */
export function migrateDocument(doc: Y.Doc): MigrationResult {
  const from = readSchemaVersion(doc);
  if (from === null) return { from: SCHEMA_VERSION, to: SCHEMA_VERSION, applied: 0 };
  if (from > SCHEMA_VERSION) {
    throw new AppError(
      "conflict",
      `The document has schema version ${from}, newer than this server's ${SCHEMA_VERSION}`,
    );
  }
  let version = from;
  let applied = 0;
  while (version < SCHEMA_VERSION) {
    const migration = MIGRATIONS.find((candidate) => candidate.from === version);
    if (migration === undefined) {
      throw new AppError("internal", `No migration from schema version ${version}`);
    }
    doc.transact(() => {
      migration.migrate(doc);
      writeStoredSchemaVersion(doc, migration.to);
    });
    version = migration.to;
    applied += 1;
  }
  return { from, to: version, applied };
}

/** True when a client built for `clientVersion` may sync with this code: the versions are equal. */
export function isSchemaCompatible(clientVersion: number): boolean {
  return Number.isInteger(clientVersion) && clientVersion === SCHEMA_VERSION;
}
