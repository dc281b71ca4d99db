"use client";

import { useEffect, useState, type RefObject } from "react";
import type { Threat, ThreatPatch, ThreatResponse } from "@/lib/model/threats";
import type { Member } from "@/components/api/schemas";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format-date";
import { Select, type SelectOption } from "@/components/ui/select";
import { NONE, RESPONSE_DESCRIPTIONS, RESPONSE_OPTIONS, type NoneValue } from "./threat-options";
import { useModelMembers } from "@/components/members/use-model-members";

export interface ResponseFieldProps {
  threat: Threat;
  isReadOnly: boolean;
  /** The signed-in user: the approver offered first. */
  currentUserId: string;
  /** Where the approvers come from; null offers only the current user. */
  modelId: string | null;
  /** Writes the change; throws an Error with a readable message when it is refused. */
  onUpdate: (patch: ThreatPatch) => void;
  /**
   * Set to a function that records an acceptance chosen but not recorded yet (with the
   * approver picked), for the dialog's Done: the choice is never dropped on close. It returns
   * false when recording failed (the error shows here).
   */
  commitPendingRef?: RefObject<(() => boolean) | null>;
}

/**
 * How the team resolves the threat. Reduce, Transfer and Avoid are saved at once; Accept first
 * asks who approved it (a member of the model, the current user by default).
 */
export function ResponseField({
  threat,
  isReadOnly,
  currentUserId,
  modelId,
  onUpdate,
  commitPendingRef,
}: ResponseFieldProps) {
  const [isAccepting, setIsAccepting] = useState(false);
  const [approverId, setApproverId] = useState(currentUserId);
  const [error, setError] = useState<string | null>(null);
  /** Concurrent edits can merge into "accept" without an approver: ask for one again. */
  const isMissingApprover = threat.response === "accept" && threat.acceptedBy === null;
  const isAccepted = threat.response === "accept" && !isMissingApprover;
  const isFormShown = !isReadOnly && !isAccepted && (isAccepting || isMissingApprover);
  const shown: ThreatResponse | NoneValue = isAccepting ? "accept" : (threat.response ?? NONE);

  function save(patch: ThreatPatch): boolean {
    try {
      onUpdate(patch);
      setError(null);
      return true;
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "The response could not be saved.");
      return false;
    }
  }

  useEffect(() => {
    if (!commitPendingRef) return;
    commitPendingRef.current = () => {
      if (!isFormShown) return true;
      const isSaved = save({ response: "accept", acceptedBy: approverId });
      if (isSaved) setIsAccepting(false);
      return isSaved;
    };
    return () => {
      commitPendingRef.current = null;
    };
  });

  function handleResponseChange(value: ThreatResponse | NoneValue) {
    if (value === "accept") {
      if (!isAccepted) setIsAccepting(true);
      return;
    }
    setIsAccepting(false);
    save({ response: value === NONE ? null : value });
  }

  return (
    <div className="space-y-2">
      <Select
        label="Response"
        options={RESPONSE_OPTIONS}
        value={shown}
        disabled={isReadOnly}
        onValueChange={handleResponseChange}
      />
      {shown === NONE ? null : (
        <p className="text-xs text-slate-500">{RESPONSE_DESCRIPTIONS[shown]}</p>
      )}
      {isMissingApprover ? (
        <Alert tone="warning" title="Accepted without an approver">
          Edits made at the same time left this acceptance without an approver.
          {isReadOnly ? "" : " Record who approved it."}
        </Alert>
      ) : null}
      {isFormShown ? (
        <AcceptanceForm
          currentUserId={currentUserId}
          modelId={modelId}
          approverId={approverId}
          onApproverChange={setApproverId}
          onAccept={() => {
            if (save({ response: "accept", acceptedBy: approverId })) setIsAccepting(false);
          }}
          onCancel={() => setIsAccepting(false)}
        />
      ) : null}
      {isAccepted ? (
        <AcceptedSummary
          threat={threat}
          isReadOnly={isReadOnly}
          currentUserId={currentUserId}
          modelId={modelId}
          onChangeApprover={(approverId) => save({ acceptedBy: approverId })}
        />
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The members as approver choices, the current user first; "(you)" marks them. */
function toApproverOptions(
  members: readonly Member[],
  currentUserId: string,
  alsoInclude: string | null,
): SelectOption[] {
  const options = members
    .map((member) => ({
      value: member.userId,
      label: `${member.name || member.email}${member.userId === currentUserId ? " (you)" : ""}`,
    }))
    .sort((a, b) => Number(b.value === currentUserId) - Number(a.value === currentUserId));
  if (!options.some((option) => option.value === currentUserId)) {
    options.unshift({ value: currentUserId, label: "You" });
  }
  if (alsoInclude !== null && !options.some((option) => option.value === alsoInclude)) {
    options.push({ value: alsoInclude, label: "A former member" });
  }
  return options;
}

function useApproverOptions(modelId: string | null, currentUserId: string, current: string | null) {
  const members = useModelMembers(modelId);
  const options = toApproverOptions(
    members.status === "ready" ? members.items : [],
    currentUserId,
    current,
  );
  return { members, options };
}

function AcceptanceForm({
  currentUserId,
  modelId,
  approverId,
  onApproverChange,
  onAccept,
  onCancel,
}: {
  currentUserId: string;
  modelId: string | null;
  approverId: string;
  onApproverChange: (approverId: string) => void;
  onAccept: () => void;
  onCancel: () => void;
}) {
  const { members, options } = useApproverOptions(modelId, currentUserId, null);
  return (
    <div className="space-y-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
      <p className="text-sm text-slate-700">
        Accepting a risk needs the approval of someone authorized to decide on it. Who approved?
        Closing the details records it with the approver picked here.
      </p>
      <Select
        label="Approved by"
        options={options}
        value={approverId}
        onValueChange={onApproverChange}
      />
      {members.status === "error" ? (
        <Alert tone="warning">The members could not be loaded: {members.message}</Alert>
      ) : null}
      <div className="flex gap-2">
        <Button size="sm" onClick={onAccept}>
          Record acceptance
        </Button>
        <Button size="sm" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

function AcceptedSummary({
  threat,
  isReadOnly,
  currentUserId,
  modelId,
  onChangeApprover,
}: {
  threat: Threat;
  isReadOnly: boolean;
  currentUserId: string;
  modelId: string | null;
  onChangeApprover: (approverId: string) => void;
}) {
  const { options } = useApproverOptions(modelId, currentUserId, threat.acceptedBy);
  if (threat.acceptedBy === null) return null;
  return (
    <div className="space-y-1 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
      <Select
        label="Approved by"
        options={options}
        value={threat.acceptedBy}
        disabled={isReadOnly}
        onValueChange={onChangeApprover}
      />
      {threat.acceptedAt !== null ? (
        <p className="text-xs text-slate-500">
          Accepted{" "}
          <time dateTime={new Date(threat.acceptedAt).toISOString()}>
            {formatDateTime(threat.acceptedAt)}
          </time>
        </p>
      ) : null}
    </div>
  );
}
