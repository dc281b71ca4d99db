import { nanoid } from "nanoid";
import * as Y from "yjs";
import type { z } from "zod";
import { AppError } from "../errors";
import { compileFastParse } from "./fast-parse";
import { parseInput } from "./validation";

/** `Omit<T, "id">` applied to each member of a union (plain Omit keeps only common keys). */
export type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

/** What one transaction changed in an entity root, as reported to observers. */
export interface EntityChange {
  /** Ids of the entities added, changed or deleted, sorted. */
  ids: string[];
  /** True when this client made the change; false when it came from a peer. */
  isLocal: boolean;
}

/** How one entity root (id -> nested Y.Map) is stored and validated. */
export interface EntityMapOptions<T extends { id: string }> {
  /** Singular noun for error messages: "threat". */
  noun: string;
  getRoot: (doc: Y.Doc) => Y.Map<unknown>;
  /** The stored record, `id` included; unknown keys are stripped on read. */
  schema: z.ZodType<T>;
  /**
   * Default field values, given the raw entry: what a field missing from the stored entry reads
   * as, and what a stored field that fails validation is repaired to; null when the entry cannot
   * be read (e.g. an element of unknown kind). A default, once shipped, is part of the document
   * contract: entries do not store fields that hold it (see `insert`), so changing it changes
   * every such entry, unless a migration first writes the old value into them.
   */
  getDefaults: (raw: Record<string, unknown>) => Record<string, unknown> | null;
  /** Fields stored even when they hold their default, because `getDefaults` reads them. */
  keptFields?: readonly string[];
  /** Fields holding a list of ids, stored as a nested Y.Map<true> so concurrent adds merge. */
  setFields?: readonly string[];
  /** Field set to Date.now() whenever an update or set change writes something. */
  touchField?: string;
  /** Order of list(); by id when absent. */
  compare?: (a: T, b: T) => number;
}

/**
 * Typed access to one entity root. Every write runs in one `doc.transact` and validates before
 * it writes anything (Yjs does not roll back a transaction that throws).
 *
 * Reads: a field the entry does not store reads as its default, and so does a stored field that
 * fails validation (`getDefaults`); an entry that still fails, or is not a Y.Map at all, is left
 * out of `list` and is `null` for `get`. A malformed entry written by a buggy peer therefore
 * never crashes a reader.
 *
 * A new entry stores only the fields that differ from their defaults (and `keptFields` and set
 * fields): a diagram element or flow as drawn holds a handful of its fifteen-odd fields, and
 * every stored field is an item that each client decodes and integrates when it opens the
 * model. Entries written before, with every field, read the same.
 */
export interface EntityMap<T extends { id: string }> {
  /** Every readable entity, in `compare` order. */
  list: (doc: Y.Doc) => T[];
  /** The entity with this id, or null when absent or unreadable. */
  get: (doc: Y.Doc, id: string) => T | null;
  /** True when an entry with this id exists (readable or not). */
  has: (doc: Y.Doc, id: string) => boolean;
  /**
   * Validates `defaults` overlaid with the defined values of `fields` as a whole record and
   * stores it under a new nanoid id, which it returns. Throws AppError("bad_request").
   */
  insert: (doc: Y.Doc, defaults: WithoutId<T>, fields: Partial<WithoutId<T>>) => string;
  /**
   * Writes the fields returned by `buildChanges(current)` whose value differs from the stored
   * one (undefined values are skipped), then `touchField`. Returns whether anything was written.
   * Throws AppError("not_found") when the entity is absent or unreadable; `buildChanges` throws
   * for invalid input before anything is written.
   */
  update: (doc: Y.Doc, id: string, buildChanges: (current: T) => Partial<WithoutId<T>>) => boolean;
  /** Adds (`isMember` true) or removes one id in a set field; returns whether it changed. */
  setMember: (doc: Y.Doc, id: string, field: string, member: string, isMember: boolean) => boolean;
  /** Deletes the entity; returns false when it did not exist. */
  remove: (doc: Y.Doc, id: string) => boolean;
  /** Calls `onChange` after each transaction that touches this root; returns unsubscribe. */
  observe: (doc: Y.Doc, onChange: (change: EntityChange) => void) => () => void;
}

/** Builds the typed accessors of one entity root. */
export function createEntityMap<T extends { id: string }>(
  options: EntityMapOptions<T>,
): EntityMap<T> {
  const { noun, getRoot, schema, getDefaults, touchField } = options;
  const setFields: ReadonlySet<string> = new Set(options.setFields ?? []);
  const keptFields: ReadonlySet<string> = new Set(options.keptFields ?? []);
  const compare = options.compare ?? ((a: T, b: T) => compareStrings(a.id, b.id));
  // Reads check a valid record quickly, and ask zod about the rest (see fast-parse.ts).
  const fastParse = compileFastParse(schema);

  function readEntry(id: string, value: unknown): T | null {
    if (!(value instanceof Y.Map)) return null;
    return parseStored(id, readRaw(value, setFields));
  }

  function parseStored(id: string, raw: Record<string, unknown>): T | null {
    const defaults = getDefaults(raw);
    const stored = defaults === null ? { ...raw, id } : { ...defaults, ...raw, id };
    const valid = fastParse(stored);
    if (valid !== undefined) return valid;
    const first = schema.safeParse(stored);
    if (first.success) return first.data;
    if (defaults === null) return null;
    const repaired: Record<string, unknown> = { ...stored };
    for (const issue of first.error.issues) {
      const key = issue.path[0];
      if (typeof key !== "string" || key === "id" || !(key in defaults)) return null;
      repaired[key] = defaults[key];
    }
    const second = schema.safeParse(repaired);
    return second.success ? second.data : null;
  }

  /**
   * The fields of a valid new record to store: all but `id`, less the fields equal to their
   * default. Set fields and `keptFields` are always stored, and only primitive values are left
   * out. Promises that the stored fields read back as `record`: when the defaults read from
   * the fields kept would not give back every field left out, every field is stored.
   */
  function leaveOutDefaults(record: T): Record<string, unknown> {
    const full: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      if (key !== "id" && value !== undefined) full[key] = value;
    }
    const defaults = getDefaults(full);
    if (defaults === null) return full;
    const kept: Record<string, unknown> = {};
    const leftOut: string[] = [];
    for (const [key, value] of Object.entries(full)) {
      const isLeftOut =
        !setFields.has(key) &&
        !keptFields.has(key) &&
        isPrimitive(value) &&
        defaults[key] === value;
      if (isLeftOut) leftOut.push(key);
      else kept[key] = value;
    }
    const readBack = getDefaults(kept);
    if (readBack === null || leftOut.some((key) => readBack[key] !== full[key])) return full;
    return kept;
  }

  function getEntryOrThrow(doc: Y.Doc, id: string): Y.Map<unknown> {
    const entry = getRoot(doc).get(id);
    if (!(entry instanceof Y.Map)) throw new AppError("not_found", `No ${noun} with id ${id}`);
    return entry;
  }

  return {
    list(doc) {
      const items: T[] = [];
      getRoot(doc).forEach((value, id) => {
        const item = readEntry(id, value);
        if (item !== null) items.push(item);
      });
      return items.sort(compare);
    },

    get(doc, id) {
      return readEntry(id, getRoot(doc).get(id));
    },

    has(doc, id) {
      return getRoot(doc).has(id);
    },

    insert(doc, defaults, fields) {
      const id = nanoid();
      const merged: Record<string, unknown> = { ...defaults };
      for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined) merged[key] = value;
      }
      const record = parseInput(schema, { ...merged, id }, noun);
      const fieldsToStore = leaveOutDefaults(record);
      doc.transact(() => {
        const entry = new Y.Map<unknown>();
        getRoot(doc).set(id, entry);
        for (const [key, value] of Object.entries(fieldsToStore)) {
          writeField(entry, key, value, setFields);
        }
      });
      return id;
    },

    update(doc, id, buildChanges) {
      let isChanged = false;
      doc.transact(() => {
        const entry = getEntryOrThrow(doc, id);
        const current = readEntry(id, entry);
        if (current === null) throw new AppError("not_found", `The ${noun} ${id} is unreadable`);
        const changes = buildChanges(current);
        const raw = readRaw(entry, setFields);
        // A field the entry leaves out holds its default: writing the default changes nothing.
        const stored = { ...getDefaults(raw), ...raw };
        for (const [key, value] of Object.entries(changes)) {
          if (key === "id" || key === touchField || value === undefined) continue;
          if (isDeepEqual(stored[key], setFields.has(key) ? toSortedSet(value) : value)) continue;
          writeField(entry, key, value, setFields);
          isChanged = true;
        }
        if (isChanged && touchField !== undefined) entry.set(touchField, Date.now());
      });
      return isChanged;
    },

    setMember(doc, id, field, member, isMember) {
      if (!setFields.has(field)) throw new AppError("internal", `${noun}.${field} is not a set`);
      let isChanged = false;
      doc.transact(() => {
        const entry = getEntryOrThrow(doc, id);
        const stored = entry.get(field);
        const set = stored instanceof Y.Map ? stored : null;
        if (isMember && set?.get(member) !== true) {
          getOrCreateSet(entry, field).set(member, true);
          isChanged = true;
        } else if (!isMember && set?.has(member)) {
          set.delete(member);
          isChanged = true;
        }
        if (isChanged && touchField !== undefined) entry.set(touchField, Date.now());
      });
      return isChanged;
    },

    remove(doc, id) {
      const root = getRoot(doc);
      if (!root.has(id)) return false;
      doc.transact(() => root.delete(id));
      return true;
    },

    observe(doc, onChange) {
      const root = getRoot(doc);
      const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
        const ids = new Set<string>();
        for (const event of events) {
          if (event.target === root) {
            for (const key of event.keys.keys()) ids.add(key);
          } else {
            const first = event.path[0];
            if (typeof first === "string") ids.add(first);
          }
        }
        if (ids.size > 0)
          onChange({ ids: [...ids].sort(compareStrings), isLocal: transaction.local });
      };
      root.observeDeep(handler);
      return () => root.unobserveDeep(handler);
    },
  };
}

/** Orders strings by code unit, the same on every machine (unlike localeCompare). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The members of a set field: the keys whose value is `true`, sorted. */
export function readIdSet(set: Y.Map<unknown>): string[] {
  const members: string[] = [];
  set.forEach((value, key) => {
    if (value === true) members.push(key);
  });
  return members.sort(compareStrings);
}

/** The nested Y.Map of a set field, created when missing or malformed. */
export function getOrCreateSet(entry: Y.Map<unknown>, field: string): Y.Map<unknown> {
  const stored = entry.get(field);
  if (stored instanceof Y.Map) return stored;
  const set = new Y.Map<unknown>();
  entry.set(field, set);
  return set;
}

/** The stored fields of an entry as plain values; set fields become sorted id lists. */
function readRaw(entry: Y.Map<unknown>, setFields: ReadonlySet<string>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  entry.forEach((value, key) => {
    if (value instanceof Y.Map && setFields.has(key)) raw[key] = readIdSet(value);
    else if (value instanceof Y.AbstractType) raw[key] = value.toJSON();
    else raw[key] = value;
  });
  return raw;
}

function writeField(
  entry: Y.Map<unknown>,
  key: string,
  value: unknown,
  setFields: ReadonlySet<string>,
): void {
  if (!setFields.has(key) || !Array.isArray(value)) {
    entry.set(key, value);
    return;
  }
  // Only the difference is written, so members added concurrently by others survive.
  const set = getOrCreateSet(entry, key);
  const wanted = new Set(value.filter((member): member is string => typeof member === "string"));
  for (const member of [...set.keys()]) {
    if (!wanted.has(member)) set.delete(member);
  }
  for (const member of wanted) {
    if (set.get(member) !== true) set.set(member, true);
  }
}

/** A list value as a set field reads back: unique strings, sorted; other values unchanged. */
function toSortedSet(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const members = value.filter((member): member is string => typeof member === "string");
  return [...new Set(members)].sort(compareStrings);
}

/** Structural equality of JSON-like values. */
export function isDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => isDeepEqual(item, b[index]))
    );
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keysA = Object.keys(a).filter((key) => a[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => b[key] !== undefined);
  return keysA.length === keysB.length && keysA.every((key) => isDeepEqual(a[key], b[key]));
}

function isPrimitive(value: unknown): value is string | number | boolean | null {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
