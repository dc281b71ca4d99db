import { describe, expect, it, vi } from "vitest";
import { runCanvasCommand, type CanvasCommandHandlers } from "./run-canvas-command";

function buildHandlers(overrides: Partial<CanvasCommandHandlers> = {}): CanvasCommandHandlers {
  return {
    isReadOnly: false,
    selectedCount: 1,
    selectedProcessId: null,
    getFocusedTarget: vi.fn(() => null),
    addItem: vi.fn(),
    startRename: vi.fn(),
    requestDeletion: vi.fn(),
    copy: vi.fn(() => true),
    paste: vi.fn(),
    undo: vi.fn(),
    redo: vi.fn(),
    selectAll: vi.fn(),
    fitView: vi.fn(),
    openSubDiagram: vi.fn(),
    toggleHelp: vi.fn(),
    ...overrides,
  };
}

const key = (name: string) => ({ key: name, target: null });

describe("runCanvasCommand", () => {
  it("adds, deletes and duplicates on an editable canvas", () => {
    const handlers = buildHandlers();
    expect(runCanvasCommand({ type: "add", item: "process" }, key("p"), handlers)).toBe(true);
    expect(handlers.addItem).toHaveBeenCalledWith("process");
    expect(runCanvasCommand({ type: "delete" }, key("Delete"), handlers)).toBe(true);
    expect(handlers.requestDeletion).toHaveBeenCalled();
    expect(runCanvasCommand({ type: "duplicate" }, key("d"), handlers)).toBe(true);
    expect(handlers.copy).toHaveBeenCalled();
    expect(handlers.paste).toHaveBeenCalled();
  });

  it("refuses changes on a read-only canvas but still selects and copies", () => {
    const handlers = buildHandlers({ isReadOnly: true });
    for (const command of [
      { type: "add", item: "process" },
      { type: "rename" },
      { type: "delete" },
      { type: "paste" },
      { type: "duplicate" },
      { type: "undo" },
      { type: "redo" },
    ] as const) {
      expect(runCanvasCommand(command, key("x"), handlers)).toBe(false);
    }
    expect(handlers.paste).not.toHaveBeenCalled();
    expect(runCanvasCommand({ type: "copy" }, key("c"), handlers)).toBe(true);
    expect(runCanvasCommand({ type: "select-all" }, key("a"), handlers)).toBe(true);
    expect(handlers.selectAll).toHaveBeenCalled();
  });

  it("renames the focused target on Enter, else needs exactly one selected", () => {
    const focused = { type: "element" as const, id: "web" };
    const handlers = buildHandlers({ selectedCount: 0, getFocusedTarget: vi.fn(() => focused) });
    expect(runCanvasCommand({ type: "rename" }, key("Enter"), handlers)).toBe(true);
    expect(handlers.startRename).toHaveBeenCalledWith(focused);
    expect(runCanvasCommand({ type: "rename" }, key("F2"), handlers)).toBe(false);
  });

  it("needs a selection to delete and a lone process to open its sub-diagram", () => {
    const handlers = buildHandlers({ selectedCount: 0 });
    expect(runCanvasCommand({ type: "delete" }, key("Delete"), handlers)).toBe(false);
    expect(runCanvasCommand({ type: "open-sub-diagram" }, key("Enter"), handlers)).toBe(false);
    const withProcess = buildHandlers({ selectedProcessId: "web" });
    expect(runCanvasCommand({ type: "open-sub-diagram" }, key("Enter"), withProcess)).toBe(true);
    expect(withProcess.openSubDiagram).toHaveBeenCalledWith("web");
  });
});
