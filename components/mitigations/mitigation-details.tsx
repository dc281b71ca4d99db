"use client";

import { TargetThreads } from "@/components/review/target-threads";
import type { Mitigation, MitigationPatch } from "@/lib/model/mitigations";
import { Select } from "@/components/ui/select";
import { formatDateTime } from "@/components/ui/format-date";
import { DescriptionField } from "./description-field";
import {
  CONTROL_FUNCTION_OPTIONS,
  CONTROL_TYPE_OPTIONS,
  fromRatingChoice,
  MITIGATION_STATUS_OPTIONS,
  RATING_OPTIONS,
  toRatingChoice,
} from "./mitigation-options";
import type { ModelMembersState } from "@/components/members/use-model-members";
import { buildOwnerOptions } from "./owner-options";

export interface MitigationDetailsProps {
  id: string;
  mitigation: Mitigation;
  members: ModelMembersState;
  isReadOnly: boolean;
  /** Applies a change; a thrown Error is reported by the caller. */
  onChange: (patch: MitigationPatch) => void;
  /** Applies a change from a text field, which shows a thrown Error itself. */
  onSaveText: (patch: MitigationPatch) => void;
}

/** The editable fields of one mitigation beyond its title, shown when its details are open. */
export function MitigationDetails({
  id,
  mitigation,
  members,
  isReadOnly,
  onChange,
  onSaveText,
}: MitigationDetailsProps) {
  const { title } = mitigation;
  const ownerOptions = buildOwnerOptions(
    members.status === "ready" ? members.items : null,
    mitigation.owner,
  );
  const ownerHint =
    members.status === "loading"
      ? "Loading the members…"
      : members.status === "error"
        ? `The members could not be loaded: ${members.message}`
        : null;

  return (
    <div id={id} className="mt-4 space-y-4 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
      <DescriptionField
        label="Description"
        ariaLabel={`Description of ${title}`}
        value={mitigation.description}
        isDisabled={isReadOnly}
        onSave={(description) => onSaveText({ description })}
      />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Select
          label="Control type"
          aria-label={`Control type of ${title}`}
          options={CONTROL_TYPE_OPTIONS}
          value={mitigation.controlType}
          disabled={isReadOnly}
          onValueChange={(controlType) => onChange({ controlType })}
        />
        <Select
          label="Control function"
          aria-label={`Control function of ${title}`}
          options={CONTROL_FUNCTION_OPTIONS}
          value={mitigation.controlFunction}
          disabled={isReadOnly}
          onValueChange={(controlFunction) => onChange({ controlFunction })}
        />
        <Select
          label="Status"
          aria-label={`Status of ${title}`}
          options={MITIGATION_STATUS_OPTIONS}
          value={mitigation.status}
          disabled={isReadOnly}
          onValueChange={(status) => onChange({ status })}
        />
        <div className="flex flex-col gap-1">
          <Select
            label="Owner"
            aria-label={`Owner of ${title}`}
            options={ownerOptions}
            value={mitigation.owner}
            disabled={isReadOnly}
            onValueChange={(owner) => onChange({ owner })}
          />
          {ownerHint && !isReadOnly ? <p className="text-xs text-slate-500">{ownerHint}</p> : null}
        </div>
        <Select
          label="Cost"
          aria-label={`Cost of ${title}`}
          options={RATING_OPTIONS}
          value={toRatingChoice(mitigation.cost)}
          disabled={isReadOnly}
          onValueChange={(choice) => onChange({ cost: fromRatingChoice(choice) })}
        />
        <Select
          label="Effectiveness"
          aria-label={`Effectiveness of ${title}`}
          options={RATING_OPTIONS}
          value={toRatingChoice(mitigation.effectiveness)}
          disabled={isReadOnly}
          onValueChange={(choice) => onChange({ effectiveness: fromRatingChoice(choice) })}
        />
      </div>
      <p className="text-xs text-slate-500">
        Recorded{" "}
        <time dateTime={new Date(mitigation.createdAt).toISOString()}>
          {formatDateTime(mitigation.createdAt)}
        </time>
        {mitigation.updatedAt > mitigation.createdAt ? (
          <>
            , last changed{" "}
            <time dateTime={new Date(mitigation.updatedAt).toISOString()}>
              {formatDateTime(mitigation.updatedAt)}
            </time>
          </>
        ) : null}
      </p>
      <TargetThreads target={{ kind: "mitigation", id: mitigation.id }} name={title} />
    </div>
  );
}
