import type { InternalNode } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import { withoutNeedlessForce } from "./use-given-node-sizes";

/** A node element as the ResizeObserver hands it: only its drawn size is read. */
function drawn(width: number, height: number): HTMLDivElement {
  return { offsetWidth: width, offsetHeight: height } as HTMLDivElement;
}

function held(width: number, height: number, hasHandles = true): InternalNode {
  return {
    id: "n",
    position: { x: 0, y: 0 },
    data: {},
    measured: { width, height },
    internals: {
      positionAbsolute: { x: 0, y: 0 },
      z: 0,
      userNode: { id: "n", position: { x: 0, y: 0 }, data: {} },
      handleBounds: hasHandles ? { source: [], target: [] } : undefined,
    },
  } as InternalNode;
}

describe("withoutNeedlessForce", () => {
  it("drops force for a node drawn at the size React Flow holds, with handles known", () => {
    const updates = new Map([["a", { id: "a", nodeElement: drawn(120, 80), force: true }]]);
    const result = withoutNeedlessForce(updates, () => held(120, 80));
    expect(result.get("a")?.force).toBe(false);
    expect(updates.get("a")?.force).toBe(true);
  });

  it("keeps force for a new size, unknown handles or an unknown node", () => {
    const updates = new Map([
      ["resized", { id: "resized", nodeElement: drawn(140, 80), force: true }],
      ["no-handles", { id: "no-handles", nodeElement: drawn(120, 80), force: true }],
      ["unknown", { id: "unknown", nodeElement: drawn(120, 80), force: true }],
    ]);
    const nodes: Record<string, InternalNode> = {
      resized: held(120, 80),
      "no-handles": held(120, 80, false),
    };
    const result = withoutNeedlessForce(updates, (id) => nodes[id]);
    expect(result).toBe(updates);
    expect([...result.values()].every((update) => update.force === true)).toBe(true);
  });
});
