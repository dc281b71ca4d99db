"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";
import {
  listDiagrams,
  listElements,
  listFlows,
  observeDiagrams,
  observeElements,
  observeFlows,
} from "@/lib/model";
import { buildThreatTargetIndex, type ThreatTargetIndex } from "@/lib/model/threat-targets";

const EMPTY_INDEX: ThreatTargetIndex = new Map();

function readTargets(doc: Y.Doc): ThreatTargetIndex {
  return buildThreatTargetIndex(listElements(doc), listFlows(doc), listDiagrams(doc));
}

/** The elements and flows threats can target, re-read after every change to the diagrams. */
export function useThreatTargets(doc: Y.Doc | null): ThreatTargetIndex {
  const [targets, setTargets] = useState<ThreatTargetIndex>(EMPTY_INDEX);

  useEffect(() => {
    if (!doc) {
      setTargets(EMPTY_INDEX);
      return;
    }
    setTargets(readTargets(doc));
    const refresh = () => setTargets(readTargets(doc));
    const stops = [
      observeElements(doc, refresh),
      observeFlows(doc, refresh),
      observeDiagrams(doc, refresh),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }, [doc]);

  return targets;
}
