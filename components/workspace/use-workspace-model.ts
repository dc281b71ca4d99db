"use client";

import { useCallback, useEffect, useState } from "react";
import { ApiError, getErrorMessage, isAbortError } from "@/components/api/api-client";
import { fetchCurrentUser, fetchModel } from "@/components/api/endpoints";
import type { ModelSummary, User } from "@/components/api/schemas";
import { markOnce, OPEN_MARKS } from "@/lib/perf/open-timing";

export type WorkspaceModelState =
  | { status: "loading" }
  | { status: "not-found" }
  | { status: "error"; message: string }
  | { status: "ready"; model: ModelSummary; user: User };

/**
 * The model (with the user's role) and the signed-in user, both from the API. A 404 means
 * the model does not exist or the user is not a member: the page shows "Model not found".
 */
export function useWorkspaceModel(modelId: string) {
  const [state, setState] = useState<WorkspaceModelState>({ status: "loading" });
  const [reloadKey, setReloadKey] = useState(0);

  useEffect(() => markOnce(OPEN_MARKS.pageMounted), []);

  useEffect(() => {
    const controller = new AbortController();
    // The first load takes the answers the page's first script asked for (early-open.ts).
    const options = { early: reloadKey === 0 };
    Promise.all([
      fetchModel(modelId, controller.signal, options),
      fetchCurrentUser(controller.signal, options),
    ])
      .then(([model, user]) => {
        markOnce(OPEN_MARKS.modelLoaded);
        setState({ status: "ready", model, user });
      })
      .catch((caught: unknown) => {
        if (isAbortError(caught)) return;
        if (caught instanceof ApiError && caught.status === 404) setState({ status: "not-found" });
        else setState({ status: "error", message: getErrorMessage(caught) });
      });
    return () => controller.abort();
  }, [modelId, reloadKey]);

  /** Fetches again, keeping what is shown until the answer arrives (e.g. after a role change). */
  const refresh = useCallback(() => setReloadKey((key) => key + 1), []);

  const retry = useCallback(() => {
    setState({ status: "loading" });
    setReloadKey((key) => key + 1);
  }, []);

  return { state, refresh, retry };
}
