"use client";

import { useId, type KeyboardEvent } from "react";
import { LIMITS } from "@/lib/limits";
import type { ModelDreadScale } from "@/lib/model/meta";
import {
  STRIDE_CATEGORY_CODES,
  STRIDE_CATEGORY_LABELS,
  THREAT_SEVERITY_LABELS,
  THREAT_STATUS_LABELS,
  getThreatRisk,
  type Threat,
  type ThreatPatch,
} from "@/lib/model/threats";
import { Button } from "@/components/ui/button";
import { cx, FOCUS_RING } from "@/components/ui/class-names";
import { formatDateTime } from "@/components/ui/format-date";
import { TrashIcon } from "@/components/ui/icons";
import { InlineEdit } from "@/components/ui/inline-edit";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { ROW_FOCUS_CLASSES } from "./row-navigation";
import { DiscussionBadge } from "@/components/review/discussion-badge";
import { formatDreadScore } from "./dread-format";
import { ThreatBadges } from "./threat-badges";
import { CATEGORY_OPTIONS, DREAD_BAND_LABELS, STATUS_OPTIONS } from "./threat-options";
import { ROW_GRID, threatColumnsStyle, type ThreatRowDensity } from "./threat-row-layout";
import type { ThreatTarget } from "@/lib/model/threat-targets";

export interface ThreatItemProps {
  threat: Threat;
  /** The model's DREAD scale, for the score badge. */
  scale: ModelDreadScale;
  isReadOnly: boolean;
  /** Whether the row is picked for a bulk edit (the checkbox shows only when editable). */
  isSelected: boolean;
  onSelectedChange: (isSelected: boolean) => void;
  /** 0 for the one row Tab reaches, -1 for the others: arrow keys move between rows. */
  tabIndex: 0 | -1;
  /** Called when the row or anything in it gets focus. */
  onFocusWithin: () => void;
  onOpenDetails: () => void;
  /** Applies a change to the shared document; throws when the change is invalid. */
  onUpdate: (patch: ThreatPatch) => void;
  onDelete: () => void;
  /** The element or flow it targets; null when it has none or it is gone. */
  target: ThreatTarget | null;
  /** Opens the diagram with the target selected; the target is plain text without it. */
  onShowOnDiagram?: ((target: ThreatTarget) => void) | undefined;
  /** The decisions and action items of the meeting notes linked to this threat. */
  noteCounts?: { decisions: number; actions: number } | null;
  density?: ThreatRowDensity;
}

/**
 * One threat in the list, on one line from 1024 px: comfortable rows edit the title in place and
 * hold the badges, category and status selects, details and delete; compact rows are text, the
 * title opening the details. The row itself is focusable; Enter on it opens the details.
 */
export function ThreatItem({
  threat,
  scale,
  isReadOnly,
  isSelected,
  onSelectedChange,
  tabIndex,
  onFocusWithin,
  onOpenDetails,
  onUpdate,
  onDelete,
  target,
  onShowOnDiagram,
  noteCounts = null,
  density = "comfortable",
}: ThreatItemProps) {
  const columnsStyle = threatColumnsStyle(density, isReadOnly);
  const titleId = useId();
  const { notify } = useToast();

  function handleSelectChange(patch: ThreatPatch) {
    try {
      onUpdate(patch);
    } catch (caught) {
      notify({
        tone: "danger",
        message: caught instanceof Error ? caught.message : "The change could not be saved.",
      });
    }
  }

  function handleKeyDown(event: KeyboardEvent<HTMLLIElement>) {
    if (event.key === "Enter" && event.target === event.currentTarget) {
      event.preventDefault();
      onOpenDetails();
    }
  }

  const targetCell =
    target && onShowOnDiagram !== undefined ? (
      <button
        type="button"
        className={cx(
          "max-w-full truncate rounded text-left text-indigo-700 underline-offset-2 hover:underline",
          FOCUS_RING,
        )}
        aria-label={`Show ${target.name} on the diagram`}
        title={`Show ${target.name} on the diagram`}
        onClick={() => onShowOnDiagram(target)}
      >
        {target.name}
      </button>
    ) : target ? (
      <span className="truncate" title={target.name}>
        {target.name}
      </span>
    ) : threat.targetId !== null ? (
      <span className="text-amber-700">Target deleted</span>
    ) : (
      <span className="text-slate-400">Whole model</span>
    );

  const checkbox = isReadOnly ? null : (
    <input
      type="checkbox"
      aria-label={`Select ${threat.title}`}
      checked={isSelected}
      onChange={(event) => onSelectedChange(event.target.checked)}
      className={cx(
        "shrink-0 rounded border-slate-300 accent-indigo-600",
        density === "compact" ? "size-3.5" : "size-4",
      )}
    />
  );

  const rowProps = {
    "aria-labelledby": titleId,
    tabIndex,
    "data-threat-row": threat.id,
    onFocus: onFocusWithin,
    onKeyDown: handleKeyDown,
    style: columnsStyle,
  };

  if (density === "compact") {
    const risk = getThreatRisk(threat, scale);
    return (
      <li
        {...rowProps}
        className={cx(
          "flex flex-wrap items-center gap-x-2 px-5 text-xs leading-4 text-slate-700",
          ROW_GRID,
          isSelected && "bg-indigo-50/60",
          ROW_FOCUS_CLASSES,
        )}
      >
        {checkbox}
        <span
          title={STRIDE_CATEGORY_LABELS[threat.category]}
          className="text-center font-semibold text-indigo-800"
        >
          {STRIDE_CATEGORY_CODES[threat.category]}
        </span>
        <span className="flex min-w-0 items-center gap-1.5">
          <button
            type="button"
            id={titleId}
            title={`${threat.title}: open the details`}
            onClick={onOpenDetails}
            className={cx(
              "min-w-0 truncate rounded text-left font-medium text-slate-900 hover:underline",
              FOCUS_RING,
            )}
          >
            {threat.title}
          </button>
          {threat.needsReview ? (
            <span className="shrink-0 text-amber-700" title="Needs review">
              ● review
            </span>
          ) : null}
          <DiscussionBadge
            kind="threat"
            id={threat.id}
            name={threat.title}
            className="shrink-0 py-px"
          />
        </span>
        <span className="min-w-0 truncate">{targetCell}</span>
        <span className="truncate" title={risk ? `DREAD ${formatDreadScore(risk)}` : undefined}>
          {[
            threat.severity ? THREAT_SEVERITY_LABELS[threat.severity] : null,
            risk?.band ? DREAD_BAND_LABELS[risk.band] : null,
          ]
            .filter((part) => part !== null)
            .join(" · ") || <span className="text-slate-400">Not rated</span>}
        </span>
        <span className="truncate">{STRIDE_CATEGORY_LABELS[threat.category]}</span>
        <span className="truncate">{THREAT_STATUS_LABELS[threat.status]}</span>
      </li>
    );
  }

  return (
    <li
      {...rowProps}
      className={cx(
        "flex flex-col gap-2 px-5 py-1.5 lg:gap-x-3 lg:gap-y-0",
        ROW_GRID,
        isSelected && "bg-indigo-50/60",
        ROW_FOCUS_CLASSES,
      )}
    >
      {checkbox}
      <span
        aria-hidden="true"
        title={STRIDE_CATEGORY_LABELS[threat.category]}
        className="hidden size-7 items-center justify-center rounded-md bg-indigo-50 text-sm font-semibold text-indigo-800 ring-1 ring-indigo-200 lg:flex"
      >
        {STRIDE_CATEGORY_CODES[threat.category]}
      </span>
      <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 lg:flex-nowrap">
        <InlineEdit
          value={threat.title}
          inputLabel="Threat title"
          editLabel={`Edit title of ${threat.title}`}
          isDisabled={isReadOnly}
          maxLength={LIMITS.threatTitleLength}
          onSave={(title) => onUpdate({ title })}
          className="min-w-0 flex-initial"
          renderValue={(title) => (
            <p
              id={titleId}
              title={title}
              className="text-sm font-medium break-words text-slate-900 lg:truncate"
            >
              {title}
            </p>
          )}
        />
        <span className="flex shrink-0 flex-wrap items-center gap-1.5 text-xs">
          <ThreatBadges threat={threat} scale={scale} />
          <DiscussionBadge kind="threat" id={threat.id} name={threat.title} />
          {noteCounts ? <NoteCountsBadge counts={noteCounts} /> : null}
        </span>
      </div>
      <span className="min-w-0 truncate text-xs text-slate-600">
        <span className="lg:hidden">On </span>
        {targetCell}
      </span>
      <Select
        label="Category"
        isLabelHidden
        size="sm"
        aria-label={`Category of ${threat.title}`}
        options={CATEGORY_OPTIONS}
        value={threat.category}
        disabled={isReadOnly}
        onValueChange={(category) => handleSelectChange({ category })}
      />
      <Select
        label="Status"
        isLabelHidden
        size="sm"
        aria-label={`Status of ${threat.title}`}
        options={STATUS_OPTIONS}
        value={threat.status}
        disabled={isReadOnly}
        onValueChange={(status) => handleSelectChange({ status })}
      />
      <div className="flex items-center gap-1">
        <Button
          variant="secondary"
          size="sm"
          aria-label={`Details of ${threat.title}`}
          title={`Recorded ${formatDateTime(threat.createdAt)}`}
          onClick={onOpenDetails}
        >
          Details
        </Button>
        {isReadOnly ? null : (
          <Button
            variant="ghost"
            size="icon"
            aria-label={`Delete threat ${threat.title}`}
            title="Delete threat"
            className="text-red-700 hover:bg-red-50"
            onClick={onDelete}
            icon={<TrashIcon />}
          />
        )}
      </div>
    </li>
  );
}

/** "1 decision · 2 actions": what the meeting notes say about the threat. */
function NoteCountsBadge({ counts }: { counts: { decisions: number; actions: number } }) {
  const parts = [
    counts.decisions > 0
      ? `${counts.decisions} decision${counts.decisions === 1 ? "" : "s"}`
      : null,
    counts.actions > 0 ? `${counts.actions} action${counts.actions === 1 ? "" : "s"}` : null,
  ].filter((part): part is string => part !== null);
  return (
    <span
      className="rounded bg-emerald-50 px-1.5 py-0.5 text-emerald-800"
      title="Decisions and action items in the meeting notes"
    >
      {parts.join(" · ")}
    </span>
  );
}
