import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  ELEMENT_DEFAULTS,
  addElement,
  deleteElement,
  getElement,
  listElements,
  listElementsOfDiagram,
  observeElements,
  updateElement,
} from "./elements";
import { addFlow, getFlow } from "./flows";
import { getElementsMap } from "./roots";
import {
  buildModelDoc,
  cloneDoc,
  expectAppError,
  receivedFromPeer,
  syncDocs,
} from "./test-helpers";

describe("addElement", () => {
  it("stores each kind with the defaults of its kind", () => {
    const { doc, diagramId } = buildModelDoc();
    const storeId = addElement(doc, {
      kind: "data-store",
      diagramId,
      name: "Audit log",
      holdsLogs: true,
      x: 10,
      y: 20,
    });
    expect(getElement(doc, storeId)).toEqual({
      ...ELEMENT_DEFAULTS["data-store"],
      id: storeId,
      diagramId,
      name: "Audit log",
      holdsLogs: true,
      x: 10,
      y: 20,
    });

    const processId = addElement(doc, { kind: "process", diagramId, sandboxed: true });
    const process = getElement(doc, processId);
    expect(process?.kind).toBe("process");
    if (process?.kind === "process") {
      expect(process.sandboxed).toBe(true);
      expect(process.permissionLevel).toBeNull();
      expect(process.name).toBe("Process");
    }
    expect(
      listElementsOfDiagram(doc, diagramId)
        .map((element) => element.id)
        .sort(),
    ).toEqual([storeId, processId].sort());
  });

  it("refuses context fields of another kind, bad values and unknown diagrams", () => {
    const { doc, diagramId } = buildModelDoc();
    expectAppError(
      () => addElement(doc, receivedFromPeer({ kind: "process", diagramId, holdsLogs: true })),
      "bad_request",
    );
    expectAppError(
      () => addElement(doc, receivedFromPeer({ kind: "actor", diagramId })),
      "bad_request",
    );
    expectAppError(
      () => addElement(doc, { kind: "process", diagramId, x: Number.POSITIVE_INFINITY }),
      "bad_request",
    );
    expectAppError(() => addElement(doc, { kind: "process", diagramId, width: -1 }), "bad_request");
    const error = expectAppError(
      () => addElement(doc, { kind: "process", diagramId: "no-such-diagram" }),
      "bad_request",
    );
    expect(error.issues?.[0]?.path).toBe("diagramId");
    expect(getElementsMap(doc).size).toBe(0);
  });

  it("lets a line-shaped trust boundary run in any direction", () => {
    const { doc, diagramId } = buildModelDoc();
    const id = addElement(doc, {
      kind: "trust-boundary",
      diagramId,
      shape: "line",
      width: -200,
      height: 0,
    });
    expect(getElement(doc, id)).toMatchObject({ shape: "line", width: -200, height: 0 });
  });
});

describe("updateElement", () => {
  it("validates the patch against the element's kind", () => {
    const { doc, diagramId } = buildModelDoc();
    const id = addElement(doc, { kind: "process", diagramId });
    expect(updateElement(doc, id, { code: "Rust", acceptsInputFrom: "everyone" })).toBe(true);
    expect(getElement(doc, id)).toMatchObject({ code: "Rust", acceptsInputFrom: "everyone" });
    expectAppError(() => updateElement(doc, id, { holdsSecrets: true }), "bad_request");
    expectAppError(
      () => updateElement(doc, id, receivedFromPeer({ kind: "data-store" })),
      "bad_request",
    );
    expectAppError(() => updateElement(doc, "missing", { x: 1 }), "not_found");
  });

  it("keeps a move and a rename made at the same time by two people", () => {
    const { doc: alice, diagramId } = buildModelDoc();
    const id = addElement(alice, { kind: "external-entity", diagramId, name: "User" });
    const bob = cloneDoc(alice);

    updateElement(alice, id, { x: 300, y: 150 });
    updateElement(bob, id, { name: "Customer", entityType: "human" });
    syncDocs(alice, bob);

    for (const doc of [alice, bob]) {
      expect(getElement(doc, id)).toMatchObject({
        name: "Customer",
        entityType: "human",
        x: 300,
        y: 150,
      });
    }
  });
});

describe("reading elements", () => {
  it("omits an entry of unknown kind and repairs a bad field", () => {
    const { doc, diagramId } = buildModelDoc();
    const id = addElement(doc, { kind: "data-store", diagramId });
    const entry = getElementsMap(doc).get(id);
    if (!(entry instanceof Y.Map)) throw new Error("expected a map");
    entry.set("holdsLogs", "yes");
    const alien = new Y.Map<unknown>();
    getElementsMap(doc).set("alien", alien);
    alien.set("kind", "spaceship");
    alien.set("diagramId", diagramId);

    expect(listElements(doc).map((element) => element.id)).toEqual([id]);
    expect(getElement(doc, id)).toMatchObject({ holdsLogs: false });
    expect(getElement(doc, "alien")).toBeNull();
  });

  it("lists trust boundaries first", () => {
    const { doc, diagramId } = buildModelDoc();
    addElement(doc, { kind: "process", diagramId });
    addElement(doc, { kind: "trust-boundary", diagramId });
    addElement(doc, { kind: "external-entity", diagramId });
    expect(listElements(doc)[0]?.kind).toBe("trust-boundary");
  });
});

describe("deleteElement", () => {
  it("deletes the flows attached to it", () => {
    const { doc, diagramId } = buildModelDoc();
    const user = addElement(doc, { kind: "external-entity", diagramId });
    const api = addElement(doc, { kind: "process", diagramId });
    const db = addElement(doc, { kind: "data-store", diagramId });
    const login = addFlow(doc, { sourceId: user, targetId: api });
    const query = addFlow(doc, { sourceId: api, targetId: db });
    const changes: string[][] = [];
    observeElements(doc, (change) => changes.push(change.ids));

    expect(deleteElement(doc, user)).toBe(true);
    expect(getElement(doc, user)).toBeNull();
    expect(getFlow(doc, login)).toBeNull();
    expect(getFlow(doc, query)).not.toBeNull();
    expect(changes).toEqual([[user]]);
    expect(deleteElement(doc, user)).toBe(false);
  });
});
