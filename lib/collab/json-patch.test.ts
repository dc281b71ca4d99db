import { describe, expect, it } from "vitest";
import { applyPatch, diffByReference } from "./json-patch";

describe("diffByReference / applyPatch", () => {
  const agenda = [{ id: "a" }, { id: "b" }];
  const before = {
    revision: 1,
    state: { agenda, itemIndex: 0, coverage: { a: { spoofing: 1 } as Record<string, number> } },
    extras: { hands: [] as string[] },
  };

  it("sends only what changed, leaving shared parts out", () => {
    const after = {
      ...before,
      revision: 2,
      state: {
        ...before.state,
        itemIndex: 1,
        coverage: { ...before.state.coverage, b: { tampering: 2 } },
      },
    };
    const patch = diffByReference(before, after);
    expect(patch.set).toEqual([
      [["revision"], 2],
      [["state", "itemIndex"], 1],
      [["state", "coverage", "b"], { tampering: 2 }],
    ]);
    expect(patch.unset).toEqual([]);
    const applied = applyPatch(before, patch);
    expect(applied).toEqual(after);
    // What the patch did not touch is the same object, and the base is unchanged.
    expect(applied?.state.agenda).toBe(agenda);
    expect(before.state.itemIndex).toBe(0);
  });

  it("removes keys that are gone and replaces arrays whole", () => {
    const after = {
      ...before,
      state: { ...before.state, coverage: {} },
      extras: { hands: ["u1"] },
    };
    const patch = diffByReference(before, after);
    expect(patch.unset).toEqual([["state", "coverage", "a"]]);
    expect(applyPatch(before, patch)).toEqual(after);
  });

  it("replaces below the depth limit as a whole", () => {
    const deep = { a: { b: { c: { d: 1 } } } };
    const patch = diffByReference(deep, { a: { b: { c: { d: 2 } } } }, 2);
    expect(patch.set).toEqual([[["a", "b"], { c: { d: 2 } }]]);
  });

  it("refuses a patch that does not fit, or that names the prototype", () => {
    expect(applyPatch({ a: 1 }, { set: [[["a", "b"], 2]], unset: [] })).toBeNull();
    expect(applyPatch({ a: {} }, { set: [[["a", "__proto__"], { x: 1 }]], unset: [] })).toBeNull();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(applyPatch({ a: 1 }, { set: [], unset: [[]] })).toBeNull();
  });
});
