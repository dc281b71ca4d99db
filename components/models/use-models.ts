"use client";

import { useCallback } from "react";
import { createModel, deleteModel, listModels, renameModel } from "@/components/api/endpoints";
import type { ModelSummary } from "@/components/api/schemas";
import { useResourceList, type ResourceListState } from "@/components/api/use-resource-list";

export type ModelsState = ResourceListState<ModelSummary>;

/**
 * The signed-in user's models and the actions on them. Actions call the API and then update
 * the list; they throw ApiError so the dialog that called them can show the message.
 */
export function useModels() {
  const { state, reload, update } = useResourceList(listModels);

  const create = useCallback(
    async (title: string) => {
      const model = await createModel(title);
      update((models) => [model, ...models]);
      return model;
    },
    [update],
  );

  const rename = useCallback(
    async (modelId: string, title: string) => {
      const updated = await renameModel(modelId, title);
      update((models) => models.map((model) => (model.id === modelId ? updated : model)));
    },
    [update],
  );

  const remove = useCallback(
    async (modelId: string) => {
      await deleteModel(modelId);
      update((models) => models.filter((model) => model.id !== modelId));
    },
    [update],
  );

  return { state, reload, create, rename, remove };
}
