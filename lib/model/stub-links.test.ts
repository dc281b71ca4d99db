import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addElement, deleteElement } from "./elements";
import { openSubDiagram } from "./diagrams";
import { addFlow, deleteFlow, getFlow, setFlowInnerElement } from "./flows";
import { getFlowsMap } from "./roots";
import { dropInvalidStubLinks, linkStubElement, unlinkStubElement } from "./stub-links";
import { buildZoomedProcessDoc, cloneDoc, expectAppError, syncDocs } from "./test-helpers";

describe("linkStubElement", () => {
  it("records the inner element on the parent flow, once", () => {
    const { doc, request, parser } = buildZoomedProcessDoc();
    expect(getFlow(doc, request)?.innerElementIds).toEqual([]);
    expect(linkStubElement(doc, request, parser)).toBe(true);
    expect(linkStubElement(doc, request, parser)).toBe(false);
    expect(getFlow(doc, request)?.innerElementIds).toEqual([parser]);
    expect(unlinkStubElement(doc, request, parser)).toBe(true);
    expect(unlinkStubElement(doc, request, parser)).toBe(false);
    expect(getFlow(doc, request)?.innerElementIds).toEqual([]);
  });

  it("refuses elements outside the zoomed process, boundaries and unknown ids", () => {
    const { doc, diagramId, request, inner, user } = buildZoomedProcessDoc();
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
    const { doc, request, inner, parser } = buildZoomedProcessDoc();
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
    const { doc, request, parser } = buildZoomedProcessDoc();
    linkStubElement(doc, request, parser);
    deleteElement(doc, parser);
    expect(getFlow(doc, request)?.innerElementIds).toEqual([parser]);
    expect(unlinkStubElement(doc, request, parser)).toBe(true);
    deleteFlow(doc, request);
    expect(unlinkStubElement(doc, request, parser)).toBe(false);
  });

  it("reads a flow stored before links existed, or with a malformed link set, as unlinked", () => {
    const { doc, request } = buildZoomedProcessDoc();
    const entry = getFlowsMap(doc).get(request);
    if (!(entry instanceof Y.Map)) throw new Error("no flow entry");
    entry.delete("innerElementIds");
    expect(getFlow(doc, request)?.innerElementIds).toEqual([]);
    entry.set("innerElementIds", "not a set");
    expect(getFlow(doc, request)?.name).toBe("Request");
    expect(getFlow(doc, request)?.innerElementIds).toEqual([]);
  });
});

describe("dropInvalidStubLinks", () => {
  it("removes the links linkStubElement would refuse and keeps the others", () => {
    const { doc, diagramId, user, api, request, inner, parser } = buildZoomedProcessDoc();
    const gone = addElement(doc, { kind: "process", diagramId: inner, name: "Gone" });
    const boundary = addElement(doc, { kind: "trust-boundary", diagramId: inner, name: "Zone" });
    const outsider = addElement(doc, { kind: "process", diagramId, name: "Outsider" });
    const elsewhere = addElement(doc, {
      kind: "process",
      diagramId: openSubDiagram(doc, outsider),
      name: "Elsewhere",
    });
    const unrelated = addFlow(doc, { sourceId: user, targetId: outsider, name: "Unrelated" });
    linkStubElement(doc, request, parser);
    linkStubElement(doc, request, gone);
    deleteElement(doc, gone);
    // What a document made elsewhere may hold: links nothing here has checked.
    for (const elementId of [boundary, user, elsewhere]) {
      setFlowInnerElement(doc, request, elementId, true);
    }
    setFlowInnerElement(doc, unrelated, parser, true);

    expect(dropInvalidStubLinks(doc)).toBe(5);
    expect(getFlow(doc, request)?.innerElementIds).toEqual([parser]);
    expect(getFlow(doc, unrelated)?.innerElementIds).toEqual([]);
    expect(dropInvalidStubLinks(doc)).toBe(0);
    expect(getFlow(doc, request)?.sourceId).toBe(user);
    expect(getFlow(doc, request)?.targetId).toBe(api);
  });

  it("writes nothing when every link is valid", () => {
    const { doc, request, parser } = buildZoomedProcessDoc();
    linkStubElement(doc, request, parser);
    let updates = 0;
    doc.on("update", () => (updates += 1));
    expect(dropInvalidStubLinks(doc)).toBe(0);
    expect(updates).toBe(0);
  });
});
