import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { getElement, updateElement } from "@/lib/model/elements";
import { createCanvasUndoManager, writeFromCanvas } from "./canvas-history";
import { addPaletteItem } from "./diagram-commands";
import { buildCanvasDoc } from "./test-factories";

describe("canvas undo", () => {
  it("undoes this canvas's changes step by step and never a peer's", () => {
    const { doc, diagramId } = buildCanvasDoc();
    const undoManager = createCanvasUndoManager(doc);
    const id = writeFromCanvas(doc, () =>
      addPaletteItem(doc, "process", diagramId, { x: 0, y: 0 }),
    );
    writeFromCanvas(doc, () => updateElement(doc, id, { x: 100, y: 100 }));

    // A peer's change arrives as a remote update.
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    updateElement(peer, id, { name: "Renamed by a peer" });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)));

    undoManager.undo();
    expect(getElement(doc, id)).toMatchObject({ x: -60, y: -60, name: "Renamed by a peer" });
    undoManager.undo();
    expect(getElement(doc, id)).toBeNull();
    undoManager.redo();
    expect(getElement(doc, id)).not.toBeNull();
    undoManager.destroy();
  });
});
