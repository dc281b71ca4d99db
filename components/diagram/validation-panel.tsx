"use client";

import { useEffect, useRef, useState } from "react";
import { findDiagramIssues, summarizeIssues } from "@/lib/diagram/validation";
import type { DiagramIssue, DiagramIssueTarget } from "@/lib/diagram/validation";
import type { DiagramRecords } from "./use-diagram-records";
import { cx, FOCUS_RING } from "@/components/ui/class-names";
import { AlertIcon, CheckIcon, InfoIcon } from "@/components/ui/icons";

/** How long the document must be quiet before the checks run again (dragging sends many). */
const RECHECK_DELAY_MS = 300;

/**
 * Issues listed before "Show all": a large diagram can have a hundred, which would fill the
 * panel with buttons (and the page with some 500 DOM elements at open) for a list that is read
 * from the top, errors first.
 */
export const ISSUE_LIST_LIMIT = 20;

/** The issues listed: the first ISSUE_LIST_LIMIT, or all of them when `isShowingAll`. */
export function getListedIssues<T>(issues: readonly T[], isShowingAll: boolean): readonly T[] {
  return isShowingAll ? issues : issues.slice(0, ISSUE_LIST_LIMIT);
}

/**
 * The issues of one diagram, found in its records (as the canvas has them) again a moment after
 * they last changed, local or remote; null until the first check. The first check runs in a
 * task of its own after the editor's first render, not during it: on a large diagram it takes
 * tens of milliseconds that drawing the canvas need not wait for. The list keeps its identity
 * while the issues stay the same.
 */
export function useDiagramIssues(
  diagramId: string,
  records: DiagramRecords,
): DiagramIssue[] | null {
  const [checked, setChecked] = useState<{
    diagramId: string;
    key: string;
    issues: DiagramIssue[];
  } | null>(null);
  const checkedDiagramId = useRef<string | null>(null);

  useEffect(() => {
    const timer = setTimeout(
      () => {
        const issues = findDiagramIssues(records);
        const key = JSON.stringify(issues);
        checkedDiagramId.current = diagramId;
        setChecked((previous) =>
          previous !== null && previous.diagramId === diagramId && previous.key === key
            ? previous
            : { diagramId, key, issues },
        );
      },
      // Dragging changes the records every frame: once checked, the checks wait until it stops.
      checkedDiagramId.current === diagramId ? RECHECK_DELAY_MS : 0,
    );
    return () => clearTimeout(timer);
  }, [diagramId, records]);

  // Issues of the diagram shown before are never shown for this one.
  return checked !== null && checked.diagramId === diagramId ? checked.issues : null;
}

export interface ValidationPanelProps {
  diagramId: string;
  /** The diagram's elements, flows and stubs, kept current by the editor. */
  records: DiagramRecords;
  /** Selects the element or data flow an issue is about, e.g. to show it on the canvas. */
  onSelect: (target: DiagramIssueTarget) => void;
}

/**
 * The DFD checks of one diagram: a count, then one button per issue, errors first, that
 * selects what the issue is about (the first ISSUE_LIST_LIMIT, then "Show all"). Kept current
 * while people edit the diagram.
 */
export function ValidationPanel({ diagramId, records, onSelect }: ValidationPanelProps) {
  const issues = useDiagramIssues(diagramId, records);
  const summary = issues === null ? "Checking the diagram…" : summarizeIssues(issues);
  // Per diagram: another diagram's list opens short again.
  const [showingAllOf, setShowingAllOf] = useState<string | null>(null);
  const isShowingAll = showingAllOf === diagramId;

  return (
    <section
      aria-labelledby={`${diagramId}-checks`}
      aria-busy={issues === null}
      className="space-y-3"
    >
      <div className="flex items-baseline justify-between gap-2">
        <h2 id={`${diagramId}-checks`} className="text-sm font-semibold text-slate-900">
          Diagram checks
        </h2>
        {/* Mounted from the start, so that screen readers announce the result when it comes. */}
        <p
          role="status"
          className={cx(
            "text-xs text-slate-600",
            (issues === null || issues.length === 0) && "sr-only",
          )}
        >
          {summary}
        </p>
      </div>
      {issues === null ? (
        <p className="text-sm text-slate-500">Checking the diagram…</p>
      ) : issues.length === 0 ? (
        <p aria-hidden="true" className="flex items-center gap-2 text-sm text-emerald-800">
          <CheckIcon className="size-4 shrink-0" />
          {summary}
        </p>
      ) : (
        <>
          <ul className="space-y-1.5">
            {getListedIssues(issues, isShowingAll).map((issue) => (
              <li key={issue.id}>
                <IssueButton issue={issue} onSelect={onSelect} />
              </li>
            ))}
          </ul>
          {issues.length > ISSUE_LIST_LIMIT ? (
            <button
              type="button"
              aria-expanded={isShowingAll}
              onClick={() => setShowingAllOf(isShowingAll ? null : diagramId)}
              className={cx(
                "rounded-md px-2 py-1 text-sm font-medium text-indigo-700 hover:bg-indigo-50",
                FOCUS_RING,
              )}
            >
              {isShowingAll
                ? `Show the first ${ISSUE_LIST_LIMIT}`
                : `Show all ${issues.length} issues`}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

function IssueButton({
  issue,
  onSelect,
}: {
  issue: DiagramIssue;
  onSelect: (target: DiagramIssueTarget) => void;
}) {
  const isError = issue.severity === "error";
  return (
    <button
      type="button"
      onClick={() => onSelect(issue.target)}
      className={cx(
        "flex w-full items-start gap-2 rounded-md px-3 py-2 text-left text-sm ring-1 ring-inset transition-colors",
        isError
          ? "bg-red-50 text-red-900 ring-red-200 hover:bg-red-100"
          : "bg-amber-50 text-amber-900 ring-amber-200 hover:bg-amber-100",
        FOCUS_RING,
      )}
    >
      {isError ? (
        <AlertIcon className="mt-0.5 size-4 shrink-0 text-red-600" />
      ) : (
        <InfoIcon className="mt-0.5 size-4 shrink-0 text-amber-600" />
      )}
      <span>
        <span className="font-semibold">{isError ? "Error: " : "Warning: "}</span>
        {issue.message}
      </span>
    </button>
  );
}
