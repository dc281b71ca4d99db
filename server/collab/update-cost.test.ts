import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addThreat, updateThreat } from "@/lib/model/threats";
import { countEntities } from "@/lib/model/roots";
import { findUpdateRefusal } from "./update-cost";

/** The update that `change` makes to a copy of `doc`. */
function updateOf(doc: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

describe("findUpdateRefusal", () => {
  const limits = { itemsPerUpdate: 1_000, entitiesPerDocument: 5 };

  it("refuses an update with more new items than allowed, before it is applied", () => {
    const doc = new Y.Doc();
    const update = updateOf(doc, (copy) => {
      const map = copy.getMap("anything");
      copy.transact(() => {
        for (let i = 0; i < 1_001; i++) map.set(`k${i}`, i);
      });
    });
    expect(findUpdateRefusal(update, 0, limits)).toBe("update too large");
  });

  it("refuses an update that adds entities past the document's limit, and allows edits there", () => {
    const doc = new Y.Doc();
    const ids = Array.from({ length: 4 }, (_, i) =>
      addThreat(doc, { title: `T${i}`, category: "spoofing" }, "u"),
    );
    expect(countEntities(doc)).toBe(4);
    const oneMore = updateOf(doc, (copy) =>
      addThreat(copy, { title: "T4", category: "spoofing" }, "u"),
    );
    expect(findUpdateRefusal(oneMore, countEntities(doc), limits)).toBeNull();
    const twoMore = updateOf(doc, (copy) => {
      addThreat(copy, { title: "T4", category: "spoofing" }, "u");
      addThreat(copy, { title: "T5", category: "spoofing" }, "u");
    });
    expect(findUpdateRefusal(twoMore, countEntities(doc), limits)).toBe("entity limit reached");
    Y.applyUpdate(doc, oneMore);
    expect(countEntities(doc)).toBe(5);
    // At the limit, editing an existing entity is still allowed.
    const edit = updateOf(doc, (copy) => updateThreat(copy, ids[0] ?? "", { title: "Renamed" }));
    expect(findUpdateRefusal(edit, countEntities(doc), limits)).toBeNull();
  });
});
