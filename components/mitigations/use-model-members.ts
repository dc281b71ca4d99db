"use client";

import { useEffect, useState } from "react";
import { getErrorMessage, isAbortError } from "@/components/api/api-client";
import { listMembers } from "@/components/api/endpoints";
import type { Member } from "@/components/api/schemas";

/** The members of a model, for picking a mitigation's owner. */
export type ModelMembersState =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; members: Member[] };

/**
 * Fetches the members of `modelId` (GET /api/models/:id/members), again whenever `revision`
 * changes; stays idle when `modelId` is null (read-only members never pick an owner).
 */
export function useModelMembers(modelId: string | null, revision: number): ModelMembersState {
  const [state, setState] = useState<ModelMembersState>({ status: "idle" });

  useEffect(() => {
    if (modelId === null) {
      setState({ status: "idle" });
      return;
    }
    const controller = new AbortController();
    setState((current) => (current.status === "ready" ? current : { status: "loading" }));
    listMembers(modelId, controller.signal)
      .then((members) => setState({ status: "ready", members }))
      .catch((caught: unknown) => {
        if (!isAbortError(caught)) setState({ status: "error", message: getErrorMessage(caught) });
      });
    return () => controller.abort();
  }, [modelId, revision]);

  return state;
}
