import * as Y from "yjs";
import { getNotesFragment } from "./roots";

/** The roots a version restores: every root of the document contract. */
const MAP_ROOTS = ["meta", "context", "diagrams", "elements", "flows", "threats", "mitigations"];

/** A copy of a value read from one document, ready to insert into another. */
function copyOf(value: unknown): unknown {
  if (value instanceof Y.AbstractType) return value.clone();
  return value;
}

/** A value's content as JSON text, to compare values across documents. */
function contentOf(value: unknown): string {
  const json: unknown = value instanceof Y.AbstractType ? value.toJSON() : value;
  return JSON.stringify(json) ?? "undefined";
}

/**
 * Makes `target`'s content equal to `source`'s with the fewest changes: in each map root, keys
 * whose value differs are replaced with a copy of the source's and keys the source lacks are
 * deleted, while identical entries are left alone; the notes are replaced only when they differ.
 * Run inside one transaction of the live document, this restores a version as a new change:
 * history is kept, everyone connected receives it, and an edit someone makes meanwhile to an
 * entity the version has unchanged survives it.
 */
export function restoreDocument(target: Y.Doc, source: Y.Doc): void {
  for (const name of MAP_ROOTS) {
    const from = source.getMap<unknown>(name);
    const into = target.getMap<unknown>(name);
    for (const key of [...into.keys()]) if (!from.has(key)) into.delete(key);
    for (const [key, value] of from.entries()) {
      if (!into.has(key) || contentOf(into.get(key)) !== contentOf(value)) {
        into.set(key, copyOf(value));
      }
    }
  }
  const fromNotes = getNotesFragment(source);
  const intoNotes = getNotesFragment(target);
  if (contentOf(fromNotes) !== contentOf(intoNotes)) {
    intoNotes.delete(0, intoNotes.length);
    const copies: (Y.XmlElement | Y.XmlText)[] = [];
    for (const node of fromNotes.toArray()) {
      // Tiptap writes elements and text only; a hook from elsewhere is not carried over.
      if (node instanceof Y.XmlElement || node instanceof Y.XmlText) copies.push(node.clone());
    }
    intoNotes.insert(0, copies);
  }
}
