"use client";

import { useCallback, useEffect, useState } from "react";
import { getErrorMessage, isAbortError } from "@/components/api/api-client";

/** A list fetched from the API: loading, failed with a message, or ready. */
export type ResourceListState<T> =
  { status: "loading" } | { status: "error"; message: string } | { status: "ready"; items: T[] };

/**
 * Loads a list from the API (cancelled on unmount), with `reload` and `update`, which changes
 * the loaded items in place after an action succeeded.
 */
export function useResourceList<T>(load: (signal: AbortSignal) => Promise<T[]>) {
  const [state, setState] = useState<ResourceListState<T>>({ status: "loading" });
  const [reloadKey, setReloadKey] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal)
      .then((items) => setState({ status: "ready", items }))
      .catch((caught: unknown) => {
        if (!isAbortError(caught)) setState({ status: "error", message: getErrorMessage(caught) });
      });
    return () => controller.abort();
  }, [load, reloadKey]);

  const reload = useCallback(() => {
    setState({ status: "loading" });
    setReloadKey((key) => key + 1);
  }, []);

  const update = useCallback((change: (items: T[]) => T[]) => {
    setState((current) =>
      current.status === "ready" ? { status: "ready", items: change(current.items) } : current,
    );
  }, []);

  return { state, reload, update };
}
