import * as Y from "yjs";
import { addDiagram, addElement, addFlow, openSubDiagram } from "@/lib/model";

/** The names of the diagram a test puts into a model's document. */
export interface DiagramNames {
  externalEntity: string;
  process: string;
  dataStore: string;
  /** When given, a trust boundary of this name encloses the process and the store. */
  trustBoundary?: string;
}

/**
 * A Yjs update that adds a diagram with an external entity, a process and a data store, and
 * flows entity -> process -> store, built with the lib/model accessors on a fresh document
 * (send it with pushUpdatePastTheUi). With `trustBoundary`, the entity's flow crosses it.
 */
export function buildDiagramUpdate(names: DiagramNames): Uint8Array {
  const doc = new Y.Doc();
  const diagramId = addDiagram(doc, { title: "Checkout", layer: 0, parentElementId: null });
  const entityId = addElement(doc, {
    kind: "external-entity",
    diagramId,
    name: names.externalEntity,
  });
  const processId = addElement(doc, { kind: "process", diagramId, name: names.process, x: 300 });
  const storeId = addElement(doc, { kind: "data-store", diagramId, name: names.dataStore, x: 600 });
  if (names.trustBoundary !== undefined) {
    addElement(doc, {
      kind: "trust-boundary",
      diagramId,
      name: names.trustBoundary,
      x: 250,
      y: -100,
      width: 600,
      height: 300,
    });
  }
  addFlow(doc, { sourceId: entityId, targetId: processId, name: "Card details" });
  addFlow(doc, { sourceId: processId, targetId: storeId, name: "Ledger entry" });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** A process drawn inside the "Shop" API's sub-diagram. */
export interface InnerProcess {
  name: string;
  x?: number;
}

/**
 * A Yjs update that adds "Shop": Customer -> API -> Ledger, with flows "Card details" and
 * "Ledger entry", and opens the API's sub-diagram holding the given processes, placed left to
 * right as given (send it with pushUpdatePastTheUi).
 */
export function buildShopUpdate(innerProcesses: readonly InnerProcess[]): Uint8Array {
  const doc = new Y.Doc();
  const diagramId = addDiagram(doc, { title: "Shop", layer: 0 });
  const customer = addElement(doc, { kind: "external-entity", diagramId, name: "Customer" });
  const api = addElement(doc, { kind: "process", diagramId, name: "API", x: 400 });
  const ledger = addElement(doc, { kind: "data-store", diagramId, name: "Ledger", x: 800 });
  addFlow(doc, { sourceId: customer, targetId: api, name: "Card details" });
  addFlow(doc, { sourceId: api, targetId: ledger, name: "Ledger entry" });
  const inner = openSubDiagram(doc, api);
  for (const process of innerProcesses) {
    addElement(doc, { kind: "process", diagramId: inner, name: process.name, x: process.x });
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
