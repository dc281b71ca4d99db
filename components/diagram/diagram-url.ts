/** The query parameter naming the diagram shown in the Diagram tab. */
export const DIAGRAM_PARAM = "diagram";

/** `href` with the diagram in its query (removed for null); other parameters and the hash kept. */
export function buildDiagramUrl(href: string, diagramId: string | null): string {
  const url = new URL(href);
  if (diagramId === null) url.searchParams.delete(DIAGRAM_PARAM);
  else url.searchParams.set(DIAGRAM_PARAM, diagramId);
  return url.toString();
}

/**
 * The diagram to show: the one the URL names when it exists, else the first top-level diagram,
 * else the first diagram; null when the model has none.
 */
export function chooseDiagram<T extends { id: string; layer: number }>(
  diagrams: readonly T[],
  requestedId: string | null,
): T | null {
  return (
    diagrams.find((diagram) => diagram.id === requestedId) ??
    diagrams.find((diagram) => diagram.layer === 0) ??
    diagrams[0] ??
    null
  );
}
