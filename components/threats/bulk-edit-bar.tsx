"use client";

import { useEffect, useRef } from "react";
import type { ThreatResponse, ThreatSeverity, ThreatStatus } from "@/lib/model/threats";
import { Button } from "@/components/ui/button";
import { Select, type SelectOption } from "@/components/ui/select";
import {
  NONE,
  RESPONSE_OPTIONS,
  SEVERITY_OPTIONS,
  STATUS_OPTIONS,
  type NoneValue,
} from "./threat-options";

/** The placeholder a bulk select shows: choosing anything else applies it at once. */
const CHOOSE = "";

const BULK_STATUS_OPTIONS: readonly SelectOption<ThreatStatus | typeof CHOOSE>[] = [
  { value: CHOOSE, label: "Choose a status…" },
  ...STATUS_OPTIONS,
];

const BULK_SEVERITY_OPTIONS: readonly SelectOption<ThreatSeverity | NoneValue | typeof CHOOSE>[] = [
  { value: CHOOSE, label: "Choose a severity…" },
  ...SEVERITY_OPTIONS,
];

/** Accepting needs an approver per threat (its details ask): not offered in bulk. */
const BULK_RESPONSE_OPTIONS: readonly SelectOption<
  Exclude<ThreatResponse, "accept"> | NoneValue | typeof CHOOSE
>[] = [
  { value: CHOOSE, label: "Choose a response…" },
  ...RESPONSE_OPTIONS.filter(
    (option): option is SelectOption<Exclude<ThreatResponse, "accept"> | NoneValue> =>
      option.value !== "accept",
  ),
];

export interface BulkEditBarProps {
  /** How many threats are shown, and how many of them are selected. */
  shownCount: number;
  selectedCount: number;
  onSelectAll: (isSelected: boolean) => void;
  onSetStatus: (status: ThreatStatus) => void;
  /** null: "not rated". */
  onSetSeverity: (severity: ThreatSeverity | null) => void;
  /** null: "not decided"; absent while responses are locked (a session's Find phase). */
  onSetResponse?: ((response: Exclude<ThreatResponse, "accept"> | null) => void) | undefined;
  /** Clears the review flag of the selected threats. */
  onMarkReviewed: () => void;
  /** Asks, then deletes the selected threats (with an undo). */
  onDelete: () => void;
}

/**
 * Above the list: select every shown threat, and with some selected, set their status,
 * severity or response, mark them reviewed, or delete them, all at once (one change for
 * everyone, in one transaction).
 */
export function BulkEditBar({
  shownCount,
  selectedCount,
  onSelectAll,
  onSetStatus,
  onSetSeverity,
  onSetResponse,
  onMarkReviewed,
  onDelete,
}: BulkEditBarProps) {
  const selectAllRef = useRef<HTMLInputElement>(null);
  const isAllSelected = shownCount > 0 && selectedCount === shownCount;
  const isSomeSelected = selectedCount > 0 && !isAllSelected;

  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = isSomeSelected;
  }, [isSomeSelected]);

  return (
    <div
      role="group"
      aria-label="Bulk edit"
      className="flex min-h-14 flex-wrap items-center gap-3 border-b border-slate-200 bg-slate-50 px-5 py-2"
    >
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input
          ref={selectAllRef}
          type="checkbox"
          checked={isAllSelected}
          onChange={(event) => onSelectAll(event.target.checked)}
          className="size-4 rounded border-slate-300 accent-indigo-600"
        />
        Select all shown
      </label>
      {selectedCount > 0 ? (
        <>
          <span role="status" className="text-sm font-medium text-slate-900">
            {selectedCount === 1 ? "1 threat selected" : `${selectedCount} threats selected`}
          </span>
          <Select
            label="Set status"
            isLabelHidden
            aria-label="Set status of the selected threats"
            className="w-52"
            options={BULK_STATUS_OPTIONS}
            value={CHOOSE}
            onValueChange={(status) => {
              if (status !== CHOOSE) onSetStatus(status);
            }}
          />
          <Select
            label="Set severity"
            isLabelHidden
            aria-label="Set severity of the selected threats"
            className="w-52"
            options={BULK_SEVERITY_OPTIONS}
            value={CHOOSE}
            onValueChange={(severity) => {
              if (severity !== CHOOSE) onSetSeverity(severity === NONE ? null : severity);
            }}
          />
          {onSetResponse ? (
            <Select
              label="Set response"
              isLabelHidden
              aria-label="Set response of the selected threats"
              className="w-52"
              options={BULK_RESPONSE_OPTIONS}
              value={CHOOSE}
              onValueChange={(response) => {
                if (response !== CHOOSE) onSetResponse(response === NONE ? null : response);
              }}
            />
          ) : null}
          <Button variant="secondary" size="sm" onClick={onMarkReviewed}>
            Mark reviewed
          </Button>
          <Button variant="ghost" size="sm" onClick={() => onSelectAll(false)}>
            Clear selection
          </Button>
          <Button variant="ghost" size="sm" className="text-red-700" onClick={onDelete}>
            Delete…
          </Button>
        </>
      ) : (
        <span className="text-sm text-slate-500">Select threats to change several at once.</span>
      )}
    </div>
  );
}
