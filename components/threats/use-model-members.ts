"use client";

import { useCallback } from "react";
import { useParams } from "next/navigation";
import { listMembers } from "@/components/api/endpoints";
import type { Member } from "@/components/api/schemas";
import { useResourceList, type ResourceListState } from "@/components/api/use-resource-list";

/** The id of the model whose page this is (/models/:id), or null elsewhere. */
export function useRouteModelId(): string | null {
  const params = useParams<{ id?: string | string[] }>();
  const id = params?.id;
  return typeof id === "string" && id !== "" ? decodeURIComponent(id) : null;
}

function loadNothing(): Promise<Member[]> {
  return Promise.resolve([]);
}

/** The members of the model (GET /api/models/:id/members); an empty list without a model id. */
export function useModelMembers(modelId: string | null): ResourceListState<Member> {
  const load = useCallback(
    (signal: AbortSignal) => (modelId === null ? loadNothing() : listMembers(modelId, signal)),
    [modelId],
  );
  return useResourceList(load).state;
}
