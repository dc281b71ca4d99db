"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { listThreats, observeThreats, type Threat } from "@/lib/model/threats";

/** The threats of the document, re-read after every local or remote change. */
export function useThreats(doc: Y.Doc | null): Threat[] {
  const [threats, setThreats] = useState<Threat[]>([]);

  useEffect(() => {
    if (!doc) {
      setThreats([]);
      return;
    }
    setThreats(listThreats(doc));
    return observeThreats(doc, () => setThreats(listThreats(doc)));
  }, [doc]);

  return threats;
}
