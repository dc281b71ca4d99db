"use client";

import { useCallback, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import {
  MODEL_DREAD_SCALE_DEFAULT,
  getDreadScale,
  observeMeta,
  type ModelDreadScale,
} from "@/lib/model/meta";

function subscribeToNothing(): () => void {
  return () => {};
}

/** The model's DREAD scale, updated when anyone changes it; the default until the doc exists. */
export function useDreadScale(doc: Y.Doc | null): ModelDreadScale {
  const subscribe = useCallback(
    (onChange: () => void) => (doc ? observeMeta(doc, onChange) : subscribeToNothing()),
    [doc],
  );
  const getSnapshot = useCallback(
    () => (doc ? getDreadScale(doc) : MODEL_DREAD_SCALE_DEFAULT),
    [doc],
  );
  return useSyncExternalStore(subscribe, getSnapshot, () => MODEL_DREAD_SCALE_DEFAULT);
}
