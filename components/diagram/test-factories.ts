import * as Y from "yjs";
import { addElement } from "@/lib/model/elements";
import { initializeDocument } from "@/lib/model/document";

/** A new model document with its context diagram, for the canvas's unit tests. */
export function buildCanvasDoc(): { doc: Y.Doc; diagramId: string } {
  const doc = new Y.Doc();
  const { diagramId } = initializeDocument(doc, {
    title: "Checkout",
    ownerId: "user-owner",
    createdAt: 1_700_000_000_000,
  });
  return { doc, diagramId };
}

/** A document with a browser, a web app, a database and an internet boundary box. */
export function buildSmallDiagram() {
  const { doc, diagramId } = buildCanvasDoc();
  const browser = addElement(doc, {
    kind: "external-entity",
    diagramId,
    name: "Browser",
    x: 0,
    y: 0,
  });
  const web = addElement(doc, { kind: "process", diagramId, name: "Web app", x: 300, y: 0 });
  const db = addElement(doc, { kind: "data-store", diagramId, name: "Database", x: 600, y: 0 });
  const internet = addElement(doc, {
    kind: "trust-boundary",
    diagramId,
    name: "Internet",
    x: 250,
    y: -50,
    width: 600,
    height: 300,
  });
  return { doc, diagramId, browser, web, db, internet };
}
