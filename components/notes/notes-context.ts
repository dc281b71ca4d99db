"use client";

import { createContext, useContext, useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import type { MentionKind } from "@/lib/model/notes";

/** What the notes' node views need from the workspace around the editor. */
export interface NotesContextValue {
  doc: Y.Doc;
  /** Opens what a mention points at: the threat, or the element or flow on its diagram. */
  onOpenMention: ((kind: MentionKind, id: string, diagramId: string | null) => void) | null;
}

export const NotesContext = createContext<NotesContextValue | null>(null);

/** The notes context; node views are only rendered inside the notes editor, which provides it. */
export function useNotesContext(): NotesContextValue {
  const value = useContext(NotesContext);
  if (value === null) throw new Error("useNotesContext is used outside the notes editor");
  return value;
}

/**
 * A value read from the document, read again after every transaction (local or remote) and
 * kept when it reads the same (compared by `key`), so that a view re-renders only when what it
 * shows changed.
 */
export function useDocumentValue<T>(
  doc: Y.Doc,
  read: (doc: Y.Doc) => T,
  key: (value: T) => string,
): T {
  const readRef = useRef(read);
  const keyRef = useRef(key);
  readRef.current = read;
  keyRef.current = key;
  const [value, setValue] = useState(() => read(doc));

  useEffect(() => {
    const initial = readRef.current(doc);
    let lastKey = keyRef.current(initial);
    setValue(initial);
    const refresh = () => {
      const next = readRef.current(doc);
      const nextKey = keyRef.current(next);
      if (nextKey === lastKey) return;
      lastKey = nextKey;
      setValue(next);
    };
    doc.on("afterTransaction", refresh);
    return () => doc.off("afterTransaction", refresh);
  }, [doc]);

  return value;
}
