import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { diffDocuments } from "@/lib/model/diff";
import { addElement, deleteElement, getElement, updateElement } from "@/lib/model/elements";
import { addFlow, getFlow } from "@/lib/model/flows";
import { buildModelDoc, cloneDoc } from "@/lib/model/test-helpers";
import { buildComparisonDoc, getDiffHighlights } from "./comparison";

describe("comparing two versions on the diagram", () => {
  it("draws the later state with what was removed put back, each marked by its change", () => {
    const { doc: earlier, diagramId } = buildModelDoc();
    const kept = addElement(earlier, { kind: "process", diagramId, name: "API", x: 0, y: 0 });
    const gone = addElement(earlier, {
      kind: "data-store",
      diagramId,
      name: "Old DB",
      x: 300,
      y: 0,
    });
    const goneFlow = addFlow(earlier, { sourceId: kept, targetId: gone, name: "Write" });
    const later = cloneDoc(earlier);
    deleteElement(later, gone);
    updateElement(later, kept, { name: "Public API" });
    const added = addElement(later, {
      kind: "data-store",
      diagramId,
      name: "New DB",
      x: 300,
      y: 200,
    });

    const diff = diffDocuments(earlier, later);
    const highlights = getDiffHighlights(diff.entities);
    expect(Object.fromEntries(highlights)).toEqual({
      [kept]: "changed",
      [gone]: "removed",
      [goneFlow]: "removed",
      [added]: "added",
    });

    const shown = buildComparisonDoc(earlier, later, diff.entities);
    expect(getElement(shown, gone)?.name).toBe("Old DB");
    expect(getFlow(shown, goneFlow)?.name).toBe("Write");
    expect(getElement(shown, kept)?.name).toBe("Public API");
    expect(getElement(shown, added)?.name).toBe("New DB");
    // The documents compared are left as they were.
    expect(getElement(later, gone)).toBeNull();
    expect(shown).not.toBe(later);
    expect(Y.encodeStateVector(later)).not.toEqual(Y.encodeStateVector(shown));
  });
});
