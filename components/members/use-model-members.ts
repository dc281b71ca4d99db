"use client";

import { useCallback, useEffect } from "react";
import { listMembers } from "@/components/api/endpoints";
import type { Member } from "@/components/api/schemas";
import { useResourceList, type ResourceListState } from "@/components/api/use-resource-list";

/** A model's members as a picker needs them; idle when there is no model to ask about. */
export type ModelMembersState = ResourceListState<Member> | { status: "idle" };

function loadNothing(): Promise<Member[]> {
  return Promise.resolve([]);
}

/**
 * The members of a model (GET /api/models/:id/members), loaded again whenever `revision`
 * changes (e.g. after the member list was saved). Idle, without a request, when `modelId` is
 * null.
 */
export function useModelMembers(modelId: string | null, revision = 0): ModelMembersState {
  const load = useCallback(
    (signal: AbortSignal) => (modelId === null ? loadNothing() : listMembers(modelId, signal)),
    [modelId],
  );
  const { state, reload } = useResourceList(load);
  useEffect(() => {
    if (revision > 0) reload();
  }, [revision, reload]);
  return modelId === null ? { status: "idle" } : state;
}
