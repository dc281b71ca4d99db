import type * as Y from "yjs";
import { computeCrossings } from "@/lib/diagram/crossings";
import { CONTEXT_LISTS, getContext, type ContextListName } from "./context";
import { listDiagrams } from "./diagrams";
import { listElements } from "./elements";
import { listFlows } from "./flows";
import { getMeta } from "./meta";
import { listMitigations } from "./mitigations";
import { getNotesFragment } from "./roots";
import { listThreats } from "./threats";

/** What a diff reports changes of: the document's entities, a trust boundary apart. */
export const DIFF_ENTITY_KINDS = [
  "diagram",
  "element",
  "boundary",
  "flow",
  "threat",
  "mitigation",
] as const;
export type DiffEntityKind = (typeof DIFF_ENTITY_KINDS)[number];

/** One field that differs: its value before and after (undefined when it was not set). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** An entity added, removed or changed between two states of a document. */
export interface EntityChange {
  kind: DiffEntityKind;
  id: string;
  /** Its name (elements, flows, diagrams) or title (threats, mitigations), as of `after` when it exists there. */
  name: string;
  change: "added" | "removed" | "changed";
  /** The fields that differ; for an added or removed entity, every field it has. */
  fields: FieldChange[];
}

/** A data flow whose set of crossed trust boundaries differs: the design's attack surface moved. */
export interface CrossingChange {
  flowId: string;
  name: string;
  /** Names of the boundaries it crossed before and crosses after. */
  before: string[];
  after: string[];
}

/** The items of one context list that were added, removed or reworded. */
export interface ContextListChange {
  list: ContextListName;
  added: string[];
  removed: string[];
  changed: { before: string; after: string }[];
}

/** Everything that differs between two states of a model's document. */
export interface DocumentDiff {
  entities: EntityChange[];
  crossings: CrossingChange[];
  context: ContextListChange[];
  /** Title, description, focus and the like. */
  meta: FieldChange[];
  /** The meeting notes as plain text before and after, when they differ. */
  notes: { before: string; after: string } | null;
  counts: { added: number; removed: number; changed: number };
}

/** Fields that change with every save and say nothing about the design. */
const IGNORED_FIELDS = new Set(["updatedAt"]);

/** JSON with object keys sorted, so equal values always compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

type Entity = { id: string } & Record<string, unknown>;

function fieldChanges(before: Entity | undefined, after: Entity | undefined): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of [...fields].sort()) {
    if (field === "id" || IGNORED_FIELDS.has(field)) continue;
    const was = before?.[field];
    const now = after?.[field];
    if (canonical(was) !== canonical(now)) changes.push({ field, before: was, after: now });
  }
  return changes;
}

function nameOf(entity: Entity): string {
  const name = entity.name ?? entity.title;
  return typeof name === "string" ? name : "";
}

function diffEntities(
  kindOf: (entity: Entity) => DiffEntityKind,
  before: readonly Entity[],
  after: readonly Entity[],
): EntityChange[] {
  const was = new Map(before.map((entity) => [entity.id, entity]));
  const now = new Map(after.map((entity) => [entity.id, entity]));
  const changes: EntityChange[] = [];
  for (const [id, entity] of now) {
    const old = was.get(id);
    const fields = fieldChanges(old, entity);
    if (!old)
      changes.push({ kind: kindOf(entity), id, name: nameOf(entity), change: "added", fields });
    else if (fields.length > 0) {
      changes.push({ kind: kindOf(entity), id, name: nameOf(entity), change: "changed", fields });
    }
  }
  for (const [id, entity] of was) {
    if (now.has(id)) continue;
    changes.push({
      kind: kindOf(entity),
      id,
      name: nameOf(entity),
      change: "removed",
      fields: fieldChanges(entity, undefined),
    });
  }
  return changes;
}

/** What the crossings diff needs of one state, read once. */
interface DesignState {
  elements: ReturnType<typeof listElements>;
  flows: ReturnType<typeof listFlows>;
}

function diffCrossings(before: DesignState, after: DesignState): CrossingChange[] {
  const boundaryNames = new Map<string, string>();
  for (const state of [before, after]) {
    for (const element of state.elements) {
      if (element.kind === "trust-boundary") boundaryNames.set(element.id, element.name);
    }
  }
  const names = (ids: readonly string[]) => ids.map((id) => boundaryNames.get(id) ?? id).sort();
  const was = computeCrossings(before);
  const now = computeCrossings(after);
  const flowNames = new Map(after.flows.map((flow) => [flow.id, flow.name]));
  for (const flow of before.flows) if (!flowNames.has(flow.id)) flowNames.set(flow.id, flow.name);
  const changes: CrossingChange[] = [];
  for (const flowId of new Set([...was.keys(), ...now.keys()])) {
    const old = was.get(flowId) ?? [];
    const current = now.get(flowId) ?? [];
    if (canonical(old) === canonical(current)) continue;
    changes.push({
      flowId,
      name: flowNames.get(flowId) ?? "",
      before: names(old),
      after: names(current),
    });
  }
  return changes.sort((a, b) => a.name.localeCompare(b.name));
}

function diffContext(before: Y.Doc, after: Y.Doc): ContextListChange[] {
  const was = getContext(before);
  const now = getContext(after);
  const changes: ContextListChange[] = [];
  for (const list of CONTEXT_LISTS) {
    const old = new Map(was[list].map((item) => [item.id, item.text]));
    const current = new Map(now[list].map((item) => [item.id, item.text]));
    const change: ContextListChange = { list, added: [], removed: [], changed: [] };
    for (const [id, text] of current) {
      const previous = old.get(id);
      if (previous === undefined) change.added.push(text);
      else if (previous !== text) change.changed.push({ before: previous, after: text });
    }
    for (const [id, text] of old) if (!current.has(id)) change.removed.push(text);
    if (change.added.length + change.removed.length + change.changed.length > 0) {
      changes.push(change);
    }
  }
  return changes;
}

/** The notes as plain text: each block (paragraph, heading, list item, cell) on a line. */
export function notesText(doc: Y.Doc): string {
  return getNotesFragment(doc)
    .toString()
    .replace(
      /<\/(paragraph|heading|listItem|taskItem|codeBlock|blockquote|tableCell|tableHeader|tableRow)>/g,
      "\n",
    )
    .replace(/<[^>]*>/g, "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join("\n");
}

/**
 * Everything that differs between two states of a model (two versions, or a version and now),
 * field by field: entities added, removed and changed (which field, old and new value), the
 * flows whose trust-boundary crossings changed, context list items, document fields and notes.
 * Entities are read through the typed accessors, so damaged data is compared as every reader
 * sees it.
 */
export function diffDocuments(before: Y.Doc, after: Y.Doc): DocumentDiff {
  const elementKind = (entity: Entity): DiffEntityKind =>
    entity.kind === "trust-boundary" ? "boundary" : "element";
  // Each state's elements and flows are read once: entities and crossings share them.
  const was: DesignState = { elements: listElements(before), flows: listFlows(before) };
  const now: DesignState = { elements: listElements(after), flows: listFlows(after) };
  const entities = [
    ...diffEntities(() => "diagram", listDiagrams(before), listDiagrams(after)),
    ...diffEntities(elementKind, was.elements, now.elements),
    ...diffEntities(() => "flow", was.flows, now.flows),
    ...diffEntities(() => "threat", listThreats(before), listThreats(after)),
    ...diffEntities(() => "mitigation", listMitigations(before), listMitigations(after)),
  ];
  const { schemaVersion: _was, ...metaBefore } = getMeta(before);
  const { schemaVersion: _now, ...metaAfter } = getMeta(after);
  const beforeNotes = notesText(before);
  const afterNotes = notesText(after);
  return {
    entities,
    crossings: diffCrossings(was, now),
    context: diffContext(before, after),
    meta: fieldChanges({ id: "meta", ...metaBefore }, { id: "meta", ...metaAfter }),
    notes: beforeNotes === afterNotes ? null : { before: beforeNotes, after: afterNotes },
    counts: {
      added: entities.filter((entity) => entity.change === "added").length,
      removed: entities.filter((entity) => entity.change === "removed").length,
      changed: entities.filter((entity) => entity.change === "changed").length,
    },
  };
}
