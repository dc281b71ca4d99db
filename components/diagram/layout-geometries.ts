import type { DiagramElement } from "@/lib/model/element-records";
import { getElementGeometry, type ElementGeometry } from "./diagram-mapping";
import type { LayoutTarget } from "./diagram-editor-types";

/**
 * The geometries an automatic layout gives the diagram's elements: each at its new position,
 * keeping its size unless the layout sizes it too. Ids not on the diagram are skipped.
 */
export function toLayoutGeometries(
  positions: ReadonlyMap<string, LayoutTarget>,
  elementsById: ReadonlyMap<string, DiagramElement>,
): Map<string, ElementGeometry> {
  const geometries = new Map<string, ElementGeometry>();
  for (const [id, position] of positions) {
    const element = elementsById.get(id);
    if (!element) continue;
    const current = getElementGeometry(element);
    geometries.set(id, {
      x: position.x,
      y: position.y,
      width: position.width ?? current.width,
      height: position.height ?? current.height,
    });
  }
  return geometries;
}
