import * as Y from "yjs";
import { z } from "zod";
import {
  getContextMap,
  getDiagramsMap,
  getElementsMap,
  getFlowsMap,
  getMetaMap,
  getMitigationsMap,
  getNotesFragment,
  getThreatsMap,
} from "@/lib/model/roots";

/** The kinds of entity the activity feed counts; a trust boundary apart from other elements. */
export const ACTIVITY_KINDS = [
  "diagram",
  "element",
  "boundary",
  "flow",
  "threat",
  "mitigation",
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export type ActivityChange = "added" | "changed" | "removed";

/** A few of the changed entities by name, for sentences like "renamed “Web app”". */
export interface ActivityItem {
  kind: ActivityKind;
  id: string;
  /** The name after the change; empty for a removed entity. */
  name: string;
  change: ActivityChange;
}

/** What one or more changes by one person did to a model. */
export interface ActivitySummary {
  counts: Record<ActivityChange, Partial<Record<ActivityKind, number>>>;
  /** At most MAX_ACTIVITY_ITEMS, the first ones seen. */
  items: ActivityItem[];
  notes: boolean;
  context: boolean;
  title: boolean;
}

const MAX_ACTIVITY_ITEMS_STORED = 20;
const countsSchema = z.partialRecord(z.enum(ACTIVITY_KINDS), z.number().int().nonnegative());
const changeSchema = z.enum(["added", "changed", "removed"]);

/** A stored summary, checked on read: a row that does not match is left out of the feed. */
export const activitySummarySchema = z.object({
  counts: z.object({ added: countsSchema, changed: countsSchema, removed: countsSchema }),
  items: z
    .array(
      z.object({
        kind: z.enum(ACTIVITY_KINDS),
        id: z.string(),
        name: z.string(),
        change: changeSchema,
      }),
    )
    .max(MAX_ACTIVITY_ITEMS_STORED),
  notes: z.boolean(),
  context: z.boolean(),
  title: z.boolean(),
});

/** Named items kept per summary: enough for a sentence, bounded for the database. */
export const MAX_ACTIVITY_ITEMS = 20;

export function emptySummary(): ActivitySummary {
  return {
    counts: { added: {}, changed: {}, removed: {} },
    items: [],
    notes: false,
    context: false,
    title: false,
  };
}

/** True when the summary records nothing. */
export function isEmptySummary(summary: ActivitySummary): boolean {
  return (
    !summary.notes &&
    !summary.context &&
    !summary.title &&
    Object.values(summary.counts).every((byKind) => Object.keys(byKind).length === 0)
  );
}

/** `into` with `from` added: counts summed, items appended up to the bound, flags or-ed. */
export function mergeSummaries(into: ActivitySummary, from: ActivitySummary): ActivitySummary {
  const counts = emptySummary().counts;
  for (const change of ["added", "changed", "removed"] as const) {
    for (const source of [into.counts[change], from.counts[change]]) {
      for (const [kind, count] of Object.entries(source) as [ActivityKind, number][]) {
        counts[change][kind] = (counts[change][kind] ?? 0) + count;
      }
    }
  }
  const seen = new Set(into.items.map((item) => `${item.change}:${item.id}`));
  const items = [...into.items];
  for (const item of from.items) {
    if (items.length >= MAX_ACTIVITY_ITEMS) break;
    if (!seen.has(`${item.change}:${item.id}`)) items.push(item);
  }
  return {
    counts,
    items,
    notes: into.notes || from.notes,
    context: into.context || from.context,
    title: into.title || from.title,
  };
}

/** The shared type a type is nested in, or null for a root. */
function parentOf(type: unknown): unknown {
  if (!(type instanceof Y.AbstractType)) return null;
  const parent: unknown = type._item?.parent ?? null;
  return parent instanceof Y.AbstractType ? parent : null;
}

/** The key under which a type sits in its parent map, or null. */
function keyOf(type: unknown): string | null {
  return type instanceof Y.AbstractType ? (type._item?.parentSub ?? null) : null;
}

function readString(map: Y.Map<unknown>, key: string): string {
  const value = map.get(key);
  return typeof value === "string" ? value.slice(0, 200) : "";
}

/**
 * What a transaction on the model's document changed, by entity: entries added to or removed
 * from an entity root, and entities whose fields (or anything nested in them) changed; and
 * whether the notes, the context lists or the title changed. Read from the transaction's
 * changed types, so it costs in proportion to what changed, not to the document.
 */
export function summarizeTransaction(doc: Y.Doc, transaction: Y.Transaction): ActivitySummary {
  const roots = new Map<unknown, "diagram" | "element" | "flow" | "threat" | "mitigation">([
    [getDiagramsMap(doc), "diagram"],
    [getElementsMap(doc), "element"],
    [getFlowsMap(doc), "flow"],
    [getThreatsMap(doc), "threat"],
    [getMitigationsMap(doc), "mitigation"],
  ]);
  const notes = getNotesFragment(doc);
  const context = getContextMap(doc);
  const meta = getMetaMap(doc);
  const summary = emptySummary();
  const touched = new Map<
    string,
    { root: Y.Map<unknown>; rootKind: string; change: ActivityChange }
  >();

  for (const [changedType, keys] of transaction.changed) {
    const type: unknown = changedType;
    const rootKind = roots.get(type);
    if (rootKind !== undefined && type instanceof Y.Map) {
      for (const key of keys) {
        if (key === null) continue;
        touched.set(key, { root: type, rootKind, change: type.has(key) ? "added" : "removed" });
      }
      continue;
    }
    if (type === meta) {
      if (keys.has("title")) summary.title = true;
      continue;
    }
    // Climb to the child of a root: the entity the change is in, or the notes or context.
    let child: unknown = type;
    let parent = parentOf(child);
    while (parent !== null && !roots.has(parent) && parent !== notes && parent !== context) {
      child = parent;
      parent = parentOf(child);
    }
    if (type === notes || parent === notes) summary.notes = true;
    else if (type === context || parent === context) summary.context = true;
    else if (parent instanceof Y.Map) {
      const key = keyOf(child);
      const parentKind = roots.get(parent);
      if (key !== null && parentKind !== undefined && !touched.has(key)) {
        touched.set(key, { root: parent, rootKind: parentKind, change: "changed" });
      }
    }
  }

  for (const [id, { root, rootKind, change }] of touched) {
    const entity = root.get(id);
    const map = entity instanceof Y.Map ? (entity as Y.Map<unknown>) : null;
    const kind: ActivityKind =
      rootKind === "element" && map?.get("kind") === "trust-boundary"
        ? "boundary"
        : (rootKind as ActivityKind);
    summary.counts[change][kind] = (summary.counts[change][kind] ?? 0) + 1;
    if (summary.items.length < MAX_ACTIVITY_ITEMS) {
      const name = map ? readString(map, "name") || readString(map, "title") : "";
      summary.items.push({ kind, id, name, change });
    }
  }
  return summary;
}
