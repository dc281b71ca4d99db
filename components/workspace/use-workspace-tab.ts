"use client";

import { useSearchParams } from "next/navigation";
import { useCallback } from "react";
import {
  buildWorkspaceTabUrl,
  parseWorkspaceTab,
  WORKSPACE_TAB_PARAM,
  type WorkspaceTab,
} from "./workspace-tab";

/**
 * The workspace tab named in the URL's query (`?tab=mitigations`), and a setter that rewrites
 * the query in place: no navigation, no new history entry, and a reload opens the same tab.
 * Next's router observes `history.replaceState`, so `useSearchParams` follows the change.
 */
export function useWorkspaceTab(): [WorkspaceTab, (tab: WorkspaceTab) => void] {
  const searchParams = useSearchParams();
  const tab = parseWorkspaceTab(searchParams.get(WORKSPACE_TAB_PARAM));
  const selectTab = useCallback((next: WorkspaceTab) => {
    const href = buildWorkspaceTabUrl(window.location.href, next);
    if (href !== window.location.href) window.history.replaceState(null, "", href);
  }, []);
  return [tab, selectTab];
}
