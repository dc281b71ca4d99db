"use client";

import { useId } from "react";
import { LIMITS } from "@/lib/limits";
import {
  STRIDE_CATEGORY_CODES,
  STRIDE_CATEGORY_LABELS,
  type Threat,
  type ThreatPatch,
} from "@/lib/model/threats";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format-date";
import { TrashIcon } from "@/components/ui/icons";
import { InlineEdit } from "@/components/ui/inline-edit";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { CATEGORY_OPTIONS, STATUS_OPTIONS } from "./threat-options";

export interface ThreatItemProps {
  threat: Threat;
  isReadOnly: boolean;
  /** Applies a change to the shared document; throws when the change is invalid. */
  onUpdate: (patch: ThreatPatch) => void;
  onDelete: () => void;
}

/** One threat: title edited in place, category and status selects, delete. */
export function ThreatItem({ threat, isReadOnly, onUpdate, onDelete }: ThreatItemProps) {
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
  return (
    <li
      aria-labelledby={titleId}
      className="flex flex-col gap-3 px-5 py-4 lg:flex-row lg:items-center"
    >
      <div className="flex min-w-0 flex-1 items-start gap-3">
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
          <p className="mt-0.5 text-xs text-slate-500">
            Recorded{" "}
            <time dateTime={new Date(threat.createdAt).toISOString()}>
              {formatDateTime(threat.createdAt)}
            </time>
          </p>
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-3 lg:flex-nowrap">
        <Select
          label="Category"
          aria-label={`Category of ${threat.title}`}
          className="w-52"
          options={CATEGORY_OPTIONS}
          value={threat.category}
          disabled={isReadOnly}
          onValueChange={(category) => handleSelectChange({ category })}
        />
        <Select
          label="Status"
          aria-label={`Status of ${threat.title}`}
          className="w-48"
          options={STATUS_OPTIONS}
          value={threat.status}
          disabled={isReadOnly}
          onValueChange={(status) => handleSelectChange({ status })}
        />
        {isReadOnly ? null : (
          <Button
            variant="ghost"
            size="icon"
            aria-label={`Delete threat ${threat.title}`}
            title="Delete threat"
            className="mb-0.5 text-red-700 hover:bg-red-50"
            onClick={onDelete}
            icon={<TrashIcon />}
          />
        )}
      </div>
    </li>
  );
}
