import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { listStubFlows } from "@/lib/diagram/hierarchy";
import { exportNativeModel } from "@/lib/interop/native/model-file";
import { readImport } from "@/lib/interop/read-import";
import { addElement, deleteElement } from "@/lib/model/elements";
import { getFlow, setFlowInnerElement } from "@/lib/model/flows";
import { linkStubElement } from "@/lib/model/stub-links";
import { buildZoomedProcessDoc } from "@/lib/model/test-helpers";
import { encodeIntegratedState } from "@/server/collab/integrated-state";
import { checkNativeModelState } from "./check-native-state";

/** The document a model file creates: exported, read back as an upload is, and checked. */
function importThroughModelFile(source: Y.Doc) {
  const file = exportNativeModel(source, encodeIntegratedState(source));
  const upload = readImport(new TextEncoder().encode(JSON.stringify(file)));
  if (upload.kind !== "native") throw new Error("not read as our own model file");
  const checked = checkNativeModelState(upload.state, upload.title);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, checked.state);
  return { file, upload, checked, doc };
}

describe("importing our own model file", () => {
  it("keeps a stub joined to a sub-diagram element, and the state as exported", () => {
    const { doc: source, request, inner, parser } = buildZoomedProcessDoc();
    linkStubElement(source, request, parser);

    const { file, upload, checked, doc } = importThroughModelFile(source);
    expect(file.model.flows).toContainEqual(
      expect.objectContaining({ id: request, innerElementIds: [parser] }),
    );
    expect(getFlow(doc, request)?.innerElementIds).toEqual([parser]);
    expect(listStubFlows(doc, inner).map((stub) => stub.linkedElementIds)).toEqual([[parser]]);
    expect(checked.report.refused).toEqual([]);
    expect(checked.state).toEqual(upload.state);
  });

  it("drops links to elements that are gone or outside the zoomed process, and says so", () => {
    const { doc: source, diagramId, user, request, inner, parser } = buildZoomedProcessDoc();
    const gone = addElement(source, { kind: "process", diagramId: inner, name: "Gone" });
    const outsider = addElement(source, { kind: "process", diagramId, name: "Outsider" });
    linkStubElement(source, request, parser);
    linkStubElement(source, request, gone);
    deleteElement(source, gone);
    // A file edited elsewhere: a link nothing here checked.
    setFlowInnerElement(source, request, outsider, true);
    expect(getFlow(source, request)?.innerElementIds).toHaveLength(3);

    const { checked, doc } = importThroughModelFile(source);
    expect(getFlow(doc, request)?.innerElementIds).toEqual([parser]);
    expect(getFlow(doc, request)?.sourceId).toBe(user);
    expect(checked.report.refused).toEqual([
      "2 links between a stub and a sub-diagram element: the element is gone or not inside the zoomed process",
    ]);
    expect(checked.report.mapped).toMatchObject({ diagrams: 2, elements: 4, flows: 1 });
  });
});
