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

/** The two ways to look at the threats. */
export type ThreatView = "list" | "board";

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
  { value: "all", label: "Any" },
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
      className="space-y-3 border-b border-slate-200 px-5 py-4"
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
          {(["list", "board"] as const).map((option) => (
            <Button
              key={option}
              variant={view === option ? "primary" : "secondary"}
              size="sm"
              aria-pressed={view === option}
              className="h-9 first:rounded-r-none last:-ml-px last:rounded-l-none"
              onClick={() => onViewChange(option)}
            >
              {option === "list" ? "List" : "Board"}
            </Button>
          ))}
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <Select
          label="Category"
          aria-label="Filter by category"
          className="w-48"
          options={CATEGORY_FILTER_OPTIONS}
          value={query.category}
          onValueChange={(category) => change({ category })}
        />
        <Select
          label="Status"
          aria-label="Filter by status"
          className="w-44"
          options={STATUS_FILTER_OPTIONS}
          value={query.status}
          onValueChange={(status) => change({ status })}
        />
        <Select
          label="Severity"
          aria-label="Filter by severity"
          className="w-40"
          options={SEVERITY_FILTER_OPTIONS}
          value={query.severity}
          onValueChange={(severity) => change({ severity })}
        />
        <Select
          label="Review"
          aria-label="Filter by review"
          className="w-48"
          options={REVIEW_FILTER_OPTIONS}
          value={query.review}
          onValueChange={(review) => change({ review })}
        />
        <Select
          label="Diagram"
          aria-label="Filter by diagram"
          className="w-48"
          options={diagramOptions}
          value={query.diagram}
          onValueChange={handleDiagramChange}
        />
        <Select
          label="Element"
          aria-label="Filter by element or flow"
          className="w-56"
          options={targetOptions}
          value={query.target}
          onValueChange={(target) => change({ target })}
        />
        <Select
          label="Sort by"
          className="w-52"
          options={SORT_OPTIONS}
          value={query.sort}
          onValueChange={(sort) => change({ sort })}
        />
        {view === "list" ? (
          <Select
            label="Group by"
            className="w-48"
            options={GROUPING_OPTIONS}
            value={query.groupBy}
            onValueChange={(groupBy) => change({ groupBy })}
          />
        ) : null}
      </div>
    </div>
  );
}
