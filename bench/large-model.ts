import type * as Y from "yjs";
import { addElement } from "@/lib/model/elements";
import { addFlow } from "@/lib/model/flows";

/**
 * The bench's large models, written the same way by every section: `elements` elements of the
 * three kinds on a 40-column grid, then `flows` flows between them (flow i runs from element i
 * to element 7i + 1, skipping a flow onto its own source). Each batch of `batch` writes is one
 * transaction: one message when a client builds the model through the server.
 */
export function addElementsAndFlows(
  doc: Y.Doc,
  diagramId: string,
  size: { elements: number; flows: number },
  batch = Number.POSITIVE_INFINITY,
): { elements: string[]; flows: string[] } {
  const elements: string[] = [];
  const flows: string[] = [];
  inBatches(doc, size.elements, batch, (i) => {
    const kind = i % 3 === 0 ? "process" : i % 3 === 1 ? "data-store" : "external-entity";
    elements.push(
      addElement(doc, {
        kind,
        diagramId,
        name: `Element ${i}`,
        x: (i % 40) * 200,
        y: Math.floor(i / 40) * 150,
      }),
    );
  });
  inBatches(doc, size.flows, batch, (i) => {
    const source = elements[i % size.elements] ?? "";
    const target = elements[(i * 7 + 1) % size.elements] ?? "";
    if (source !== target) {
      flows.push(addFlow(doc, { sourceId: source, targetId: target, name: `Flow ${i}` }));
    }
  });
  return { elements, flows };
}

/** Calls `write` for 0..count-1, `batch` calls per transaction. */
export function inBatches(
  doc: Y.Doc,
  count: number,
  batch: number,
  write: (index: number) => void,
): void {
  for (let first = 0; first < count; first += batch) {
    doc.transact(() => {
      for (let i = first; i < Math.min(count, first + batch); i += 1) write(i);
    });
  }
}
