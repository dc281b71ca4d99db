/** The sections of the workspace, in tab order. */
export const WORKSPACE_TABS = [
  "diagram",
  "threats",
  "mitigations",
  "notes",
  "context",
  "discussion",
] as const;
export type WorkspaceTab = (typeof WORKSPACE_TABS)[number];

export const WORKSPACE_TAB_LABELS: Record<WorkspaceTab, string> = {
  diagram: "Diagram",
  threats: "Threats",
  mitigations: "Mitigations",
  notes: "Notes",
  context: "Context",
  discussion: "Discussion",
};

/** The tab shown when the URL names none: a model opens on its diagram. */
export const DEFAULT_WORKSPACE_TAB: WorkspaceTab = "diagram";

/**
 * The query parameter that keeps the selected tab across reloads. A query parameter rather
 * than the hash: the skip link (#main) and future element anchors use the hash.
 */
export const WORKSPACE_TAB_PARAM = "tab";

/** The tab named by a query value; the default for a missing or unknown one. */
export function parseWorkspaceTab(value: string | null | undefined): WorkspaceTab {
  return WORKSPACE_TABS.find((tab) => tab === value) ?? DEFAULT_WORKSPACE_TAB;
}

/**
 * `href` with the tab in its query: the default tab removes the parameter, so the plain
 * model URL stays canonical. Other parameters and the hash are kept.
 */
export function buildWorkspaceTabUrl(href: string, tab: WorkspaceTab): string {
  const url = new URL(href);
  if (tab === DEFAULT_WORKSPACE_TAB) url.searchParams.delete(WORKSPACE_TAB_PARAM);
  else url.searchParams.set(WORKSPACE_TAB_PARAM, tab);
  return url.toString();
}

/**
 * The tab a key press in the tablist moves to (WAI-ARIA tabs pattern, horizontal): the arrow
 * keys move to the next or previous tab and wrap around, Home and End go to the first and last.
 * Null for any other key.
 */
export function getTabAfterKey(
  tabs: readonly WorkspaceTab[],
  current: WorkspaceTab,
  key: string,
): WorkspaceTab | null {
  const index = tabs.indexOf(current);
  const count = tabs.length;
  if (count === 0 || index < 0) return null;
  switch (key) {
    case "ArrowRight":
      return tabs[(index + 1) % count] ?? null;
    case "ArrowLeft":
      return tabs[(index - 1 + count) % count] ?? null;
    case "Home":
      return tabs[0] ?? null;
    case "End":
      return tabs[count - 1] ?? null;
    default:
      return null;
  }
}
