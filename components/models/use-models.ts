"use client";

import { useCallback, useEffect, useState } from "react";
import { getErrorMessage, isAbortError } from "@/components/api/api-client";
import { createModel, deleteModel, listModels, renameModel } from "@/components/api/endpoints";
import type { ModelSummary } from "@/components/api/schemas";

export type ModelsState =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; models: ModelSummary[] };

/**
 * The signed-in user's models and the actions on them. Actions call the API and then update
 * the list; they throw ApiError so the dialog that called them can show the message.
 */
export function useModels() {
  const [state, setState] = useState<ModelsState>({ status: "loading" });
  const [reloadKey, setReloadKey] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    listModels(controller.signal)
      .then((models) => setState({ status: "ready", models }))
      .catch((caught: unknown) => {
        if (!isAbortError(caught)) setState({ status: "error", message: getErrorMessage(caught) });
      });
    return () => controller.abort();
  }, [reloadKey]);

  const reload = useCallback(() => {
    setState({ status: "loading" });
    setReloadKey((key) => key + 1);
  }, []);

  const create = useCallback(async (title: string) => {
    const model = await createModel(title);
    setState((current) =>
      current.status === "ready"
        ? { status: "ready", models: [model, ...current.models] }
        : current,
    );
    return model;
  }, []);

  const rename = useCallback(async (modelId: string, title: string) => {
    const updated = await renameModel(modelId, title);
    setState((current) =>
      current.status === "ready"
        ? {
            status: "ready",
            models: current.models.map((model) => (model.id === modelId ? updated : model)),
          }
        : current,
    );
  }, []);

  const remove = useCallback(async (modelId: string) => {
    await deleteModel(modelId);
    setState((current) =>
      current.status === "ready"
        ? { status: "ready", models: current.models.filter((model) => model.id !== modelId) }
        : current,
    );
  }, []);

  return { state, reload, create, rename, remove };
}
