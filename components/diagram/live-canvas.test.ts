import { describe, expect, it } from "vitest";
import {
  buildCanvasPresence,
  collectRemoteDrags,
  getRemoteCanvasPeers,
  indexRemoteSelections,
  MAX_LIVE_IDS,
} from "./live-canvas";

const alice = { id: "u-alice", name: "Alice", color: "#aa0000" };
const bob = { id: "u-bob", name: "Bob", color: "#0000bb" };

function canvasOn(diagramId: string, overrides: Record<string, unknown> = {}) {
  return { diagramId, cursor: { x: 10, y: 20 }, selection: [], dragging: null, ...overrides };
}

describe("getRemoteCanvasPeers", () => {
  it("lists the others on the same diagram, never this client", () => {
    const states = new Map<number, unknown>([
      [1, { user: alice, canvas: canvasOn("d1") }],
      [2, { user: bob, canvas: canvasOn("d1", { selection: ["e1"] }) }],
      [3, { user: bob, canvas: canvasOn("d2") }],
    ]);
    const peers = getRemoteCanvasPeers(states, 1, "d1");
    expect(peers).toHaveLength(1);
    expect(peers[0]).toMatchObject({ clientId: 2, name: "Bob", cursor: { x: 10, y: 20 } });
    expect(peers[0]?.selection).toEqual(["e1"]);
  });

  it("ignores states that do not parse", () => {
    const states = new Map<number, unknown>([
      [2, { user: bob }],
      [3, { user: { ...bob, color: "red" }, canvas: canvasOn("d1") }],
      [4, { user: bob, canvas: canvasOn("d1", { cursor: { x: "1", y: 2 } }) }],
      [5, { user: bob, canvas: canvasOn("d1", { selection: Array(MAX_LIVE_IDS + 1).fill("e") }) }],
      [6, "not an object"],
      [7, { user: bob, canvas: canvasOn("d1", { cursor: { x: Infinity, y: 0 } }) }],
    ]);
    expect(getRemoteCanvasPeers(states, 1, "d1")).toEqual([]);
  });

  it("reads drags and selections of several people", () => {
    const geometry = { x: 1, y: 2, width: 3, height: 4 };
    const states = new Map<number, unknown>([
      [
        2,
        {
          user: bob,
          canvas: canvasOn("d1", { selection: ["e1"], dragging: [{ id: "e1", geometry }] }),
        },
      ],
      [3, { user: alice, canvas: canvasOn("d1", { selection: ["e1", "f1"] }) }],
    ]);
    const peers = getRemoteCanvasPeers(states, 1, "d1");
    expect(collectRemoteDrags(peers).get("e1")).toEqual(geometry);
    const marks = indexRemoteSelections(peers);
    expect(marks.get("e1")?.map((mark) => mark.name)).toEqual(["Bob", "Alice"]);
    expect(marks.get("f1")?.map((mark) => mark.name)).toEqual(["Alice"]);
  });
});

describe("buildCanvasPresence", () => {
  it("publishes what the parser accepts, cut to the bounds", () => {
    const presence = buildCanvasPresence({
      diagramId: "d1",
      cursor: null,
      selection: Array.from({ length: MAX_LIVE_IDS + 5 }, (_, index) => `e${index}`),
      dragging: new Map([["e1", { x: 1, y: 2, width: 3, height: 4 }]]),
    });
    expect(presence.selection).toHaveLength(MAX_LIVE_IDS);
    const states = new Map<number, unknown>([[2, { user: bob, canvas: presence }]]);
    expect(getRemoteCanvasPeers(states, 1, "d1")).toHaveLength(1);
  });
});
