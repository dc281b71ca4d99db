"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";
import type { EntityChange } from "@/lib/model";
import { listMitigations, observeMitigations, type Mitigation } from "@/lib/model/mitigations";
import { listThreats, observeThreats, type Threat } from "@/lib/model/threats";

/** A list read from the document again after every local or remote change to its root. */
function useDocumentList<T>(
  doc: Y.Doc | null,
  read: (doc: Y.Doc) => T[],
  observe: (doc: Y.Doc, onChange: (change: EntityChange) => void) => () => void,
): T[] {
  const [items, setItems] = useState<T[]>([]);

  useEffect(() => {
    if (!doc) {
      setItems([]);
      return;
    }
    setItems(read(doc));
    return observe(doc, () => setItems(read(doc)));
  }, [doc, read, observe]);

  return items;
}

/** The mitigations of the document, oldest first, kept current. */
export function useMitigationRecords(doc: Y.Doc | null): Mitigation[] {
  return useDocumentList(doc, listMitigations, observeMitigations);
}

/** The threats of the document, oldest first, kept current (for links and recommendations). */
export function useThreatRecords(doc: Y.Doc | null): Threat[] {
  return useDocumentList(doc, listThreats, observeThreats);
}
