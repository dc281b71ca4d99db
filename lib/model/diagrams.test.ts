import { describe, expect, it } from "vitest";
import {
  addDiagram,
  deleteDiagram,
  getDiagram,
  listDiagrams,
  openSubDiagram,
  updateDiagram,
} from "./diagrams";
import { INITIAL_DIAGRAM_TITLE } from "./document";
import { addElement, getElement } from "./elements";
import { addFlow, getFlow } from "./flows";
import { getDiagramsMap } from "./roots";
import { buildModelDoc, expectAppError, receivedFromPeer } from "./test-helpers";

describe("diagrams", () => {
  it("zooms a process into a lower layer and lists by layer", () => {
    const { doc, diagramId } = buildModelDoc();
    const api = addElement(doc, { kind: "process", diagramId, name: "API" });
    const child = addDiagram(doc, { title: "API - Workers", layer: 1, parentElementId: api });

    expect(getDiagram(doc, child)).toEqual({
      id: child,
      title: "API - Workers",
      layer: 1,
      parentElementId: api,
    });
    expect(listDiagrams(doc).map((diagram) => diagram.title)).toEqual([
      INITIAL_DIAGRAM_TITLE,
      "API - Workers",
    ]);
  });

  it("refuses invalid layers, empty titles and parents that are not processes", () => {
    const { doc, diagramId } = buildModelDoc();
    const store = addElement(doc, { kind: "data-store", diagramId });
    expectAppError(
      () => addDiagram(doc, receivedFromPeer({ title: "Deep", layer: 4 })),
      "bad_request",
    );
    expectAppError(() => addDiagram(doc, { title: " " }), "bad_request");
    expectAppError(() => addDiagram(doc, { title: "Zoom", parentElementId: store }), "bad_request");
    expectAppError(
      () => updateDiagram(doc, diagramId, { parentElementId: "ghost" }),
      "bad_request",
    );
    expect(listDiagrams(doc)).toHaveLength(1);
  });

  it("deletes a diagram with its elements and flows", () => {
    const { doc, diagramId } = buildModelDoc();
    const a = addElement(doc, { kind: "process", diagramId });
    const b = addElement(doc, { kind: "data-store", diagramId });
    const flow = addFlow(doc, { sourceId: a, targetId: b });
    const other = addDiagram(doc, { title: "Other" });
    const kept = addElement(doc, { kind: "process", diagramId: other });

    expect(deleteDiagram(doc, diagramId)).toBe(true);
    expect(getDiagram(doc, diagramId)).toBeNull();
    expect(getElement(doc, a)).toBeNull();
    expect(getElement(doc, b)).toBeNull();
    expect(getFlow(doc, flow)).toBeNull();
    expect(getElement(doc, kept)).not.toBeNull();
    expect(deleteDiagram(doc, diagramId)).toBe(false);
  });
});

describe("openSubDiagram", () => {
  it("creates the diagram one layer down, titled with the process name, then reuses it", () => {
    const { doc, diagramId } = buildModelDoc();
    const api = addElement(doc, { kind: "process", diagramId, name: "API" });
    const child = openSubDiagram(doc, api);

    expect(getDiagram(doc, child)).toEqual({
      id: child,
      title: "API",
      layer: 1,
      parentElementId: api,
    });
    expect(openSubDiagram(doc, api)).toBe(child);
    expect(listDiagrams(doc)).toHaveLength(2);
  });

  it("goes down to layer 3 and refuses to go deeper", () => {
    const { doc, diagramId } = buildModelDoc();
    let parentDiagram = diagramId;
    for (const layer of [1, 2, 3]) {
      const process = addElement(doc, { kind: "process", diagramId: parentDiagram });
      parentDiagram = openSubDiagram(doc, process);
      expect(getDiagram(doc, parentDiagram)?.layer).toBe(layer);
    }
    const deepest = addElement(doc, { kind: "process", diagramId: parentDiagram, name: "Parser" });
    const error = expectAppError(() => openSubDiagram(doc, deepest), "bad_request");
    expect(error.issues?.[0]?.path).toBe("layer");
    expect(listDiagrams(doc)).toHaveLength(4);
  });

  it("titles the diagram of an unnamed process with the default title", () => {
    const { doc, diagramId } = buildModelDoc();
    const unnamed = addElement(doc, { kind: "process", diagramId, name: "" });
    expect(getDiagram(doc, openSubDiagram(doc, unnamed))?.title).toBe("Untitled diagram");
  });

  it("refuses elements that are not processes, unknown ids and processes of a deleted diagram", () => {
    const { doc, diagramId } = buildModelDoc();
    const store = addElement(doc, { kind: "data-store", diagramId });
    expectAppError(() => openSubDiagram(doc, store), "bad_request");
    expectAppError(() => openSubDiagram(doc, "ghost"), "bad_request");

    const other = addDiagram(doc, { title: "Other" });
    const orphan = addElement(doc, { kind: "process", diagramId: other });
    getDiagramsMap(doc).delete(other);
    expectAppError(() => openSubDiagram(doc, orphan), "bad_request");
    expect(listDiagrams(doc)).toHaveLength(1);
  });
});
