import { nanoid } from "nanoid";
import * as Y from "yjs";
import { z } from "zod";
import { AppError } from "../errors";
import { LIMITS } from "../limits";
import { idSchema } from "./fields";
import { getContextMap, getElementsMap, getFlowsMap } from "./roots";
import { parseInput } from "./validation";

/**
 * The background lists gathered in the Design phase. Each is a Y.Array of items in the
 * `context` root; each item is a Y.Map {id, text}, so editing an item's text never duplicates it
 * and concurrent insertions all survive.
 */
export const CONTEXT_LISTS = [
  "scenarios",
  "assets",
  "entryPoints",
  "dependencies",
  "assumptions",
] as const;
export type ContextListName = (typeof CONTEXT_LISTS)[number];

export const CONTEXT_LIST_LABELS: Record<ContextListName, string> = {
  scenarios: "Use-case scenarios",
  assets: "Assets",
  entryPoints: "Entry points",
  dependencies: "External dependencies",
  assumptions: "Assumptions",
};

/** One item of a context list. */
export const contextItemSchema = z.object({
  id: idSchema,
  text: z.string().trim().min(1).max(LIMITS.contextItemLength),
  /**
   * The elements and flows the item concerns (an asset and the stores that hold it, an entry
   * point and its flow). Stored as a nested Y.Map id -> true, so concurrent links merge.
   */
  targetIds: z.array(idSchema).catch([]),
  /** Assumptions: checked true or false; null while nobody checked it. */
  verified: z.boolean().nullable().catch(null),
});
export type ContextItem = z.infer<typeof contextItemSchema>;

/** All context lists, each in document order. */
export type ContextLists = Record<ContextListName, ContextItem[]>;

const listNameSchema = z.enum(CONTEXT_LISTS);
const itemTextSchema = contextItemSchema.shape.text;

/**
 * Creates the context lists that are missing, in one transaction. Called by initializeDocument
 * and the 1 -> 2 migration, on the server, before any client syncs: two clients creating the
 * same list concurrently would each get their own array and one would lose its items.
 */
export function ensureContextLists(doc: Y.Doc): void {
  const context = getContextMap(doc);
  const missing = CONTEXT_LISTS.filter((name) => !(context.get(name) instanceof Y.Array));
  if (missing.length === 0) return;
  doc.transact(() => {
    for (const name of missing) context.set(name, new Y.Array<unknown>());
  });
}

function getList(doc: Y.Doc, name: ContextListName): Y.Array<unknown> | null {
  const list = getContextMap(doc).get(name);
  return list instanceof Y.Array ? list : null;
}

function getListForWrite(doc: Y.Doc, name: ContextListName): Y.Array<unknown> {
  const list = getList(doc, name);
  if (list !== null) return list;
  // Only reached in a document that skipped initialization; see ensureContextLists.
  ensureContextLists(doc);
  const created = getList(doc, name);
  if (created === null) throw new AppError("internal", "The context list could not be created");
  return created;
}

/** The position of the item with this id, or -1. */
function findIndex(list: Y.Array<unknown>, id: string): number {
  return list.toArray().findIndex((item) => item instanceof Y.Map && item.get("id") === id);
}

/**
 * The items of one list in order. Items that are not {id, text} maps, or repeat an id already
 * seen, are left out.
 */
export function listContextItems(doc: Y.Doc, name: ContextListName): ContextItem[] {
  const list = getList(doc, name);
  if (list === null) return [];
  const seen = new Set<string>();
  const items: ContextItem[] = [];
  for (const value of list) {
    if (!(value instanceof Y.Map)) continue;
    const targets = value.get("targets");
    const result = contextItemSchema.safeParse({
      id: value.get("id"),
      text: value.get("text"),
      targetIds: targets instanceof Y.Map ? [...targets.keys()].sort() : [],
      verified: value.get("verified") ?? null,
    });
    if (!result.success || seen.has(result.data.id)) continue;
    seen.add(result.data.id);
    items.push(result.data);
  }
  return items;
}

/** Every context list (an absent list reads as empty). */
export function getContext(doc: Y.Doc): ContextLists {
  return {
    scenarios: listContextItems(doc, "scenarios"),
    assets: listContextItems(doc, "assets"),
    entryPoints: listContextItems(doc, "entryPoints"),
    dependencies: listContextItems(doc, "dependencies"),
    assumptions: listContextItems(doc, "assumptions"),
  };
}

/**
 * Inserts an item (at `index`, or at the end) and returns its id. Throws AppError("bad_request")
 * for an unknown list, empty or too long text, a full list or an index out of range.
 */
export function addContextItem(
  doc: Y.Doc,
  name: ContextListName,
  text: string,
  index?: number,
): string {
  const listName = parseInput(listNameSchema, name, "context list");
  const parsedText = parseInput(itemTextSchema, text, "context item");
  const id = nanoid();
  doc.transact(() => {
    const list = getListForWrite(doc, listName);
    if (list.length >= LIMITS.contextItemsPerList) {
      throw new AppError(
        "bad_request",
        `A context list holds at most ${LIMITS.contextItemsPerList} items`,
      );
    }
    const position = parseInput(
      z.number().int().min(0).max(list.length),
      index ?? list.length,
      "position",
    );
    const item = new Y.Map<unknown>();
    list.insert(position, [item]);
    item.set("id", id);
    item.set("text", parsedText);
  });
  return id;
}

/**
 * Replaces an item's text. Returns whether it changed. Throws AppError("bad_request") for
 * invalid text, AppError("not_found") when no item of the list has this id.
 */
export function updateContextItem(
  doc: Y.Doc,
  name: ContextListName,
  id: string,
  text: string,
): boolean {
  const listName = parseInput(listNameSchema, name, "context list");
  const parsedText = parseInput(itemTextSchema, text, "context item");
  let isChanged = false;
  doc.transact(() => {
    const list = getList(doc, listName);
    const index = list === null ? -1 : findIndex(list, id);
    const item = list !== null && index >= 0 ? list.get(index) : null;
    if (!(item instanceof Y.Map)) throw new AppError("not_found", `No context item with id ${id}`);
    if (item.get("text") !== parsedText) {
      item.set("text", parsedText);
      isChanged = true;
    }
  });
  return isChanged;
}

/** Removes the item; false when the list has no item with this id. */
export function removeContextItem(doc: Y.Doc, name: ContextListName, id: string): boolean {
  const listName = parseInput(listNameSchema, name, "context list");
  const list = getList(doc, listName);
  if (list === null) return false;
  const index = findIndex(list, id);
  if (index < 0) return false;
  doc.transact(() => list.delete(index, 1));
  return true;
}

/** The item map with this id in the list; throws AppError("not_found") when there is none. */
function getItemForWrite(doc: Y.Doc, name: ContextListName, id: string): Y.Map<unknown> {
  const list = getList(doc, name);
  const index = list === null ? -1 : findIndex(list, id);
  const item = list !== null && index >= 0 ? list.get(index) : null;
  if (!(item instanceof Y.Map)) throw new AppError("not_found", `No context item with id ${id}`);
  return item;
}

/**
 * Links an item to an element or flow (or unlinks it). Returns whether it changed. Throws
 * AppError("not_found") for an unknown item, AppError("bad_request") for a target that is no
 * element or flow of the model.
 */
export function linkContextItem(
  doc: Y.Doc,
  name: ContextListName,
  id: string,
  targetId: string,
  isLinked: boolean,
): boolean {
  const listName = parseInput(listNameSchema, name, "context list");
  const target = parseInput(idSchema, targetId, "target id");
  if (isLinked && !getElementsMap(doc).has(target) && !getFlowsMap(doc).has(target)) {
    throw new AppError("bad_request", "No element or data flow has this id");
  }
  let isChanged = false;
  doc.transact(() => {
    const item = getItemForWrite(doc, listName, id);
    let targets = item.get("targets");
    if (!(targets instanceof Y.Map)) {
      if (!isLinked) return;
      targets = new Y.Map<unknown>();
      item.set("targets", targets);
    }
    const set = targets as Y.Map<unknown>;
    if (isLinked && !set.has(target)) {
      set.set(target, true);
      isChanged = true;
    } else if (!isLinked && set.has(target)) {
      set.delete(target);
      isChanged = true;
    }
  });
  return isChanged;
}

/** Records whether an assumption was checked to hold (null: not checked). */
export function setAssumptionVerified(doc: Y.Doc, id: string, verified: boolean | null): void {
  const parsed = parseInput(z.boolean().nullable(), verified, "verified");
  doc.transact(() => getItemForWrite(doc, "assumptions", id).set("verified", parsed));
}

/**
 * Moves an item to `toIndex` (its position once moved). Yjs cannot move a shared map, so the
 * item is written again at the new place with the same id, text, links and check, in one
 * transaction. Returns whether it moved.
 */
export function moveContextItem(
  doc: Y.Doc,
  name: ContextListName,
  id: string,
  toIndex: number,
): boolean {
  const listName = parseInput(listNameSchema, name, "context list");
  const list = getList(doc, listName);
  const from = list === null ? -1 : findIndex(list, id);
  if (list === null || from < 0) throw new AppError("not_found", `No context item with id ${id}`);
  const to = parseInput(
    z
      .number()
      .int()
      .min(0)
      .max(list.length - 1),
    toIndex,
    "position",
  );
  if (to === from) return false;
  const current = listContextItems(doc, listName).find((item) => item.id === id);
  if (!current) throw new AppError("not_found", `No context item with id ${id}`);
  doc.transact(() => {
    list.delete(from, 1);
    const item = new Y.Map<unknown>();
    list.insert(to, [item]);
    item.set("id", current.id);
    item.set("text", current.text);
    if (current.verified !== null) item.set("verified", current.verified);
    if (current.targetIds.length > 0) {
      const targets = new Y.Map<unknown>();
      item.set("targets", targets);
      for (const targetId of current.targetIds) targets.set(targetId, true);
    }
  });
  return true;
}

/**
 * Calls `onChange` with the names of the lists that changed after every transaction touching
 * the context (local or remote). Returns the unsubscribe function.
 */
export function observeContext(
  doc: Y.Doc,
  onChange: (changed: ContextListName[]) => void,
): () => void {
  const context = getContextMap(doc);
  const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const changed = new Set<ContextListName>();
    for (const event of events) {
      const names = event.target === context ? [...event.keys.keys()] : [event.path[0]];
      for (const name of names) {
        const parsed = listNameSchema.safeParse(name);
        if (parsed.success) changed.add(parsed.data);
      }
    }
    if (changed.size > 0) onChange(CONTEXT_LISTS.filter((name) => changed.has(name)));
  };
  context.observeDeep(handler);
  return () => context.unobserveDeep(handler);
}
