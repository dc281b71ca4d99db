import { describe, expect, it, vi } from "vitest";
import { lazy } from "./lazy";

describe("lazy", () => {
  it("makes the value on the first call only, and not before", () => {
    const create = vi.fn(() => ({ made: true }));
    const get = lazy(create);
    expect(create).not.toHaveBeenCalled();
    const first = get();
    expect(get()).toBe(first);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it("keeps a made value that is falsy", () => {
    const create = vi.fn(() => 0);
    const get = lazy(create);
    expect(get()).toBe(0);
    expect(get()).toBe(0);
    expect(create).toHaveBeenCalledTimes(1);
  });
});
