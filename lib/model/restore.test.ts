import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addContextItem } from "./context";
import { diffDocuments } from "./diff";
import { addElement, deleteElement, getElement, updateElement } from "./elements";
import { getFlow } from "./flows";
import { getNotesFragment } from "./roots";
import { restoreDocument } from "./restore";
import { linkStubElement, unlinkStubElement } from "./stub-links";
import { buildModelDoc, buildZoomedProcessDoc, cloneDoc } from "./test-helpers";
import { addThreat, getThreat, updateThreat } from "./threats";

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement("paragraph");
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

describe("restoreDocument", () => {
  it("brings back every kind of content as it was in the version", () => {
    const { doc, diagramId } = buildModelDoc();
    const web = addElement(doc, { kind: "process", diagramId, name: "Web app" });
    const threat = addThreat(doc, { title: "Spoofing", category: "spoofing" }, "u");
    getNotesFragment(doc).insert(0, [paragraph("First meeting")]);
    const version = cloneDoc(doc);

    updateElement(doc, web, { name: "Renamed" });
    deleteElement(doc, web);
    updateThreat(doc, threat, { status: "mitigated" });
    addElement(doc, { kind: "data-store", diagramId, name: "New store" });
    addContextItem(doc, "assets", "Card numbers");
    getNotesFragment(doc).insert(1, [paragraph("Second meeting")]);

    doc.transact(() => restoreDocument(doc, version));
    const diff = diffDocuments(version, doc);
    expect(diff.entities).toEqual([]);
    expect(diff.context).toEqual([]);
    expect(diff.notes).toBeNull();
  });

  it("leaves entities the version has unchanged alone, so edits made to them meanwhile survive", () => {
    const { doc, diagramId } = buildModelDoc();
    const web = addElement(doc, { kind: "process", diagramId, name: "Web app" });
    const threat = addThreat(doc, { title: "Spoofing", category: "spoofing" }, "u");
    const version = cloneDoc(doc);
    updateElement(doc, web, { name: "Renamed" });

    // Another person, offline with the old state, edits the threat while the restore happens.
    const peer = cloneDoc(doc);
    updateThreat(peer, threat, { title: "Spoofed session" });
    doc.transact(() => restoreDocument(doc, version));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer));

    expect(getThreat(doc, threat)?.title).toBe("Spoofed session");
    expect(diffDocuments(version, doc).entities.map((e) => e.id)).toEqual([threat]);
  });

  it("writes nothing when the document already equals the version", () => {
    const { doc } = buildModelDoc();
    const version = cloneDoc(doc);
    let updates = 0;
    doc.on("update", () => (updates += 1));
    doc.transact(() => restoreDocument(doc, version));
    expect(updates).toBe(0);
  });

  it("brings back a stub's joined element with the element, ids unchanged", () => {
    const { doc, request, inner, parser } = buildZoomedProcessDoc();
    linkStubElement(doc, request, parser);
    const version = cloneDoc(doc);

    unlinkStubElement(doc, request, parser);
    deleteElement(doc, parser);
    const logger = addElement(doc, { kind: "process", diagramId: inner, name: "Logger" });
    linkStubElement(doc, request, logger);

    doc.transact(() => restoreDocument(doc, version));
    expect(getFlow(doc, request)?.innerElementIds).toEqual([parser]);
    expect(getElement(doc, parser)?.diagramId).toBe(inner);
    expect(getElement(doc, logger)).toBeNull();
  });
});
