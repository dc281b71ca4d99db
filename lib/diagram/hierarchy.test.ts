import { describe, expect, it } from "vitest";
import {
  addDiagram,
  addElement,
  addFlow,
  deleteDiagram,
  deleteElement,
  linkStubElement,
  openSubDiagram,
  updateDiagram,
  updateElement,
} from "../model";
import { buildModelDoc, buildZoomedProcessDoc } from "../model/test-helpers";
import { getDiagramPath, getHierarchicalName, listStubFlows } from "./hierarchy";

/** Context diagram > "Web Service" > "Worker" > "Input Parser", each opened from its process. */
function buildHierarchy() {
  const { doc, diagramId: root } = buildModelDoc();
  const service = addElement(doc, { kind: "process", diagramId: root, name: "Web Service" });
  const serviceDiagram = openSubDiagram(doc, service);
  const worker = addElement(doc, { kind: "process", diagramId: serviceDiagram, name: "Worker" });
  const workerDiagram = openSubDiagram(doc, worker);
  const parser = addElement(doc, {
    kind: "process",
    diagramId: workerDiagram,
    name: "Input Parser",
  });
  const parserDiagram = openSubDiagram(doc, parser);
  return { doc, root, service, serviceDiagram, worker, workerDiagram, parser, parserDiagram };
}

describe("getDiagramPath", () => {
  it("lists the diagrams from the top down to the one asked for", () => {
    const { doc, root, serviceDiagram, workerDiagram, parserDiagram } = buildHierarchy();
    expect(getDiagramPath(doc, parserDiagram).map((diagram) => diagram.id)).toEqual([
      root,
      serviceDiagram,
      workerDiagram,
      parserDiagram,
    ]);
    expect(getDiagramPath(doc, root).map((diagram) => diagram.id)).toEqual([root]);
  });

  it("is empty for an unknown diagram", () => {
    const { doc } = buildModelDoc();
    expect(getDiagramPath(doc, "ghost")).toEqual([]);
  });

  it("starts below a deleted process or a deleted parent diagram", () => {
    const { doc, root, service, serviceDiagram, workerDiagram } = buildHierarchy();
    deleteElement(doc, service);
    expect(getDiagramPath(doc, workerDiagram).map((diagram) => diagram.id)).toEqual([
      serviceDiagram,
      workerDiagram,
    ]);
    deleteDiagram(doc, root);
    expect(getDiagramPath(doc, serviceDiagram).map((diagram) => diagram.id)).toEqual([
      serviceDiagram,
    ]);
  });

  it("stops instead of looping when parents form a cycle", () => {
    const { doc, root, serviceDiagram } = buildHierarchy();
    const onService = addElement(doc, { kind: "process", diagramId: serviceDiagram, name: "Loop" });
    updateDiagram(doc, root, { parentElementId: onService });
    const path = getDiagramPath(doc, serviceDiagram).map((diagram) => diagram.id);
    expect(path).toEqual([root, serviceDiagram]);
    expect(getHierarchicalName(doc, serviceDiagram)).toBe("Loop - Web Service");
  });
});

describe("getHierarchicalName", () => {
  it("joins the names of the processes zoomed into", () => {
    const { doc, serviceDiagram, parserDiagram } = buildHierarchy();
    expect(getHierarchicalName(doc, parserDiagram)).toBe("Web Service - Worker - Input Parser");
    expect(getHierarchicalName(doc, serviceDiagram)).toBe("Web Service");
  });

  it("names a top-level diagram by its title, and an unknown one by nothing", () => {
    const { doc, root } = buildHierarchy();
    expect(getHierarchicalName(doc, root)).toBe("Context diagram");
    expect(getHierarchicalName(doc, "ghost")).toBe("");
  });

  it("follows renamed processes and stands in with titles for missing or unnamed ones", () => {
    const { doc, service, worker, parserDiagram } = buildHierarchy();
    updateElement(doc, worker, { name: "Queue Worker" });
    expect(getHierarchicalName(doc, parserDiagram)).toBe(
      "Web Service - Queue Worker - Input Parser",
    );
    updateElement(doc, worker, { name: "  " });
    expect(getHierarchicalName(doc, parserDiagram)).toBe("Web Service - Worker - Input Parser");
    deleteElement(doc, service);
    expect(getHierarchicalName(doc, parserDiagram)).toBe("Web Service - Worker - Input Parser");
  });
});

describe("listStubFlows", () => {
  it("lists the parent's flows into and out of the zoomed process", () => {
    const { doc, diagramId } = buildModelDoc();
    const user = addElement(doc, { kind: "external-entity", diagramId, name: "User" });
    const api = addElement(doc, { kind: "process", diagramId, name: "API" });
    const db = addElement(doc, { kind: "data-store", diagramId, name: "Orders DB" });
    const other = addElement(doc, { kind: "process", diagramId, name: "Other" });
    const request = addFlow(doc, { sourceId: user, targetId: api, name: "Request", sequence: 1 });
    const write = addFlow(doc, {
      sourceId: api,
      targetId: db,
      name: "Write order",
      bidirectional: true,
      sequence: 2,
    });
    addFlow(doc, { sourceId: other, targetId: db, name: "Unrelated" });
    const apiDiagram = openSubDiagram(doc, api);

    expect(listStubFlows(doc, apiDiagram)).toEqual([
      {
        parentFlowId: request,
        name: "Request",
        direction: "in",
        outsideElementName: "User",
        bidirectional: false,
        linkedElementIds: [],
      },
      {
        parentFlowId: write,
        name: "Write order",
        direction: "out",
        outsideElementName: "Orders DB",
        bidirectional: true,
        linkedElementIds: [],
      },
    ]);
  });

  it("is empty for a top-level diagram, an unknown one, or a deleted process", () => {
    const { doc, diagramId } = buildModelDoc();
    const user = addElement(doc, { kind: "external-entity", diagramId, name: "User" });
    const api = addElement(doc, { kind: "process", diagramId, name: "API" });
    addFlow(doc, { sourceId: user, targetId: api });
    const apiDiagram = openSubDiagram(doc, api);
    expect(listStubFlows(doc, diagramId)).toEqual([]);
    expect(listStubFlows(doc, "ghost")).toEqual([]);
    deleteElement(doc, api);
    expect(listStubFlows(doc, apiDiagram)).toEqual([]);
  });

  it("names the inner elements joined to each stub, while they are on the sub-diagram", () => {
    const { doc, request, inner: apiDiagram, parser } = buildZoomedProcessDoc();
    const logger = addElement(doc, { kind: "process", diagramId: apiDiagram, name: "Logger" });
    linkStubElement(doc, request, parser);
    linkStubElement(doc, request, logger);
    expect(listStubFlows(doc, apiDiagram)[0]?.linkedElementIds).toEqual([parser, logger].sort());
    deleteElement(doc, logger);
    expect(listStubFlows(doc, apiDiagram)[0]?.linkedElementIds).toEqual([parser]);
  });

  it("works for a diagram added by hand with a parent", () => {
    const { doc, diagramId } = buildModelDoc();
    const api = addElement(doc, { kind: "process", diagramId, name: "API" });
    const user = addElement(doc, { kind: "external-entity", diagramId, name: "User" });
    addFlow(doc, { sourceId: api, targetId: user, name: "Response" });
    const child = addDiagram(doc, { title: "API internals", layer: 1, parentElementId: api });
    expect(listStubFlows(doc, child).map((stub) => [stub.direction, stub.name])).toEqual([
      ["out", "Response"],
    ]);
  });
});
