import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addContextItem, removeContextItem, updateContextItem } from "./context";
import { addDiagram, updateDiagram } from "./diagrams";
import { diffDocuments, notesText } from "./diff";
import { addElement, deleteElement, updateElement } from "./elements";
import { addFlow, deleteFlow, updateFlow } from "./flows";
import { setTitle } from "./meta";
import { addMitigation, deleteMitigation, updateMitigation } from "./mitigations";
import { getNotesFragment } from "./roots";
import { buildModelDoc, cloneDoc } from "./test-helpers";
import { addThreat, deleteThreat, updateThreat } from "./threats";

/** A small model: a browser and a web app on either side of an Internet boundary. */
function buildModel() {
  const { doc, diagramId } = buildModelDoc({ title: "Payments" });
  const browser = addElement(doc, {
    kind: "external-entity",
    diagramId,
    name: "Browser",
    x: 0,
    y: 0,
  });
  const web = addElement(doc, { kind: "process", diagramId, name: "Web app", x: 400, y: 0 });
  const store = addElement(doc, { kind: "data-store", diagramId, name: "Orders", x: 400, y: 300 });
  const flow = addFlow(doc, { sourceId: browser, targetId: web, name: "Checkout" });
  const save = addFlow(doc, { sourceId: web, targetId: store, name: "Save order" });
  const threat = addThreat(doc, { title: "Spoofed buyer", category: "spoofing" }, "user-a");
  const mitigation = addMitigation(doc, { title: "Require sign-in" }, "user-a");
  const scenario = addContextItem(doc, "scenarios", "A buyer pays for an order");
  return { doc, diagramId, browser, web, store, flow, save, threat, mitigation, scenario };
}

describe("diffDocuments", () => {
  it("finds nothing between a document and its copy", () => {
    const { doc } = buildModel();
    const diff = diffDocuments(doc, cloneDoc(doc));
    expect(diff.entities).toEqual([]);
    expect(diff.crossings).toEqual([]);
    expect(diff.context).toEqual([]);
    expect(diff.meta).toEqual([]);
    expect(diff.notes).toBeNull();
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 0 });
  });

  it("reports added, removed and changed entities of every kind, field by field", () => {
    const model = buildModel();
    const before = cloneDoc(model.doc);
    const { doc, diagramId } = model;
    const second = addDiagram(doc, { title: "Back office" });
    updateDiagram(doc, diagramId, { title: "Context" });
    updateElement(doc, model.web, { name: "Web shop" });
    deleteElement(doc, model.store);
    deleteFlow(doc, model.save);
    updateFlow(doc, model.flow, { protocol: "HTTPS" });
    const boundary = addElement(doc, { kind: "trust-boundary", diagramId, name: "DMZ" });
    updateThreat(doc, model.threat, { status: "mitigated" });
    const newThreat = addThreat(doc, { title: "Order tampering", category: "tampering" }, "u");
    deleteMitigation(doc, model.mitigation);
    const newMitigation = addMitigation(doc, { title: "Sign orders" }, "u");
    updateMitigation(doc, newMitigation, { title: "Sign every order" });

    const diff = diffDocuments(before, doc);
    const find = (id: string) => diff.entities.find((entity) => entity.id === id);
    expect(find(second)).toMatchObject({ kind: "diagram", change: "added", name: "Back office" });
    expect(find(diagramId)).toMatchObject({ kind: "diagram", change: "changed" });
    expect(find(model.web)).toMatchObject({
      kind: "element",
      change: "changed",
      name: "Web shop",
      fields: [{ field: "name", before: "Web app", after: "Web shop" }],
    });
    expect(find(model.store)).toMatchObject({ kind: "element", change: "removed", name: "Orders" });
    expect(find(boundary)).toMatchObject({ kind: "boundary", change: "added", name: "DMZ" });
    expect(find(model.save)).toMatchObject({ kind: "flow", change: "removed" });
    expect(find(model.flow)?.fields).toContainEqual(
      expect.objectContaining({ field: "protocol", after: "HTTPS" }),
    );
    expect(find(model.threat)).toMatchObject({
      kind: "threat",
      change: "changed",
      fields: [expect.objectContaining({ field: "status", after: "mitigated" })],
    });
    expect(find(newThreat)).toMatchObject({ kind: "threat", change: "added" });
    expect(find(model.mitigation)).toMatchObject({ kind: "mitigation", change: "removed" });
    expect(find(newMitigation)).toMatchObject({
      kind: "mitigation",
      change: "added",
      name: "Sign every order",
    });
    expect(diff.counts.added).toBe(4);
    expect(diff.counts.removed).toBe(3);
  });

  it("lists the flows whose trust-boundary crossings changed, by boundary name", () => {
    const model = buildModel();
    const before = cloneDoc(model.doc);
    // A boundary drawn around the web app and its store: the checkout now crosses it.
    addElement(model.doc, {
      kind: "trust-boundary",
      diagramId: model.diagramId,
      name: "Internal network",
      x: 300,
      y: -100,
      width: 400,
      height: 600,
    });
    const diff = diffDocuments(before, model.doc);
    expect(diff.crossings).toEqual([
      { flowId: model.flow, name: "Checkout", before: [], after: ["Internal network"] },
    ]);
  });

  it("reports context items added, removed and reworded, document fields and notes", () => {
    const model = buildModel();
    const before = cloneDoc(model.doc);
    updateContextItem(model.doc, "scenarios", model.scenario, "A buyer pays for two orders");
    addContextItem(model.doc, "assumptions", "The payment provider is PCI compliant");
    const asset = addContextItem(before, "assets", "Card numbers");
    removeContextItem(before, "assets", asset);
    addContextItem(model.doc, "assets", "Order history");
    setTitle(model.doc, "Payments v2");
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Decided to sign orders")]);
    getNotesFragment(model.doc).insert(0, [paragraph]);

    const diff = diffDocuments(before, model.doc);
    expect(diff.context).toContainEqual({
      list: "scenarios",
      added: [],
      removed: [],
      changed: [{ before: "A buyer pays for an order", after: "A buyer pays for two orders" }],
    });
    expect(diff.context).toContainEqual({
      list: "assumptions",
      added: ["The payment provider is PCI compliant"],
      removed: [],
      changed: [],
    });
    expect(diff.meta).toEqual([{ field: "title", before: "Payments", after: "Payments v2" }]);
    expect(diff.notes).toEqual({ before: "", after: "Decided to sign orders" });
  });

  it("is symmetric: swapping the states swaps added and removed", () => {
    const model = buildModel();
    const before = cloneDoc(model.doc);
    deleteThreat(model.doc, model.threat);
    const forward = diffDocuments(before, model.doc);
    const backward = diffDocuments(model.doc, before);
    expect(forward.counts).toEqual({ added: 0, removed: 1, changed: 0 });
    expect(backward.counts).toEqual({ added: 1, removed: 0, changed: 0 });
  });
});

describe("notesText", () => {
  it("puts each block on a line and drops formatting", () => {
    const { doc } = buildModelDoc();
    const heading = new Y.XmlElement("heading");
    heading.insert(0, [new Y.XmlText("Decisions")]);
    const paragraph = new Y.XmlElement("paragraph");
    const text = new Y.XmlText("Use mTLS");
    paragraph.insert(0, [text]);
    getNotesFragment(doc).insert(0, [heading, paragraph]);
    text.format(0, 3, { bold: true });
    expect(notesText(doc)).toBe("Decisions\nUse mTLS");
  });
});
