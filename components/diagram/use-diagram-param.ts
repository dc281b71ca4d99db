"use client";

import { useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { buildDiagramUrl, DIAGRAM_PARAM } from "./diagram-url";

/**
 * The diagram named in the URL (`?diagram=<id>`), and a setter. Opening another diagram adds a
 * history entry, so Back returns to the diagram before; Next's router observes pushState.
 */
export function useDiagramParam(): [string | null, (diagramId: string) => void] {
  const searchParams = useSearchParams();
  const diagramId = searchParams.get(DIAGRAM_PARAM);
  const openDiagram = useCallback((next: string) => {
    const href = buildDiagramUrl(window.location.href, next);
    if (href !== window.location.href) window.history.pushState(null, "", href);
  }, []);
  return [diagramId, openDiagram];
}
