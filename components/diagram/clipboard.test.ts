import { describe, expect, it } from "vitest";
import { listStubFlows } from "@/lib/diagram/hierarchy";
import { addElement, listElements, listElementsOfDiagram } from "@/lib/model/elements";
import { openSubDiagram } from "@/lib/model/diagrams";
import { addFlow, listFlows, listFlowsOfDiagram } from "@/lib/model/flows";
import { linkStubElement } from "@/lib/model/stub-links";
import { buildZoomedProcessDoc } from "@/lib/model/test-helpers";
import { copySelection, pasteClipboard } from "./clipboard";
import { buildSmallDiagram } from "./test-factories";

describe("copySelection", () => {
  it("keeps the selected elements and only the flows between two of them", () => {
    const { doc, browser, web, db } = buildSmallDiagram();
    const inside = addFlow(doc, { sourceId: browser, targetId: web, name: "Sign in" });
    addFlow(doc, { sourceId: web, targetId: db, name: "Query" });
    const clipboard = copySelection(listElements(doc), listFlows(doc), new Set([browser, web]));
    expect(clipboard.elements.map((element) => element.id).sort()).toEqual([browser, web].sort());
    expect(clipboard.flows.map((flow) => flow.id)).toEqual([inside]);
  });
});

describe("pasteClipboard", () => {
  it("adds copies with new ids, moved by the offset, with their flows reconnected", () => {
    const { doc, diagramId, browser, web } = buildSmallDiagram();
    addFlow(doc, { sourceId: browser, targetId: web, name: "Sign in", sequence: 1 });
    const clipboard = copySelection(listElements(doc), listFlows(doc), new Set([browser, web]));
    const pasted = pasteClipboard(doc, clipboard, diagramId, 32);

    expect(pasted.elementIds).toHaveLength(2);
    expect(pasted.elementIds).not.toContain(browser);
    const copies = listElementsOfDiagram(doc, diagramId).filter((element) =>
      pasted.elementIds.includes(element.id),
    );
    const browserCopy = copies.find((element) => element.name === "Browser");
    expect(browserCopy).toMatchObject({ kind: "external-entity", x: 32, y: 32 });

    const [flowCopy] = listFlowsOfDiagram(doc, diagramId).filter((flow) =>
      pasted.flowIds.includes(flow.id),
    );
    expect(flowCopy).toMatchObject({ name: "Sign in", sequence: null });
    expect(pasted.elementIds).toContain(flowCopy?.sourceId);
    expect(pasted.elementIds).toContain(flowCopy?.targetId);
  });

  it("never links a copy to a stub: pasted flows and pasted inner elements start unlinked", () => {
    const { doc, diagramId, user, api, request, inner, parser } = buildZoomedProcessDoc();
    linkStubElement(doc, request, parser);
    const other = addElement(doc, { kind: "process", diagramId, name: "Other" });
    const otherInner = openSubDiagram(doc, other);
    const copyOfRequest = copySelection(listElements(doc), listFlows(doc), new Set([user, api]));
    const copyOfParser = copySelection(listElements(doc), listFlows(doc), new Set([parser]));

    const pastedFlows = pasteClipboard(doc, copyOfRequest, diagramId, 32).flowIds;
    const pastedParsers = [inner, otherInner, diagramId].flatMap(
      (target) => pasteClipboard(doc, copyOfParser, target, 32).elementIds,
    );

    expect(pastedFlows).toHaveLength(1);
    expect(pastedParsers).toHaveLength(3);
    expect(listFlows(doc).filter((flow) => flow.innerElementIds.length > 0)).toEqual([
      expect.objectContaining({ id: request, innerElementIds: [parser] }),
    ]);
    expect(listStubFlows(doc, inner).map((stub) => stub.linkedElementIds)).toEqual([[parser]]);
  });
});
