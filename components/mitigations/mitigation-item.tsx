"use client";

import { useId, useState } from "react";
import { LIMITS } from "@/lib/limits";
import {
  CONTROL_FUNCTION_LABELS,
  CONTROL_TYPE_LABELS,
  MITIGATION_STATUS_LABELS,
  type Mitigation,
  type MitigationPatch,
} from "@/lib/model/mitigations";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { TrashIcon } from "@/components/ui/icons";
import { InlineEdit } from "@/components/ui/inline-edit";
import { useToast } from "@/components/ui/toast";
import { LinkedThreats } from "./linked-threats";
import { MitigationDetails } from "./mitigation-details";
import { MITIGATION_STATUS_TONES } from "./mitigation-options";
import type { LinkedThreat } from "./threat-links";
import type { ModelMembersState } from "@/components/members/use-model-members";

export interface MitigationItemProps {
  mitigation: Mitigation;
  linkedThreats: readonly LinkedThreat[];
  members: ModelMembersState;
  isReadOnly: boolean;
  /** Applies a change to the shared document; throws an Error with a readable message. */
  onUpdate: (patch: MitigationPatch) => void;
  onUnlink: (threatId: string) => void;
  onOpenLinks: () => void;
  onDelete: () => void;
}

/**
 * One mitigation: title edited in place, type, function and status at a glance, the linked
 * threats, and its details (description, owner, ratings, …) behind a disclosure button.
 */
export function MitigationItem({
  mitigation,
  linkedThreats,
  members,
  isReadOnly,
  onUpdate,
  onUnlink,
  onOpenLinks,
  onDelete,
}: MitigationItemProps) {
  const titleId = useId();
  const detailsId = useId();
  const { notify } = useToast();
  const [isExpanded, setIsExpanded] = useState(false);
  const { title } = mitigation;

  function reportFailure(write: () => void) {
    try {
      write();
    } catch (caught) {
      notify({
        tone: "danger",
        message: caught instanceof Error ? caught.message : "The change could not be saved.",
      });
    }
  }

  return (
    <li aria-labelledby={titleId} className="px-5 py-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="min-w-0 flex-1">
          <InlineEdit
            value={title}
            inputLabel="Mitigation title"
            editLabel={`Edit title of ${title}`}
            isDisabled={isReadOnly}
            maxLength={LIMITS.mitigationTitleLength}
            onSave={(nextTitle) => onUpdate({ title: nextTitle })}
            renderValue={(value) => (
              <p id={titleId} className="text-sm font-medium break-words text-slate-900">
                {value}
              </p>
            )}
          />
          <div className="mt-1.5 flex flex-wrap items-center gap-1.5">
            <Badge tone="accent">
              <span className="sr-only">Control type: </span>
              {CONTROL_TYPE_LABELS[mitigation.controlType]}
            </Badge>
            <Badge tone="accent">
              <span className="sr-only">Control function: </span>
              {CONTROL_FUNCTION_LABELS[mitigation.controlFunction]}
            </Badge>
            <Badge tone={MITIGATION_STATUS_TONES[mitigation.status]}>
              <span className="sr-only">Status: </span>
              {MITIGATION_STATUS_LABELS[mitigation.status]}
            </Badge>
            {mitigation.owner ? (
              <span className="text-xs text-slate-600">Owner: {mitigation.owner}</span>
            ) : null}
          </div>
        </div>
        <div className="flex shrink-0 items-center gap-2">
          <Button
            variant="secondary"
            size="sm"
            aria-expanded={isExpanded}
            aria-controls={isExpanded ? detailsId : undefined}
            aria-label={`Details of ${title}`}
            onClick={() => setIsExpanded((current) => !current)}
            icon={<DisclosureIcon isOpen={isExpanded} />}
          >
            Details
          </Button>
          {isReadOnly ? null : (
            <>
              <Button
                variant="secondary"
                size="sm"
                aria-label={`Link threats to ${title}`}
                onClick={onOpenLinks}
              >
                Link threats
              </Button>
              <Button
                variant="ghost"
                size="icon"
                aria-label={`Delete mitigation ${title}`}
                title="Delete mitigation"
                className="text-red-700 hover:bg-red-50"
                onClick={onDelete}
                icon={<TrashIcon />}
              />
            </>
          )}
        </div>
      </div>
      <div className="mt-3">
        <LinkedThreats
          mitigationTitle={title}
          threats={linkedThreats}
          isReadOnly={isReadOnly}
          onUnlink={(threatId) => reportFailure(() => onUnlink(threatId))}
        />
      </div>
      {isExpanded ? (
        <MitigationDetails
          id={detailsId}
          mitigation={mitigation}
          members={members}
          isReadOnly={isReadOnly}
          onChange={(patch) => reportFailure(() => onUpdate(patch))}
          onSaveText={onUpdate}
        />
      ) : null}
    </li>
  );
}

/** A chevron pointing right when closed and down when open (decorative). */
function DisclosureIcon({ isOpen }: { isOpen: boolean }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={cx("size-4 transition-transform", isOpen && "rotate-90")}
    >
      <path d="m9 6 6 6-6 6" />
    </svg>
  );
}
