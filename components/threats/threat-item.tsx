"use client";

import { useId, type KeyboardEvent } from "react";
import { LIMITS } from "@/lib/limits";
import type { ModelDreadScale } from "@/lib/model/meta";
import {
  STRIDE_CATEGORY_CODES,
  STRIDE_CATEGORY_LABELS,
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
import { ThreatBadges } from "./threat-badges";
import { CATEGORY_OPTIONS, STATUS_OPTIONS } from "./threat-options";
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
}

/**
 * One threat in the list: title edited in place, its badges, category and status selects,
 * details and delete. The row itself is focusable; Enter on it opens the details.
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
}: ThreatItemProps) {
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

  return (
    <li
      aria-labelledby={titleId}
      tabIndex={tabIndex}
      data-threat-row={threat.id}
      onFocus={onFocusWithin}
      onKeyDown={handleKeyDown}
      className={cx(
        "flex flex-col gap-2 px-5 py-2.5 lg:flex-row lg:items-center lg:gap-3",
        isSelected && "bg-indigo-50/60",
        ROW_FOCUS_CLASSES,
      )}
    >
      <div className="flex min-w-0 flex-1 items-start gap-3">
        {isReadOnly ? null : (
          <input
            type="checkbox"
            aria-label={`Select ${threat.title}`}
            checked={isSelected}
            onChange={(event) => onSelectedChange(event.target.checked)}
            className="mt-1.5 size-4 shrink-0 rounded border-slate-300 accent-indigo-600"
          />
        )}
        <span
          aria-hidden="true"
          title={STRIDE_CATEGORY_LABELS[threat.category]}
          className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-md bg-indigo-50 text-sm font-semibold text-indigo-800 ring-1 ring-indigo-200"
        >
          {STRIDE_CATEGORY_CODES[threat.category]}
        </span>
        <div className="min-w-0 flex-1">
          <InlineEdit
            value={threat.title}
            inputLabel="Threat title"
            editLabel={`Edit title of ${threat.title}`}
            isDisabled={isReadOnly}
            maxLength={LIMITS.threatTitleLength}
            onSave={(title) => onUpdate({ title })}
            renderValue={(title) => (
              <p id={titleId} className="text-sm font-medium break-words text-slate-900">
                {title}
              </p>
            )}
          />
          <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
            <span>
              Recorded{" "}
              <time dateTime={new Date(threat.createdAt).toISOString()}>
                {formatDateTime(threat.createdAt)}
              </time>
            </span>
            <ThreatBadges threat={threat} scale={scale} />
            <DiscussionBadge kind="threat" id={threat.id} name={threat.title} />
            {noteCounts ? <NoteCountsBadge counts={noteCounts} /> : null}
            {target && onShowOnDiagram === undefined ? (
              <span>on {target.name}</span>
            ) : target ? (
              <button
                type="button"
                className={cx(
                  "rounded text-indigo-700 underline-offset-2 hover:underline",
                  FOCUS_RING,
                )}
                aria-label={`Show ${target.name} on the diagram`}
                title="Show on the diagram"
                onClick={() => onShowOnDiagram?.(target)}
              >
                on {target.name}
              </button>
            ) : threat.targetId !== null ? (
              <span className="text-amber-700">target deleted</span>
            ) : null}
          </div>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3 lg:flex-nowrap">
        <Select
          label="Category"
          isLabelHidden
          aria-label={`Category of ${threat.title}`}
          className="w-60"
          options={CATEGORY_OPTIONS}
          value={threat.category}
          disabled={isReadOnly}
          onValueChange={(category) => handleSelectChange({ category })}
        />
        <Select
          label="Status"
          isLabelHidden
          aria-label={`Status of ${threat.title}`}
          className="w-48"
          options={STATUS_OPTIONS}
          value={threat.status}
          disabled={isReadOnly}
          onValueChange={(status) => handleSelectChange({ status })}
        />
        <Button
          variant="secondary"
          size="sm"
          aria-label={`Details of ${threat.title}`}
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
