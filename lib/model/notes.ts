import * as Y from "yjs";
import { z } from "zod";
import { getElement, listElements, ELEMENT_KIND_LABELS } from "./elements";
import { getFlow, listFlows } from "./flows";
import { getMitigation, listMitigations } from "./mitigations";
import { getNotesFragment } from "./roots";
import { getThreat, listThreats } from "./threats";

/**
 * The meeting notes (the `notes` root, a Y.XmlFragment edited with Tiptap) as the rest of the
 * product reads them: the things a mention can point at, the current name behind a mention, and
 * the decisions and action items written in the notes.
 *
 * The fragment is written by every editor in the room, so every attribute read here is parsed
 * and a bad one is read as absent: a damaged block is still listed, never a crash.
 */

/** The Tiptap node names this module reads; the editor's extensions use the same names. */
export const NOTE_NODE_NAMES = {
  mention: "mention",
  decision: "decision",
  actionItem: "actionItem",
} as const;

/** What a `#` mention can point at. */
export const MENTION_KINDS = ["element", "flow", "threat", "mitigation"] as const;
export type MentionKind = (typeof MENTION_KINDS)[number];

export const MENTION_KIND_LABELS: Record<MentionKind, string> = {
  element: "Element",
  flow: "Data flow",
  threat: "Threat",
  mitigation: "Mitigation",
};

/** Something a mention can point at, as the `#` menu offers it. */
export interface Mentionable {
  kind: MentionKind;
  id: string;
  name: string;
  /** e.g. "Process", "Data flow", "Threat": shown beside the name in the menu. */
  detail: string;
  /** The diagram the element or flow is drawn on; null for threats and mitigations. */
  diagramId: string | null;
}

/** The target of a mention as it is now. */
export type MentionTarget =
  { exists: true; name: string; diagramId: string | null } | { exists: false };

/** The most mentionables the `#` menu lists at once. */
export const MENTION_MENU_SIZE = 8;

/**
 * Everything in the model whose name contains `query` (case-insensitive), best matches first
 * (names starting with the query, then shorter names), at most `limit`. An empty query lists
 * threats first, then elements, flows and mitigations, as a meeting mentions threats most.
 */
export function findMentionables(
  doc: Y.Doc,
  query: string,
  limit = MENTION_MENU_SIZE,
): Mentionable[] {
  const needle = query.trim().toLowerCase();
  const all: Mentionable[] = [
    ...listThreats(doc).map((threat) => ({
      kind: "threat" as const,
      id: threat.id,
      name: threat.title,
      detail: "Threat",
      diagramId: null,
    })),
    ...listElements(doc).map((element) => ({
      kind: "element" as const,
      id: element.id,
      name: element.name,
      detail: ELEMENT_KIND_LABELS[element.kind],
      diagramId: element.diagramId,
    })),
    ...listFlows(doc).map((flow) => ({
      kind: "flow" as const,
      id: flow.id,
      name: flow.name,
      detail: "Data flow",
      diagramId: flow.diagramId,
    })),
    ...listMitigations(doc).map((mitigation) => ({
      kind: "mitigation" as const,
      id: mitigation.id,
      name: mitigation.title,
      detail: "Mitigation",
      diagramId: null,
    })),
  ].filter((item) => item.name.trim() !== "");
  if (needle === "") return all.slice(0, limit);
  const rank = (item: Mentionable) => {
    const name = item.name.toLowerCase();
    const at = name.indexOf(needle);
    return at < 0 ? null : { starts: at === 0 ? 0 : 1, length: name.length };
  };
  return all
    .map((item) => ({ item, score: rank(item) }))
    .filter(
      (entry): entry is { item: Mentionable; score: { starts: number; length: number } } =>
        entry.score !== null,
    )
    .sort((a, b) => a.score.starts - b.score.starts || a.score.length - b.score.length)
    .slice(0, limit)
    .map((entry) => entry.item);
}

/** The current name of what a mention points at, or that it no longer exists. */
export function resolveMention(doc: Y.Doc, kind: MentionKind, id: string): MentionTarget {
  switch (kind) {
    case "element": {
      const element = getElement(doc, id);
      return element ? { exists: true, name: element.name, diagramId: element.diagramId } : GONE;
    }
    case "flow": {
      const flow = getFlow(doc, id);
      return flow ? { exists: true, name: flow.name, diagramId: flow.diagramId } : GONE;
    }
    case "threat": {
      const threat = getThreat(doc, id);
      return threat ? { exists: true, name: threat.title, diagramId: null } : GONE;
    }
    case "mitigation": {
      const mitigation = getMitigation(doc, id);
      return mitigation ? { exists: true, name: mitigation.title, diagramId: null } : GONE;
    }
  }
}

const GONE: MentionTarget = { exists: false };

/** The kind of a mention's `kind` attribute; null for anything else. */
export function parseMentionKind(value: unknown): MentionKind | null {
  return MENTION_KINDS.find((kind) => kind === value) ?? null;
}

/** A decision or an action item written in the notes. */
export interface NoteItem {
  type: "decision" | "action";
  /** Position among the fragment's top-level blocks: lets a list scroll to the block. */
  blockIndex: number;
  /** The block's text; mentions read as "#name". */
  text: string;
  /** The threat the block is linked to, when it names one. */
  threatId: string | null;
  /** Action items only: who does it (free text, e.g. a name). */
  assignee: string;
  /** Action items only: due date as YYYY-MM-DD. */
  due: string | null;
  /** Action items only. */
  done: boolean;
}

const idAttribute = z.string().min(1).max(64);
const assigneeAttribute = z.string().max(120);
const dueAttribute = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

function readAttribute<T>(element: Y.XmlElement, name: string, schema: z.ZodType<T>): T | null {
  const parsed = schema.safeParse(element.getAttribute(name));
  return parsed.success ? parsed.data : null;
}

/** The attributes of a decision or action item block, each repaired on its own. */
export function readNoteItemAttributes(element: Y.XmlElement): {
  threatId: string | null;
  assignee: string;
  due: string | null;
  done: boolean;
} {
  const done = element.getAttribute("done") as unknown;
  return {
    threatId: readAttribute(element, "threatId", idAttribute),
    assignee: readAttribute(element, "assignee", assigneeAttribute) ?? "",
    due: readAttribute(element, "due", dueAttribute),
    done: done === true || done === "true",
  };
}

/**
 * The text of a block: its text runs in order, a mention as "#" and the current name of what
 * it points at (its stored label when that is gone), nested blocks separated by spaces.
 */
export function blockText(doc: Y.Doc, node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) {
    return node
      .toDelta()
      .map((part: { insert?: unknown }) => (typeof part.insert === "string" ? part.insert : ""))
      .join("");
  }
  if (node.nodeName === NOTE_NODE_NAMES.mention) return `#${mentionName(doc, node)}`;
  const parts: string[] = [];
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlElement || child instanceof Y.XmlText)
      parts.push(blockText(doc, child));
  }
  return node.toArray().some((child) => child instanceof Y.XmlElement && isBlock(child))
    ? parts.join(" ").trim()
    : parts.join("");
}

function isBlock(element: Y.XmlElement): boolean {
  return element.nodeName !== NOTE_NODE_NAMES.mention;
}

/** The name a mention shows: the target's current name, else the label stored with it. */
function mentionName(doc: Y.Doc, element: Y.XmlElement): string {
  const kind = parseMentionKind(element.getAttribute("kind"));
  const id = readAttribute(element, "id", idAttribute);
  if (kind !== null && id !== null) {
    const target = resolveMention(doc, kind, id);
    if (target.exists) return target.name;
  }
  return readAttribute(element, "label", z.string().max(500)) ?? "";
}

/**
 * The decisions and action items of the notes, in document order. Blocks are looked for at
 * any depth (inside a list item or a table cell too); damaged attributes read as absent.
 */
export function listNoteItems(doc: Y.Doc): NoteItem[] {
  const items: NoteItem[] = [];
  const visit = (element: Y.XmlElement, blockIndex: number) => {
    const type =
      element.nodeName === NOTE_NODE_NAMES.decision
        ? "decision"
        : element.nodeName === NOTE_NODE_NAMES.actionItem
          ? "action"
          : null;
    if (type !== null) {
      const attributes = readNoteItemAttributes(element);
      items.push({ type, blockIndex, text: blockText(doc, element), ...attributes });
      return;
    }
    for (const child of element.toArray()) {
      if (child instanceof Y.XmlElement) visit(child, blockIndex);
    }
  };
  getNotesFragment(doc)
    .toArray()
    .forEach((child, index) => {
      if (child instanceof Y.XmlElement) visit(child, index);
    });
  return items;
}

/** Per threat id, how many decisions and action items of the notes are linked to it. */
export function countNoteItemsByThreat(
  items: readonly NoteItem[],
): Map<string, { decisions: number; actions: number }> {
  const counts = new Map<string, { decisions: number; actions: number }>();
  for (const item of items) {
    if (item.threatId === null) continue;
    const count = counts.get(item.threatId) ?? { decisions: 0, actions: 0 };
    if (item.type === "decision") count.decisions += 1;
    else count.actions += 1;
    counts.set(item.threatId, count);
  }
  return counts;
}
