"use client";

import { useEffect } from "react";
import type { ElementGeometry } from "./diagram-mapping";
import type { LiveCanvasPublisher } from "./use-live-canvas";

/** Tells the others on the diagram what this person has selected and is dragging. */
export function usePublishCanvasState(
  publisher: LiveCanvasPublisher,
  selectedIds: ReadonlySet<string>,
  localDrags: ReadonlyMap<string, ElementGeometry>,
): void {
  useEffect(() => publisher.setSelection(selectedIds), [publisher, selectedIds]);
  useEffect(
    () => publisher.setDragging(localDrags.size > 0 ? localDrags : null),
    [publisher, localDrags],
  );
}
