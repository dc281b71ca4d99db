import * as Y from "yjs";
import { singleLineTextSchema } from "../text";
import { z } from "zod";
import { LIMITS } from "../limits";
import type { DreadScale } from "../risk/dread";
import { getOrCreateSet, readIdSet } from "./entity-map";
import { idSchema, longTextSchema, timestampSchema } from "./fields";
import { getMetaMap } from "./roots";
import { parseInput } from "./validation";

/** Keys of the `meta` map. Only this module and the migrations read them. */
const META_KEYS = {
  schemaVersion: "schemaVersion",
  title: "title",
  description: "description",
  owner: "owner",
  reviewers: "reviewers",
  focus: "focus",
  createdAt: "createdAt",
  dreadScale: "dreadScale",
  ruleSets: "ruleSets",
} as const;

/** What the Break phase looks at first: the system, the attacker's entry points, or assets. */
export const MODEL_FOCUSES = ["system", "attacker", "asset"] as const;
export type ModelFocus = (typeof MODEL_FOCUSES)[number];

export const MODEL_FOCUS_LABELS: Record<ModelFocus, string> = {
  system: "System",
  attacker: "Attacker",
  asset: "Asset",
};

/**
 * The DREAD scale every threat of the model is rated on: "1-3" (each factor 1-3, summed to
 * 5-15, with high / medium / low bands) or "0-10" (each factor 0-10, averaged).
 *
 * Added after schema version 2 without a version bump: documents that lack the field read it
 * as MODEL_DREAD_SCALE_DEFAULT, so no migration is needed.
 */
export const MODEL_DREAD_SCALES = ["1-3", "0-10"] as const;
export type ModelDreadScale = (typeof MODEL_DREAD_SCALES)[number];

/** The scale of a model that never chose one. */
export const MODEL_DREAD_SCALE_DEFAULT: ModelDreadScale = "1-3";

export const MODEL_DREAD_SCALE_LABELS: Record<ModelDreadScale, string> = {
  "1-3": "1-3 per factor, summed",
  "0-10": "0-10 per factor, averaged",
};

/** The lib/risk/dread.ts scale that scores ratings made on a model's scale. */
export const DREAD_SCALE_OF_MODEL_SCALE: Record<ModelDreadScale, DreadScale> = {
  "1-3": "sum-1-3",
  "0-10": "average-0-10",
};

const modelDreadScaleSchema = z.enum(MODEL_DREAD_SCALES);

/** A model title: trimmed, 1 to LIMITS.modelTitleLength characters. */
export const modelTitleSchema = singleLineTextSchema(LIMITS.modelTitleLength);

/** The document-wide fields, as every reader sees them. */
export interface Meta {
  /** Null for a document that was never initialized (see document.ts). */
  schemaVersion: number | null;
  /** "" when not set yet. */
  title: string;
  description: string;
  /** User id of the model's owner; "" when not set. */
  owner: string;
  /** User ids of the reviewers who sign the model off, sorted. */
  reviewers: string[];
  focus: ModelFocus;
  /** Milliseconds since the epoch; 0 when not set. */
  createdAt: number;
}

/** A stored value that fails its schema reads as the fallback, so a bad peer cannot break reads. */
function readField<T>(meta: Y.Map<unknown>, key: string, schema: z.ZodType<T>, fallback: T): T {
  const result = schema.safeParse(meta.get(key));
  return result.success ? result.data : fallback;
}

/** The schema version stored in meta: a positive integer, or null when absent or malformed. */
export function readStoredSchemaVersion(doc: Y.Doc): number | null {
  return readField(getMetaMap(doc), META_KEYS.schemaVersion, z.number().int().positive(), null);
}

/** Stores the schema version; only initialization and migrations call this. */
export function writeStoredSchemaVersion(doc: Y.Doc, version: number): void {
  getMetaMap(doc).set(META_KEYS.schemaVersion, version);
}

/** The model's title; "" when not set or malformed. */
export function getTitle(doc: Y.Doc): string {
  return readField(getMetaMap(doc), META_KEYS.title, modelTitleSchema, "");
}

/** Sets the title (trimmed). Throws AppError("bad_request") when empty or too long. */
export function setTitle(doc: Y.Doc, title: string): void {
  const parsed = parseInput(modelTitleSchema, title, "title");
  const meta = getMetaMap(doc);
  if (meta.get(META_KEYS.title) !== parsed) doc.transact(() => meta.set(META_KEYS.title, parsed));
}

/** Sets the description. Throws AppError("bad_request") when too long. */
export function setDescription(doc: Y.Doc, description: string): void {
  const parsed = parseInput(longTextSchema, description, "description");
  doc.transact(() => getMetaMap(doc).set(META_KEYS.description, parsed));
}

/** Sets the Break-phase focus. Throws AppError("bad_request") for an unknown focus. */
export function setFocus(doc: Y.Doc, focus: ModelFocus): void {
  const parsed = parseInput(z.enum(MODEL_FOCUSES), focus, "focus");
  doc.transact(() => getMetaMap(doc).set(META_KEYS.focus, parsed));
}

/**
 * Adds (`isReviewer` true) or removes a reviewer. Reviewers are a nested Y.Map userId -> true,
 * so concurrent additions all survive. Throws AppError("bad_request") for an invalid user id.
 */
export function setReviewer(doc: Y.Doc, userId: string, isReviewer: boolean): void {
  const parsed = parseInput(idSchema, userId, "reviewer");
  doc.transact(() => {
    const meta = getMetaMap(doc);
    if (isReviewer) getOrCreateSet(meta, META_KEYS.reviewers).set(parsed, true);
    else {
      const reviewers = meta.get(META_KEYS.reviewers);
      if (reviewers instanceof Y.Map) reviewers.delete(parsed);
    }
  });
}

/** The model's DREAD scale; MODEL_DREAD_SCALE_DEFAULT ("1-3") when not set or malformed. */
export function getDreadScale(doc: Y.Doc): ModelDreadScale {
  return readField(
    getMetaMap(doc),
    META_KEYS.dreadScale,
    modelDreadScaleSchema,
    MODEL_DREAD_SCALE_DEFAULT,
  );
}

/**
 * Sets the model's DREAD scale. Existing ratings are kept as they are: a rating outside the new
 * scale's range has no score until someone rates it again (see getThreatRisk). Throws
 * AppError("bad_request") for an unknown scale.
 */
export function setDreadScale(doc: Y.Doc, scale: ModelDreadScale): void {
  const parsed = parseInput(modelDreadScaleSchema, scale, "DREAD scale");
  const meta = getMetaMap(doc);
  if (meta.get(META_KEYS.dreadScale) !== parsed) {
    doc.transact(() => meta.set(META_KEYS.dreadScale, parsed));
  }
}

/** A rule set id as the model's choice stores it (the format of lib/stride rule set ids). */
const ruleSetIdSchema = z
  .string()
  .min(1)
  .max(LIMITS.idLength)
  .regex(/^[A-Za-z0-9._:-]+$/);

/**
 * Which rule sets the model turned on (true) or off (false) for its threat generation, by rule
 * set id. A set the model never chose about follows the instance (built-in sets on, an
 * organisation set as its administrators enabled it). Stored as a nested Y.Map id -> boolean,
 * so two people choosing about two sets at once both win.
 *
 * Added after schema version 2 without a version bump: a document without the map has made no
 * choice, so no migration is needed. Repaired on read: a value that is not a Y.Map reads as no
 * choice, and an entry whose id or value is malformed is left out.
 */
export function getRuleSetChoices(doc: Y.Doc): ReadonlyMap<string, boolean> {
  const stored = getMetaMap(doc).get(META_KEYS.ruleSets);
  const choices = new Map<string, boolean>();
  if (!(stored instanceof Y.Map)) return choices;
  const entries: [string, unknown][] = [];
  stored.forEach((value: unknown, id: string) => entries.push([id, value]));
  for (const [id, value] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (typeof value === "boolean" && ruleSetIdSchema.safeParse(id).success) choices.set(id, value);
  }
  return choices;
}

/**
 * Turns one rule set on or off for this model. A malformed stored value is replaced by a fresh
 * map. Throws AppError("bad_request") for an invalid rule set id.
 */
export function setRuleSetChoice(doc: Y.Doc, ruleSetId: string, isOn: boolean): void {
  const parsed = parseInput(ruleSetIdSchema, ruleSetId, "rule set id");
  const meta = getMetaMap(doc);
  const stored = meta.get(META_KEYS.ruleSets);
  if (stored instanceof Y.Map && stored.get(parsed) === isOn) return;
  doc.transact(() => getOrCreateSet(meta, META_KEYS.ruleSets).set(parsed, isOn));
}

/** Forgets the model's choices: every rule set follows the instance again. */
export function clearRuleSetChoices(doc: Y.Doc): void {
  const meta = getMetaMap(doc);
  if (meta.has(META_KEYS.ruleSets)) doc.transact(() => meta.delete(META_KEYS.ruleSets));
}

/** Writes every meta field of a new document; initializeDocument calls this in its transaction. */
export function writeInitialMeta(
  doc: Y.Doc,
  fields: { schemaVersion: number; title: string; owner: string; createdAt: number },
): void {
  const meta = getMetaMap(doc);
  meta.set(META_KEYS.schemaVersion, fields.schemaVersion);
  meta.set(META_KEYS.title, parseInput(modelTitleSchema, fields.title, "title"));
  meta.set(META_KEYS.description, "");
  meta.set(META_KEYS.owner, parseInput(idSchema, fields.owner, "owner id"));
  meta.set(META_KEYS.reviewers, new Y.Map<unknown>());
  meta.set(META_KEYS.focus, "system");
  meta.set(META_KEYS.createdAt, parseInput(timestampSchema, fields.createdAt, "createdAt"));
  meta.set(META_KEYS.dreadScale, MODEL_DREAD_SCALE_DEFAULT);
  // Present from the start, so that the first two choices made at once both survive.
  meta.set(META_KEYS.ruleSets, new Y.Map<unknown>());
}

/**
 * All meta fields as a plain object. A missing or malformed field reads as its default ("" for
 * text, [] for reviewers, "system" for focus, 0 for createdAt, null for schemaVersion). The DREAD
 * scale is read on its own with getDreadScale.
 */
export function getMeta(doc: Y.Doc): Meta {
  const meta = getMetaMap(doc);
  const reviewers = meta.get(META_KEYS.reviewers);
  return {
    schemaVersion: readStoredSchemaVersion(doc),
    title: getTitle(doc),
    description: readField(meta, META_KEYS.description, longTextSchema, ""),
    owner: readField(meta, META_KEYS.owner, idSchema, ""),
    reviewers: reviewers instanceof Y.Map ? readIdSet(reviewers) : [],
    focus: readField(meta, META_KEYS.focus, z.enum(MODEL_FOCUSES), "system"),
    createdAt: readField(meta, META_KEYS.createdAt, timestampSchema, 0),
  };
}

/**
 * Calls `onChange` with the new meta after every transaction that changes it (local or remote,
 * reviewers included). Returns the unsubscribe function.
 */
export function observeMeta(doc: Y.Doc, onChange: (meta: Meta) => void): () => void {
  const meta = getMetaMap(doc);
  const handler = () => onChange(getMeta(doc));
  meta.observeDeep(handler);
  return () => meta.unobserveDeep(handler);
}
