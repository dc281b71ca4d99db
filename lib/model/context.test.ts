import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addContextItem,
  getContext,
  linkContextItem,
  listContextItems,
  moveContextItem,
  observeContext,
  removeContextItem,
  setAssumptionVerified,
  updateContextItem,
} from "./context";
import { addElement } from "./elements";
import { getContextMap } from "./roots";
import {
  buildModelDoc,
  cloneDoc,
  expectAppError,
  receivedFromPeer,
  syncDocs,
} from "./test-helpers";

describe("context lists", () => {
  it("adds, edits and removes items by id", () => {
    const { doc } = buildModelDoc();
    const cards = addContextItem(doc, "assets", "Card numbers");
    const keys = addContextItem(doc, "assets", "Signing keys");
    const first = addContextItem(doc, "assets", "Customer emails", 0);

    expect(listContextItems(doc, "assets").map((item) => item.text)).toEqual([
      "Customer emails",
      "Card numbers",
      "Signing keys",
    ]);
    expect(updateContextItem(doc, "assets", cards, "  Primary account numbers ")).toBe(true);
    expect(updateContextItem(doc, "assets", cards, "Primary account numbers")).toBe(false);
    expect(removeContextItem(doc, "assets", first)).toBe(true);
    expect(removeContextItem(doc, "assets", first)).toBe(false);
    expect(getContext(doc)).toEqual({
      scenarios: [],
      assets: [
        { id: cards, text: "Primary account numbers", targetIds: [], verified: null },
        { id: keys, text: "Signing keys", targetIds: [], verified: null },
      ],
      entryPoints: [],
      dependencies: [],
      assumptions: [],
    });
  });

  it("links items to elements, checks assumptions and moves items with all they hold", () => {
    const { doc, diagramId } = buildModelDoc();
    const store = addElement(doc, { kind: "data-store", diagramId, name: "Orders", x: 0, y: 0 });
    const cards = addContextItem(doc, "assets", "Card numbers");
    addContextItem(doc, "assets", "Signing keys");
    expect(linkContextItem(doc, "assets", cards, store, true)).toBe(true);
    expect(linkContextItem(doc, "assets", cards, store, true)).toBe(false);
    expectAppError(() => linkContextItem(doc, "assets", cards, "ghost", true), "bad_request");
    const assumption = addContextItem(doc, "assumptions", "TLS ends at the balancer");
    setAssumptionVerified(doc, assumption, true);
    expect(listContextItems(doc, "assumptions")[0]?.verified).toBe(true);

    expect(moveContextItem(doc, "assets", cards, 1)).toBe(true);
    expect(listContextItems(doc, "assets")).toEqual([
      expect.objectContaining({ text: "Signing keys" }),
      { id: cards, text: "Card numbers", targetIds: [store], verified: null },
    ]);
    expectAppError(() => moveContextItem(doc, "assets", cards, 5), "bad_request");
    expect(linkContextItem(doc, "assets", cards, store, false)).toBe(true);
    expect(listContextItems(doc, "assets")[1]?.targetIds).toEqual([]);
  });

  it("refuses empty text, unknown lists, bad positions and unknown ids", () => {
    const { doc } = buildModelDoc();
    expectAppError(() => addContextItem(doc, "assets", "   "), "bad_request");
    expectAppError(() => addContextItem(doc, receivedFromPeer("threats"), "x"), "bad_request");
    expectAppError(() => addContextItem(doc, "assets", "x", 5), "bad_request");
    expectAppError(() => updateContextItem(doc, "assets", "ghost", "x"), "not_found");
    expect(listContextItems(doc, "assets")).toEqual([]);
  });

  it("keeps items added concurrently and an edit made at the same time", () => {
    const { doc: alice } = buildModelDoc();
    const shared = addContextItem(alice, "assumptions", "TLS terminates at the load balancer");
    const bob = cloneDoc(alice);

    addContextItem(alice, "assumptions", "Admins use hardware keys");
    addContextItem(bob, "assumptions", "The CDN is trusted");
    updateContextItem(bob, "assumptions", shared, "TLS terminates at the edge");
    syncDocs(alice, bob);

    const texts = listContextItems(alice, "assumptions").map((item) => item.text);
    expect(texts).toHaveLength(3);
    expect(texts).toContain("Admins use hardware keys");
    expect(texts).toContain("The CDN is trusted");
    expect(texts[0]).toBe("TLS terminates at the edge");
    expect(listContextItems(bob, "assumptions")).toEqual(listContextItems(alice, "assumptions"));
  });

  it("skips malformed items and reports changed lists", () => {
    const { doc } = buildModelDoc();
    const changed: string[][] = [];
    const unsubscribe = observeContext(doc, (names) => changed.push(names));
    addContextItem(doc, "scenarios", "A customer pays");
    const list = getContextMap(doc).get("scenarios");
    if (!(list instanceof Y.Array)) throw new Error("expected an array");
    list.push(["not a map", { id: "plain", text: "object" }]);
    unsubscribe();
    addContextItem(doc, "entryPoints", "Public API");

    expect(listContextItems(doc, "scenarios").map((item) => item.text)).toEqual([
      "A customer pays",
    ]);
    expect(changed).toEqual([["scenarios"], ["scenarios"]]);
  });
});
