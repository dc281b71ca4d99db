import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { getElement, updateElement } from "@/lib/model/elements";
import { createCanvasUndoManager, NUDGE_MERGE_MS, writeFromCanvas } from "./canvas-history";
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

describe("arrow-key nudges", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("merge into one undo step while they come within a second of each other", () => {
    vi.useFakeTimers();
    const { doc, diagramId } = buildCanvasDoc();
    const undoManager = createCanvasUndoManager(doc);
    const id = writeFromCanvas(doc, () =>
      addPaletteItem(doc, "process", diagramId, { x: 0, y: 0 }),
    );
    const start = getElement(doc, id);
    const nudge = (dx: number) => {
      vi.advanceTimersByTime(200);
      const current = getElement(doc, id);
      writeFromCanvas(doc, () => updateElement(doc, id, { x: (current?.x ?? 0) + dx }), "nudge");
    };
    nudge(10);
    nudge(10);
    nudge(10);
    expect(getElement(doc, id)?.x).toBe((start?.x ?? 0) + 30);
    undoManager.undo();
    expect(getElement(doc, id)?.x).toBe(start?.x);

    // A pause longer than the window, or an edit between, starts a new step.
    undoManager.redo();
    vi.advanceTimersByTime(NUDGE_MERGE_MS + 1);
    nudge(5);
    writeFromCanvas(doc, () => updateElement(doc, id, { name: "Renamed" }));
    nudge(5);
    undoManager.undo();
    expect(getElement(doc, id)?.x).toBe((start?.x ?? 0) + 35);
    undoManager.undo();
    expect(getElement(doc, id)?.name).not.toBe("Renamed");
    undoManager.undo();
    expect(getElement(doc, id)?.x).toBe((start?.x ?? 0) + 30);
    undoManager.destroy();
  });
});
