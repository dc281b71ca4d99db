"use client";

import { useCallback, useLayoutEffect, useRef } from "react";

/**
 * A function that keeps its identity for the component's lifetime and calls the latest
 * `handler`. React Flow copies several of its props into its store whenever they change, and
 * every store update re-runs the selectors of every node and edge on the canvas: handlers
 * given to it must not change on each render.
 */
export function useStableHandler<Args extends unknown[], Result>(
  handler: (...args: Args) => Result,
): (...args: Args) => Result {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  return useCallback((...args: Args) => latest.current(...args), []);
}
