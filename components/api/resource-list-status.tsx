"use client";

import type { ReactNode } from "react";
import type { ResourceListState } from "@/components/api/use-resource-list";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SkeletonList } from "@/components/ui/skeleton";

/**
 * What a list page shows before it has items to show: a skeleton while loading, the error with
 * "Try again", or `empty` when the list is empty. Renders nothing once there are items; the
 * page draws those itself.
 */
export function ResourceListStatus<T>({
  state,
  loadingLabel,
  loadingRows,
  errorTitle,
  onRetry,
  empty,
}: {
  state: ResourceListState<T>;
  loadingLabel: string;
  loadingRows?: number;
  errorTitle: string;
  onRetry: () => void;
  empty: ReactNode;
}) {
  switch (state.status) {
    case "loading":
      return <SkeletonList label={loadingLabel} rows={loadingRows} />;
    case "error":
      return (
        <Alert
          tone="danger"
          title={errorTitle}
          action={
            <Button variant="secondary" size="sm" onClick={onRetry}>
              Try again
            </Button>
          }
        >
          {state.message}
        </Alert>
      );
    case "ready":
      return state.items.length === 0 ? empty : null;
  }
}
