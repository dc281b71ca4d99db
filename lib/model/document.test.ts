import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { getContext } from "./context";
import { listDiagrams } from "./diagrams";
import {
  INITIAL_DIAGRAM_TITLE,
  SCHEMA_VERSION,
  initializeDocument,
  readSchemaVersion,
} from "./document";
import { getMeta } from "./meta";
import { getContextMap, getThreatsMap } from "./roots";
import { expectAppError } from "./test-helpers";

describe("initializeDocument", () => {
  it("writes meta, the context lists and a layer-0 context diagram in one transaction", () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_760_000_000_000);
    const doc = new Y.Doc();
    let updates = 0;
    doc.on("update", () => {
      updates += 1;
    });

    const { diagramId } = initializeDocument(doc, { title: " Checkout ", ownerId: "owner-1" });
    vi.useRealTimers();

    expect(updates).toBe(1);
    expect(getMeta(doc)).toEqual({
      schemaVersion: SCHEMA_VERSION,
      title: "Checkout",
      description: "",
      owner: "owner-1",
      reviewers: [],
      focus: "system",
      createdAt: 1_760_000_000_000,
    });
    expect(listDiagrams(doc)).toEqual([
      { id: diagramId, title: INITIAL_DIAGRAM_TITLE, layer: 0, parentElementId: null },
    ]);
    expect([...getContextMap(doc).keys()].sort()).toEqual(Object.keys(getContext(doc)).sort());
  });

  it("refuses invalid options and a document that already has content", () => {
    expectAppError(
      () => initializeDocument(new Y.Doc(), { title: "", ownerId: "o" }),
      "bad_request",
    );
    expectAppError(
      () => initializeDocument(new Y.Doc(), { title: "T", ownerId: "" }),
      "bad_request",
    );
    const doc = new Y.Doc();
    initializeDocument(doc, { title: "T", ownerId: "o", createdAt: 5 });
    expectAppError(() => initializeDocument(doc, { title: "Again", ownerId: "o" }), "conflict");
    expect(getMeta(doc).title).toBe("T");
  });
});

describe("readSchemaVersion", () => {
  it("is null when empty, 1 for unversioned content, the stored version otherwise", () => {
    const empty = new Y.Doc();
    expect(readSchemaVersion(empty)).toBeNull();

    const unversioned = new Y.Doc();
    getThreatsMap(unversioned).set("t", new Y.Map<unknown>());
    expect(readSchemaVersion(unversioned)).toBe(1);

    const current = new Y.Doc();
    initializeDocument(current, { title: "T", ownerId: "o" });
    expect(readSchemaVersion(current)).toBe(SCHEMA_VERSION);
  });
});
