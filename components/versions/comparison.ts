import * as Y from "yjs";
import type { DiffHighlight } from "@/components/diagram/canvas-graph";
import { getElementsMap, getFlowsMap } from "@/lib/model/roots";

/** What the comparison needs of one changed entity in a diff. */
export interface ComparedEntity {
  kind: string;
  id: string;
  change: "added" | "removed" | "changed";
}

/** The diagram kinds of a diff: these are marked on the drawing. */
const DRAWN_KINDS = new Set(["element", "boundary", "flow"]);

/** Per element, boundary or flow id, how the diagram marks it. */
export function getDiffHighlights(entities: readonly ComparedEntity[]): Map<string, DiffHighlight> {
  return new Map(
    entities
      .filter((entity) => DRAWN_KINDS.has(entity.kind))
      .map((entity) => [entity.id, entity.change] as const),
  );
}

/** A copy of an entity's map, its nested shared values copied as plain data. */
function copyEntity(source: Y.Map<unknown>): Y.Map<unknown> {
  const copy = new Y.Map<unknown>();
  for (const [key, value] of source.entries()) {
    copy.set(key, value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value);
  }
  return copy;
}

/**
 * A document to draw a comparison on: the later state, plus the elements and flows that only
 * the earlier state has (so that what was removed can be shown, marked red, where it was).
 * It is a local copy for viewing: nothing is sent anywhere.
 */
export function buildComparisonDoc(
  earlier: Y.Doc,
  later: Y.Doc,
  entities: readonly ComparedEntity[],
): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(later));
  const removed = entities.filter((entity) => entity.change === "removed");
  doc.transact(() => {
    for (const [from, to] of [
      [getElementsMap(earlier), getElementsMap(doc)],
      [getFlowsMap(earlier), getFlowsMap(doc)],
    ] as const) {
      for (const entity of removed) {
        const source = from.get(entity.id);
        if (source instanceof Y.Map && !to.has(entity.id)) to.set(entity.id, copyEntity(source));
      }
    }
  });
  return doc;
}
