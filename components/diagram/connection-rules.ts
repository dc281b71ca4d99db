import type { DiagramElement } from "@/lib/model/element-records";

/**
 * Whether a data flow may join `source` to `target`: two different elements of the diagram,
 * neither of them a trust boundary.
 */
export function canConnectElements(
  elementsById: ReadonlyMap<string, DiagramElement>,
  connection: { source: string; target: string },
): boolean {
  const source = elementsById.get(connection.source);
  const target = elementsById.get(connection.target);
  return (
    source !== undefined &&
    target !== undefined &&
    source.id !== target.id &&
    source.kind !== "trust-boundary" &&
    target.kind !== "trust-boundary"
  );
}
