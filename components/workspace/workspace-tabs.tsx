"use client";

import { useId, useRef, type KeyboardEvent, type ReactNode } from "react";
import { PartBoundary } from "@/components/ui/part-boundary";
import { cx, FOCUS_RING } from "@/components/ui/class-names";
import {
  getTabAfterKey,
  WORKSPACE_TAB_LABELS,
  WORKSPACE_TABS,
  type WorkspaceTab,
} from "./workspace-tab";

export interface WorkspaceTabsProps {
  selected: WorkspaceTab;
  onSelect: (tab: WorkspaceTab) => void;
  /** The content of a tab; called for the selected tab only. */
  renderPanel: (tab: WorkspaceTab) => ReactNode;
}

/**
 * The workspace's sections as a tablist (WAI-ARIA tabs, automatic activation): one tab stop,
 * the arrow keys, Home and End move between tabs and select them. Every panel element exists
 * so that each tab's aria-controls resolves, but only the selected one is rendered and shown.
 */
export function WorkspaceTabs({ selected, onSelect, renderPanel }: WorkspaceTabsProps) {
  const baseId = useId();
  const tabRefs = useRef(new Map<WorkspaceTab, HTMLButtonElement>());

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const next = getTabAfterKey(WORKSPACE_TABS, selected, event.key);
    if (next === null) return;
    event.preventDefault();
    onSelect(next);
    tabRefs.current.get(next)?.focus();
  }

  return (
    <div>
      <div
        role="tablist"
        aria-label="Workspace sections"
        onKeyDown={handleKeyDown}
        className="flex gap-1 border-b border-slate-200"
      >
        {WORKSPACE_TABS.map((tab) => {
          const isSelected = tab === selected;
          return (
            <button
              key={tab}
              ref={(node) => {
                if (node) tabRefs.current.set(tab, node);
                else tabRefs.current.delete(tab);
              }}
              type="button"
              role="tab"
              id={`${baseId}-${tab}-tab`}
              aria-selected={isSelected}
              aria-controls={`${baseId}-${tab}-panel`}
              tabIndex={isSelected ? 0 : -1}
              onClick={() => onSelect(tab)}
              className={cx(
                "-mb-px rounded-t-md border-b-2 px-4 py-2 text-sm font-medium transition-colors",
                FOCUS_RING,
                isSelected
                  ? "border-indigo-600 text-indigo-700"
                  : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
              )}
            >
              {WORKSPACE_TAB_LABELS[tab]}
            </button>
          );
        })}
      </div>
      {WORKSPACE_TABS.map((tab) => (
        <div
          key={tab}
          role="tabpanel"
          id={`${baseId}-${tab}-panel`}
          aria-labelledby={`${baseId}-${tab}-tab`}
          hidden={tab !== selected}
          className="rounded-b-md pt-4"
        >
          {tab === selected ? (
            <PartBoundary name="This tab">{renderPanel(tab)}</PartBoundary>
          ) : null}
        </div>
      ))}
    </div>
  );
}
