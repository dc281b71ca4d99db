import { Position } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import { ELEMENT_HANDLE_SIZE, getElementHandles, getStubHandles } from "./node-handles";

describe("getElementHandles", () => {
  it("centres a handle on the middle of each side, inside a 2-unit border", () => {
    const handles = getElementHandles("process", 120, 80);
    const half = ELEMENT_HANDLE_SIZE / 2;
    expect(handles.map((handle) => [handle.id, handle.x + half, handle.y + half])).toEqual([
      [Position.Top, 60, 2],
      [Position.Right, 118, 40],
      [Position.Bottom, 60, 78],
      [Position.Left, 2, 40],
    ]);
    for (const handle of handles) {
      expect(handle).toMatchObject({
        type: "source",
        width: ELEMENT_HANDLE_SIZE,
        height: ELEMENT_HANDLE_SIZE,
      });
    }
  });

  it("puts a data store's side handles on its outline, which has no side borders", () => {
    const handles = getElementHandles("data-store", 160, 60);
    const half = ELEMENT_HANDLE_SIZE / 2;
    expect(handles.map((handle) => [handle.x + half, handle.y + half])).toEqual([
      [80, 2],
      [160, 30],
      [80, 58],
      [0, 30],
    ]);
  });

  it("gives trust boundaries none", () => {
    expect(getElementHandles("boundary-box", 400, 300)).toEqual([]);
    expect(getElementHandles("boundary-line", 400, 10)).toEqual([]);
  });
});

describe("getStubHandles", () => {
  it("puts an incoming stub's handle on its right side and an outgoing one's on its left", () => {
    expect(getStubHandles("in", 220, 48)).toEqual([
      {
        id: "stub",
        type: "source",
        position: Position.Right,
        x: 214,
        y: 18,
        width: 12,
        height: 12,
      },
    ]);
    expect(getStubHandles("out", 220, 48)[0]).toMatchObject({ position: Position.Left, x: -6 });
  });
});
