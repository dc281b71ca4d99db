import { describe, expect, it } from "vitest";
import { addDiagram } from "./diagrams";
import { addElement } from "./elements";
import {
  FLOW_DEFAULTS,
  addFlow,
  formatFlowLabel,
  getFlow,
  listFlows,
  listFlowsOfDiagram,
  updateFlow,
} from "./flows";
import { getFlowsMap } from "./roots";
import {
  buildModelDoc,
  cloneDoc,
  expectAppError,
  receivedFromPeer,
  syncDocs,
} from "./test-helpers";

function buildDiagram() {
  const { doc, diagramId } = buildModelDoc();
  const browser = addElement(doc, { kind: "external-entity", diagramId, name: "Browser" });
  const web = addElement(doc, { kind: "process", diagramId, name: "Web app" });
  const db = addElement(doc, { kind: "data-store", diagramId, name: "Database" });
  const boundary = addElement(doc, { kind: "trust-boundary", diagramId, name: "Internet" });
  return { doc, diagramId, browser, web, db, boundary };
}

describe("addFlow", () => {
  it("stores a flow on the diagram of its ends", () => {
    const { doc, diagramId, browser, web } = buildDiagram();
    const id = addFlow(doc, {
      sourceId: browser,
      targetId: web,
      name: "Sign in",
      protocol: "HTTPS",
      dataCarried: "user credentials",
      encrypted: true,
      sequence: 1,
    });
    expect(getFlow(doc, id)).toEqual({
      ...FLOW_DEFAULTS,
      id,
      diagramId,
      sourceId: browser,
      targetId: web,
      name: "Sign in",
      protocol: "HTTPS",
      dataCarried: "user credentials",
      encrypted: true,
      sequence: 1,
    });
    expect(listFlowsOfDiagram(doc, diagramId).map((flow) => flow.id)).toEqual([id]);
  });

  it("refuses boundaries, loops, unknown elements, other diagrams and bad fields", () => {
    const { doc, browser, web, boundary } = buildDiagram();
    const otherDiagram = addDiagram(doc, {
      title: "Web app - internals",
      layer: 1,
      parentElementId: web,
    });
    const worker = addElement(doc, { kind: "process", diagramId: otherDiagram });

    expectAppError(() => addFlow(doc, { sourceId: browser, targetId: boundary }), "bad_request");
    expectAppError(() => addFlow(doc, { sourceId: web, targetId: web }), "bad_request");
    expectAppError(() => addFlow(doc, { sourceId: "ghost", targetId: web }), "bad_request");
    expectAppError(() => addFlow(doc, { sourceId: web, targetId: worker }), "bad_request");
    expectAppError(
      () =>
        addFlow(doc, receivedFromPeer({ sourceId: browser, targetId: web, plane: "management" })),
      "bad_request",
    );
    expectAppError(
      () => addFlow(doc, { sourceId: browser, targetId: web, sequence: 1.5 }),
      "bad_request",
    );
    expect(getFlowsMap(doc).size).toBe(0);
  });
});

describe("updateFlow", () => {
  it("reconnects within the diagram and refuses a boundary end", () => {
    const { doc, browser, web, db, boundary } = buildDiagram();
    const id = addFlow(doc, { sourceId: browser, targetId: web });
    expect(updateFlow(doc, id, { targetId: db, authenticated: false })).toBe(true);
    expect(getFlow(doc, id)).toMatchObject({ targetId: db, authenticated: false });
    expectAppError(() => updateFlow(doc, id, { targetId: boundary }), "bad_request");
    expectAppError(() => updateFlow(doc, id, { sourceId: db }), "bad_request");
    expect(getFlow(doc, id)?.targetId).toBe(db);
  });

  it("keeps concurrent edits of different fields", () => {
    const { doc: alice, browser, web } = buildDiagram();
    const id = addFlow(alice, { sourceId: browser, targetId: web });
    const bob = cloneDoc(alice);
    updateFlow(alice, id, { protocol: "HTTPS" });
    updateFlow(bob, id, { plane: "control", bidirectional: true });
    syncDocs(alice, bob);
    expect(getFlow(bob, id)).toMatchObject({
      protocol: "HTTPS",
      plane: "control",
      bidirectional: true,
    });
    expect(listFlows(alice)).toEqual(listFlows(bob));
  });
});

describe("formatFlowLabel", () => {
  it("labels a flow with its sequence number, trimmed", () => {
    expect(formatFlowLabel({ name: "Card details", sequence: 3 })).toBe("3. Card details");
    expect(formatFlowLabel({ name: " Login ", sequence: null })).toBe("Login");
    expect(formatFlowLabel({ name: "", sequence: 4 })).toBe("4.");
  });
});
