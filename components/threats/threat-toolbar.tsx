"use client";

import { THREAT_SEVERITIES, THREAT_SEVERITY_LABELS } from "@/lib/model/threats";
import { Button } from "@/components/ui/button";
import type { SelectOption } from "@/components/ui/select";
import { Select } from "@/components/ui/select";
import { TextField } from "@/components/ui/text-field";
import { CATEGORY_OPTIONS, STATUS_OPTIONS } from "./threat-options";
import {
  listDiagramChoices,
  listTargetChoices,
  type ThreatTargetIndex,
} from "@/lib/model/threat-targets";
import {
  THREAT_GROUPINGS,
  THREAT_GROUPING_LABELS,
  THREAT_SORTS,
  THREAT_SORT_LABELS,
  type ReviewFilter,
  type SeverityFilter,
  type ThreatQuery,
} from "@/lib/model/threat-query";

/** The ways to look at the threats: a list of comfortable or compact rows, or a board. */
export const THREAT_VIEWS = ["list", "compact", "board"] as const;
export type ThreatView = (typeof THREAT_VIEWS)[number];

const VIEW_LABELS: Record<ThreatView, string> = {
  list: "List",
  compact: "Compact",
  board: "Board",
};

const CATEGORY_FILTER_OPTIONS: readonly SelectOption<ThreatQuery["category"]>[] = [
  { value: "all", label: "All categories" },
  ...CATEGORY_OPTIONS,
];

const STATUS_FILTER_OPTIONS: readonly SelectOption<ThreatQuery["status"]>[] = [
  { value: "all", label: "All statuses" },
  ...STATUS_OPTIONS,
];

const SEVERITY_FILTER_OPTIONS: readonly SelectOption<SeverityFilter>[] = [
  { value: "all", label: "All severities" },
  ...THREAT_SEVERITIES.map((severity) => ({
    value: severity,
    label: THREAT_SEVERITY_LABELS[severity],
  })),
  { value: "unrated", label: "Not rated" },
];

const REVIEW_FILTER_OPTIONS: readonly SelectOption<ReviewFilter>[] = [
  { value: "all", label: "Any review state" },
  { value: "needs-review", label: "Needs review" },
  { value: "reviewed", label: "Does not need review" },
];

const SORT_OPTIONS = THREAT_SORTS.map((sort) => ({ value: sort, label: THREAT_SORT_LABELS[sort] }));

const GROUPING_OPTIONS = THREAT_GROUPINGS.map((grouping) => ({
  value: grouping,
  label: THREAT_GROUPING_LABELS[grouping],
}));

export interface ThreatToolbarProps {
  query: ThreatQuery;
  onQueryChange: (query: ThreatQuery) => void;
  view: ThreatView;
  onViewChange: (view: ThreatView) => void;
  /** The elements and flows of the model, for the diagram and element filters. */
  targets: ThreatTargetIndex;
}

/** Search, filters, order, grouping and the list / board switch above the threats. */
export function ThreatToolbar({
  query,
  onQueryChange,
  view,
  onViewChange,
  targets,
}: ThreatToolbarProps) {
  function change(fields: Partial<ThreatQuery>) {
    onQueryChange({ ...query, ...fields });
  }

  const diagramOptions = [{ value: "all", label: "All diagrams" }, ...listDiagramChoices(targets)];
  const targetOptions = [
    { value: "all", label: "All elements and flows" },
    ...listTargetChoices(targets, query.diagram),
  ];
  // A target that is gone (deleted, or on another diagram) stays selectable so it can be seen.
  if (query.target !== "all" && !targetOptions.some((option) => option.value === query.target)) {
    targetOptions.push({ value: query.target, label: "Deleted element or flow" });
  }

  function handleDiagramChange(diagram: string) {
    const target = targets.get(query.target);
    const keepsTarget = diagram === "all" || target?.diagramId === diagram;
    change({ diagram, target: keepsTarget ? query.target : "all" });
  }

  return (
    <div
      role="search"
      aria-label="Find threats"
      className="space-y-2 border-b border-slate-200 px-5 py-3"
    >
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          type="search"
          label="Search threats"
          isLabelHidden
          placeholder="Search titles, descriptions and assets"
          className="min-w-56 flex-1"
          value={query.search}
          onChange={(event) => change({ search: event.target.value })}
        />
        <div role="group" aria-label="View" className="flex rounded-md shadow-sm">
          {THREAT_VIEWS.map((option) => (
            <Button
              key={option}
              variant={view === option ? "primary" : "secondary"}
              size="sm"
              aria-pressed={view === option}
              title={option === "compact" ? "One line of text per threat" : undefined}
              className="h-9 rounded-none first:rounded-l-md last:rounded-r-md [&:not(:first-child)]:-ml-px"
              onClick={() => onViewChange(option)}
            >
              {VIEW_LABELS[option]}
            </Button>
          ))}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Select
          label="Category"
          isLabelHidden
          size="sm"
          aria-label="Filter by category"
          className="w-44"
          options={CATEGORY_FILTER_OPTIONS}
          value={query.category}
          onValueChange={(category) => change({ category })}
        />
        <Select
          label="Status"
          isLabelHidden
          size="sm"
          aria-label="Filter by status"
          className="w-36"
          options={STATUS_FILTER_OPTIONS}
          value={query.status}
          onValueChange={(status) => change({ status })}
        />
        <Select
          label="Severity"
          isLabelHidden
          size="sm"
          aria-label="Filter by severity"
          className="w-36"
          options={SEVERITY_FILTER_OPTIONS}
          value={query.severity}
          onValueChange={(severity) => change({ severity })}
        />
        <Select
          label="Review"
          isLabelHidden
          size="sm"
          aria-label="Filter by review"
          className="w-40"
          options={REVIEW_FILTER_OPTIONS}
          value={query.review}
          onValueChange={(review) => change({ review })}
        />
        <Select
          label="Diagram"
          isLabelHidden
          size="sm"
          aria-label="Filter by diagram"
          className="w-40"
          options={diagramOptions}
          value={query.diagram}
          onValueChange={handleDiagramChange}
        />
        <Select
          label="Element"
          isLabelHidden
          size="sm"
          aria-label="Filter by element or flow"
          className="w-56"
          options={targetOptions}
          value={query.target}
          onValueChange={(target) => change({ target })}
        />
        <Select
          label="Sort by"
          isLabelHidden
          size="sm"
          className="w-44"
          options={SORT_OPTIONS}
          value={query.sort}
          onValueChange={(sort) => change({ sort })}
        />
        {view !== "board" ? (
          <Select
            label="Group by"
            isLabelHidden
            size="sm"
            className="w-40"
            options={GROUPING_OPTIONS}
            value={query.groupBy}
            onValueChange={(groupBy) => change({ groupBy })}
          />
        ) : null}
      </div>
    </div>
  );
}
