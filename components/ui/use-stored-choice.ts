"use client";

import { useCallback, useEffect, useState } from "react";

/**
 * A choice among `values` remembered in this browser (localStorage under `key`), such as how
 * dense a list is. The server render and the first client render use `fallback`, so hydration
 * matches; the stored choice is read right after. A value that is not one of `values` (an old
 * or edited entry) and a browser that refuses storage both fall back quietly.
 */
export function useStoredChoice<V extends string>(
  key: string,
  values: readonly V[],
  fallback: V,
): [V, (value: V) => void] {
  const [value, setValue] = useState<V>(fallback);

  useEffect(() => {
    let stored: string | null = null;
    try {
      stored = window.localStorage.getItem(key);
    } catch {
      return;
    }
    const known = values.find((candidate) => candidate === stored);
    if (known !== undefined) setValue(known);
    // `values` is a constant list; reading once per key is enough.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const choose = useCallback(
    (next: V) => {
      setValue(next);
      try {
        window.localStorage.setItem(key, next);
      } catch {
        // Private windows may refuse storage: the choice then lasts for this page only.
      }
    },
    [key],
  );
  return [value, choose];
}
