"use client";

import { useId } from "react";
import {
  CONTROL_FUNCTION_LABELS,
  CONTROL_TYPE_LABELS,
  CONTROL_TYPES,
} from "@/lib/model/mitigations";
import { CONTROL_EXAMPLES, CONTROL_FUNCTION_QUESTIONS } from "@/lib/risk/controls";
import { Card, CardHeader } from "@/components/ui/card";
import { cx, FOCUS_RING } from "@/components/ui/class-names";
import { SkeletonList } from "@/components/ui/skeleton";
import {
  isSameCell,
  type ControlCell,
  type ControlMatrixCell,
  type ControlMatrixRow,
} from "./control-matrix";

/** How many titles a cell shows before "+N more". */
const TITLES_PER_CELL = 3;

export interface ControlMatrixCardProps {
  rows: readonly ControlMatrixRow[];
  /** The cell the list is filtered to, shown pressed. */
  selectedCell: ControlCell | null;
  /** Filters the list to a cell, or clears the filter when it is the selected cell. */
  onSelectCell: (cell: ControlCell) => void;
  isLoading: boolean;
}

function describeCell(cell: ControlMatrixCell): string {
  const count = cell.mitigations.length;
  const label = `${CONTROL_TYPE_LABELS[cell.controlType]} ${CONTROL_FUNCTION_LABELS[cell.controlFunction].toLowerCase()}`;
  if (count === 0) return `${label}: no mitigations`;
  const titles = cell.mitigations.map((mitigation) => mitigation.title).join(", ");
  return `${label}: ${count === 1 ? "1 mitigation" : `${count} mitigations`}: ${titles}`;
}

/**
 * The type x function matrix: rows are control functions, columns control types, each cell
 * the count and titles of its mitigations, or an example of such a control when it is empty.
 * A cell is a toggle button that filters the mitigation list.
 */
export function ControlMatrixCard({
  rows,
  selectedCell,
  onSelectCell,
  isLoading,
}: ControlMatrixCardProps) {
  const headingId = useId();
  return (
    <Card aria-labelledby={headingId}>
      <CardHeader
        title="Control matrix"
        headingId={headingId}
        description="Mitigations by control type and function. Select a cell to filter the list."
      />
      {isLoading ? (
        <div className="p-5">
          <SkeletonList rows={2} label="Loading the control matrix" />
        </div>
      ) : (
        <div className="overflow-x-auto p-3">
          <table className="w-full table-fixed border-separate border-spacing-1 text-left text-xs">
            <caption className="sr-only">
              Mitigations by control function (rows) and control type (columns)
            </caption>
            <thead>
              <tr>
                <td className="w-24 sm:w-28" />
                {CONTROL_TYPES.map((controlType) => (
                  <th
                    key={controlType}
                    scope="col"
                    className="px-1 pb-1 font-semibold text-slate-700"
                  >
                    {CONTROL_TYPE_LABELS[controlType]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.controlFunction}>
                  <th
                    scope="row"
                    title={CONTROL_FUNCTION_QUESTIONS[row.controlFunction]}
                    className="pr-1 align-top font-semibold text-slate-700"
                  >
                    {CONTROL_FUNCTION_LABELS[row.controlFunction]}
                  </th>
                  {row.cells.map((cell) => (
                    <td key={cell.controlType} className="align-top">
                      <MatrixCellButton
                        cell={cell}
                        isSelected={isSameCell(cell, selectedCell)}
                        onSelect={() =>
                          onSelectCell({
                            controlType: cell.controlType,
                            controlFunction: cell.controlFunction,
                          })
                        }
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function MatrixCellButton({
  cell,
  isSelected,
  onSelect,
}: {
  cell: ControlMatrixCell;
  isSelected: boolean;
  onSelect: () => void;
}) {
  const count = cell.mitigations.length;
  const shown = cell.mitigations.slice(0, TITLES_PER_CELL);
  const hidden = count - shown.length;
  return (
    <button
      type="button"
      aria-pressed={isSelected}
      aria-label={describeCell(cell)}
      onClick={onSelect}
      className={cx(
        "flex min-h-14 w-full flex-col items-start gap-0.5 rounded-md p-1.5 text-left ring-1 transition-colors",
        FOCUS_RING,
        isSelected
          ? "bg-indigo-100 ring-2 ring-indigo-600"
          : count > 0
            ? "bg-indigo-50 ring-indigo-200 hover:bg-indigo-100"
            : "bg-slate-50 ring-slate-200 hover:bg-slate-100",
      )}
    >
      <span
        className={cx("text-sm font-semibold", count > 0 ? "text-indigo-900" : "text-slate-400")}
      >
        {count}
      </span>
      {count === 0 ? (
        <span className="text-slate-500">
          e.g. {CONTROL_EXAMPLES[cell.controlFunction][cell.controlType]}
        </span>
      ) : (
        <>
          {shown.map((mitigation) => (
            <span key={mitigation.id} className="w-full truncate text-slate-800">
              {mitigation.title}
            </span>
          ))}
          {hidden > 0 ? <span className="text-slate-600">+{hidden} more</span> : null}
        </>
      )}
    </button>
  );
}
