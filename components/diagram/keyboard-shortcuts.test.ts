import { describe, expect, it } from "vitest";
import { getCanvasCommand } from "./keyboard-shortcuts";

const plain = { ctrlKey: false, metaKey: false, shiftKey: false, altKey: false };

describe("getCanvasCommand", () => {
  it("adds each kind with its letter", () => {
    expect(getCanvasCommand({ ...plain, key: "e" })).toEqual({
      type: "add",
      item: "external-entity",
    });
    expect(getCanvasCommand({ ...plain, key: "P" })).toEqual({ type: "add", item: "process" });
    expect(getCanvasCommand({ ...plain, key: "d" })).toEqual({ type: "add", item: "data-store" });
    expect(getCanvasCommand({ ...plain, key: "b" })).toEqual({ type: "add", item: "boundary-box" });
    expect(getCanvasCommand({ ...plain, key: "l" })).toEqual({
      type: "add",
      item: "boundary-line",
    });
  });

  it("treats Ctrl and Cmd alike for clipboard and history", () => {
    expect(getCanvasCommand({ ...plain, ctrlKey: true, key: "c" })).toEqual({ type: "copy" });
    expect(getCanvasCommand({ ...plain, metaKey: true, key: "v" })).toEqual({ type: "paste" });
    expect(getCanvasCommand({ ...plain, ctrlKey: true, key: "d" })).toEqual({ type: "duplicate" });
    expect(getCanvasCommand({ ...plain, ctrlKey: true, key: "z" })).toEqual({ type: "undo" });
    expect(getCanvasCommand({ ...plain, ctrlKey: true, shiftKey: true, key: "Z" })).toEqual({
      type: "redo",
    });
    expect(getCanvasCommand({ ...plain, ctrlKey: true, key: "y" })).toEqual({ type: "redo" });
  });

  it("renames, deletes, opens help and ignores Alt and unknown keys", () => {
    expect(getCanvasCommand({ ...plain, key: "F2" })).toEqual({ type: "rename" });
    expect(getCanvasCommand({ ...plain, key: "Enter" })).toEqual({ type: "rename" });
    expect(getCanvasCommand({ ...plain, key: "Backspace" })).toEqual({ type: "delete" });
    expect(getCanvasCommand({ ...plain, shiftKey: true, key: "?" })).toEqual({ type: "help" });
    expect(getCanvasCommand({ ...plain, shiftKey: true, key: "!" })).toEqual({ type: "fit-view" });
    expect(getCanvasCommand({ ...plain, altKey: true, key: "e" })).toBeNull();
    expect(getCanvasCommand({ ...plain, shiftKey: true, key: "E" })).toBeNull();
    expect(getCanvasCommand({ ...plain, key: "x" })).toBeNull();
  });
});
