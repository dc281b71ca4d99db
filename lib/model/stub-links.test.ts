import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addElement, deleteElement } from "./elements";
import { openSubDiagram } from "./diagrams";
import { addFlow, deleteFlow, getFlow } from "./flows";
import { getFlowsMap } from "./roots";
import { linkStubElement, unlinkStubElement } from "./stub-links";
import { buildModelDoc, cloneDoc, expectAppError, syncDocs } from "./test-helpers";

/** User -> API on the context diagram, and the API's sub-diagram with a Parser inside. */
function buildZoomedProcess() {
  const { doc, diagramId } = buildModelDoc();
  const user = addElement(doc, { kind: "external-entity", diagramId, name: "User" });
  const api = addElement(doc, { kind: "process", diagramId, name: "API" });
  const request = addFlow(doc, { sourceId: user, targetId: api, name: "Request" });
  const inner = openSubDiagram(doc, api);
  const parser = addElement(doc, { kind: "process", diagramId: inner, name: "Parser" });
  return { doc, diagramId, user, api, request, inner, parser };
}

describe("linkStubElement", () => {
  it("records the inner element on the parent flow, once", () => {
    const { doc, request, parser } = buildZoomedProcess();
    expect(getFlow(doc, request)?.innerElementIds).toEqual([]);
    expect(linkStubElement(doc, request, parser)).toBe(true);
    expect(linkStubElement(doc, request, parser)).toBe(false);
    expect(getFlow(doc, request)?.innerElementIds).toEqual([parser]);
    expect(unlinkStubElement(doc, request, parser)).toBe(true);
    expect(unlinkStubElement(doc, request, parser)).toBe(false);
    expect(getFlow(doc, request)?.innerElementIds).toEqual([]);
  });

  it("refuses elements outside the zoomed process, boundaries and unknown ids", () => {
    const { doc, diagramId, request, inner, user } = buildZoomedProcess();
    const outsider = addElement(doc, { kind: "process", diagramId, name: "Outsider" });
    const boundary = addElement(doc, { kind: "trust-boundary", diagramId: inner, name: "Zone" });
    const other = openSubDiagram(doc, outsider);
    const elsewhere = addElement(doc, { kind: "process", diagramId: other, name: "Elsewhere" });
    expectAppError(() => linkStubElement(doc, request, user), "bad_request");
    expectAppError(() => linkStubElement(doc, request, boundary), "bad_request");
    expectAppError(() => linkStubElement(doc, request, elsewhere), "bad_request");
    expectAppError(() => linkStubElement(doc, request, "ghost"), "bad_request");
    expectAppError(() => linkStubElement(doc, "ghost", outsider), "bad_request");
    expect(getFlow(doc, request)?.innerElementIds).toEqual([]);
  });

  it("merges links made at once by two people", () => {
    const { doc, request, inner, parser } = buildZoomedProcess();
    const peer = cloneDoc(doc);
    const logger = addElement(peer, { kind: "process", diagramId: inner, name: "Logger" });
    syncDocs(doc, peer);
    linkStubElement(doc, request, parser);
    linkStubElement(peer, request, logger);
    syncDocs(doc, peer);
    expect(getFlow(doc, request)?.innerElementIds).toEqual([parser, logger].sort());
    expect(getFlow(peer, request)?.innerElementIds).toEqual([parser, logger].sort());
  });

  it("keeps dangling links harmless and goes with the flow", () => {
    const { doc, request, parser } = buildZoomedProcess();
    linkStubElement(doc, request, parser);
    deleteElement(doc, parser);
    expect(getFlow(doc, request)?.innerElementIds).toEqual([parser]);
    expect(unlinkStubElement(doc, request, parser)).toBe(true);
    deleteFlow(doc, request);
    expect(unlinkStubElement(doc, request, parser)).toBe(false);
  });

  it("reads a flow stored before links existed, or with a malformed link set, as unlinked", () => {
    const { doc, request } = buildZoomedProcess();
    const entry = getFlowsMap(doc).get(request);
    if (!(entry instanceof Y.Map)) throw new Error("no flow entry");
    entry.delete("innerElementIds");
    expect(getFlow(doc, request)?.innerElementIds).toEqual([]);
    entry.set("innerElementIds", "not a set");
    expect(getFlow(doc, request)?.name).toBe("Request");
    expect(getFlow(doc, request)?.innerElementIds).toEqual([]);
  });
});
