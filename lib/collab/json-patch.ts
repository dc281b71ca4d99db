/**
 * A small patch between two versions of an immutable JSON value, for notices that would
 * otherwise resend a large object whose parts mostly did not change (the facilitated session:
 * its agenda and coverage stay, its position moves). Parts are compared by reference, as an
 * immutable update keeps what it did not change; the patch replaces every part that is a new
 * object or value, down to `maxDepth` levels of plain objects, and removes keys that are gone.
 */

export interface JsonPatch {
  /** Paths (keys from the root) and the value now there. */
  set: [string[], unknown][];
  /** Paths whose key is gone. */
  unset: string[][];
}

/** Keys a patch never writes: they would reach the prototype of the object patched. */
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The patch that turns `previous` into `next` (see the module comment). */
export function diffByReference(previous: unknown, next: unknown, maxDepth = 3): JsonPatch {
  const patch: JsonPatch = { set: [], unset: [] };
  const walk = (before: unknown, after: unknown, path: string[]) => {
    if (before === after) return;
    if (path.length >= maxDepth || !isPlainObject(before) || !isPlainObject(after)) {
      patch.set.push([path, after]);
      return;
    }
    for (const key of Object.keys(after)) {
      if (!(key in before)) patch.set.push([[...path, key], after[key]]);
      else walk(before[key], after[key], [...path, key]);
    }
    for (const key of Object.keys(before)) {
      if (!(key in after)) patch.unset.push([...path, key]);
    }
  };
  walk(previous, next, []);
  return patch;
}

/**
 * `base` with the patch applied, sharing every part the patch does not touch; `base` is not
 * changed. Returns null when the patch does not fit `base` (a path through something that is
 * not an object, or an unsafe key): the caller then fetches the whole value.
 */
export function applyPatch<T>(base: T, patch: JsonPatch): T | null {
  let root: unknown = base;
  const write = (path: string[], value: unknown, isRemoval: boolean): boolean => {
    if (path.some((key) => UNSAFE_KEYS.has(key))) return false;
    if (path.length === 0) {
      if (isRemoval) return false;
      root = value;
      return true;
    }
    const update = (node: unknown, depth: number): unknown => {
      if (!isPlainObject(node)) throw new PatchMismatch();
      const key = path[depth] as string;
      if (depth === path.length - 1 && isRemoval) {
        return Object.fromEntries(Object.entries(node).filter(([name]) => name !== key));
      }
      const copy: Record<string, unknown> = { ...node };
      copy[key] = depth === path.length - 1 ? value : update(node[key], depth + 1);
      return copy;
    };
    try {
      root = update(root, 0);
      return true;
    } catch (error) {
      if (error instanceof PatchMismatch) return false;
      throw error;
    }
  };
  for (const [path, value] of patch.set) {
    if (!write(path, value, false)) return null;
  }
  for (const path of patch.unset) {
    if (!write(path, undefined, true)) return null;
  }
  return root as T;
}

class PatchMismatch extends Error {}
