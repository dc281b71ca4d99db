"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { countNoteItemsByThreat, listNoteItems } from "@/lib/model/notes";
import { getNotesFragment } from "@/lib/model/roots";

export type NoteItemCounts = ReadonlyMap<string, { decisions: number; actions: number }>;

const NO_COUNTS: NoteItemCounts = new Map();

/**
 * Per threat id, the decisions and action items of the notes linked to it, read again when the
 * notes or the threats change (a mention's name is part of an item's text).
 */
export function useNoteItemCounts(doc: Y.Doc | null): NoteItemCounts {
  const [counts, setCounts] = useState<NoteItemCounts>(NO_COUNTS);
  useEffect(() => {
    if (doc === null) {
      setCounts(NO_COUNTS);
      return;
    }
    const fragment = getNotesFragment(doc);
    let lastKey = "";
    const refresh = () => {
      const next = countNoteItemsByThreat(listNoteItems(doc));
      const key = JSON.stringify([...next]);
      if (key === lastKey) return;
      lastKey = key;
      setCounts(next);
    };
    refresh();
    fragment.observeDeep(refresh);
    return () => fragment.unobserveDeep(refresh);
  }, [doc]);
  return counts;
}
