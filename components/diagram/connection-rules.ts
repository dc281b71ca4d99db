import type { DiagramElement } from "@/lib/model/element-records";
import { getStubFlowId } from "./diagram-mapping";

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

/**
 * The parent flow and inner element of a connection drawn between a stub and an element of the
 * diagram (either way round), or null when the connection is not one: two stubs, a stub and a
 * trust boundary, or no stub at all.
 */
export function getStubConnection(
  elementsById: ReadonlyMap<string, DiagramElement>,
  connection: { source: string; target: string },
): { flowId: string; elementId: string } | null {
  const sourceFlowId = getStubFlowId(connection.source);
  const targetFlowId = getStubFlowId(connection.target);
  const flowId = sourceFlowId ?? targetFlowId;
  if (flowId === null || (sourceFlowId !== null && targetFlowId !== null)) return null;
  const element = elementsById.get(sourceFlowId === null ? connection.source : connection.target);
  if (element === undefined || element.kind === "trust-boundary") return null;
  return { flowId, elementId: element.id };
}
