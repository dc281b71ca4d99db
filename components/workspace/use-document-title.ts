"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { getTitle, observeMeta } from "@/lib/model/meta";

/** The model title stored in the shared document ("" until set or synced), kept current. */
export function useDocumentTitle(doc: Y.Doc | null): string {
  const [title, setTitle] = useState("");

  useEffect(() => {
    if (!doc) {
      setTitle("");
      return;
    }
    setTitle(getTitle(doc));
    return observeMeta(doc, (meta) => setTitle(meta.title));
  }, [doc]);

  return title;
}
