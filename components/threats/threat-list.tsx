"use client";

import { useId, useMemo, useState } from "react";
import type * as Y from "yjs";
import { MODEL_DREAD_SCALE_LABELS, type ModelDreadScale } from "@/lib/model/meta";
import {
  addThreat,
  changeDreadScale,
  countRatedThreats,
  deleteThreat,
  deleteThreatsWithUndo,
  updateThreat,
  updateThreats,
  type StrideCategory,
  type Threat,
  type ThreatPatch,
  type ThreatSeverity,
  type ThreatStatus,
} from "@/lib/model/threats";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ShieldIcon } from "@/components/ui/icons";
import { Select } from "@/components/ui/select";
import { SkeletonList } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { useNoteItemCounts } from "@/components/notes/use-note-item-counts";
import { AddThreatForm } from "./add-threat-form";
import { BulkEditBar } from "./bulk-edit-bar";
import { GenerateThreatsButton } from "./generate-threats-button";
import { getModelErrorMessage } from "./model-error-message";
import { ThreatBoard } from "./threat-board";
import { ThreatDetailsDialog } from "./threat-details-dialog";
import { ThreatListView } from "./threat-list-view";
import {
  DREAD_SCALE_OPTIONS,
  RESPONSE_OPTIONS,
  SEVERITY_OPTIONS,
  STATUS_OPTIONS,
} from "./threat-options";
import {
  DEFAULT_THREAT_QUERY,
  clearFilters,
  hasActiveFilters,
  queryThreats,
  type ThreatQuery,
} from "@/lib/model/threat-query";
import { THREAT_VIEWS, ThreatToolbar, type ThreatView } from "./threat-toolbar";
import { useStoredChoice } from "@/components/ui/use-stored-choice";
import type { ThreatTarget } from "@/lib/model/threat-targets";
import { useDreadScale } from "./use-dread-scale";
import { useThreatTargets } from "./use-threat-targets";
import { useThreats } from "./use-threats";
import { useMitigationRecords } from "@/components/mitigations/use-document-records";

export interface ThreatListProps {
  /** The shared document; null until the session exists. */
  doc: Y.Doc | null;
  /** False until the document first synced: shows a skeleton, never an empty list. */
  hasSynced: boolean;
  /** Viewers, commenters and closed sessions: everything is shown, nothing can be changed. */
  isReadOnly: boolean;
  /** The signed-in user: recorded as each new threat's author, offered first as approver. */
  authorId: string;
  /** The model, for its member list (approvers). */
  modelId: string;
  /** Shows only the threats of this element or flow at first (e.g. from the diagram). */
  initialTargetId?: string | null;
  /** Opens this threat's details at first (e.g. from a mention in the notes). */
  initialOpenThreatId?: string | null;
  /** Why responses cannot be chosen now (a session's Find phase); null when they can. */
  responseLockReason?: string | null;
  /** Opens the diagram with this element or flow selected; no link without it. */
  onShowOnDiagram?: (target: ThreatTarget) => void;
  /** Opens the Mitigations tab (from a threat's details). */
  onOpenMitigations?: () => void;
  /**
   * Owners and facilitators change the DREAD scale (it changes what every rating reads as);
   * false for everyone else.
   */
  canChangeScale?: boolean;
}

function countLabel(total: number, shown: number, isFiltered: boolean): string {
  const threats = (count: number) => (count === 1 ? "1 threat" : `${count} threats`);
  return isFiltered ? `${shown} of ${threats(total)} shown` : threats(total);
}

function labelOf<V extends string>(options: readonly { value: V; label: string }[], value: V) {
  return options.find((option) => option.value === value)?.label ?? value;
}

/**
 * The threats of the shared document: add, find (search, filters, order, grouping), edit in
 * place or in the details dialog, change several at once, and a board by status.
 */
export function ThreatList({
  doc,
  hasSynced,
  isReadOnly,
  authorId,
  modelId,
  initialTargetId = null,
  initialOpenThreatId = null,
  responseLockReason = null,
  onShowOnDiagram,
  onOpenMitigations,
  canChangeScale = false,
}: ThreatListProps) {
  const threats = useThreats(doc);
  const mitigations = useMitigationRecords(doc);
  const noteCounts = useNoteItemCounts(doc);
  const targets = useThreatTargets(doc);
  const scale = useDreadScale(doc);
  const { notify } = useToast();
  const headingId = useId();
  const [query, setQuery] = useState<ThreatQuery>(() =>
    initialTargetId === null
      ? DEFAULT_THREAT_QUERY
      : { ...DEFAULT_THREAT_QUERY, target: initialTargetId },
  );
  const [view, setView] = useStoredChoice<ThreatView>(
    "threat-room.threat-view",
    THREAT_VIEWS,
    "list",
  );
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  const [detailsId, setDetailsId] = useState<string | null>(initialOpenThreatId);
  const [threatToDelete, setThreatToDelete] = useState<Threat | null>(null);
  const [isBulkDeleteOpen, setIsBulkDeleteOpen] = useState(false);
  const isLoading = !doc || !hasSynced;
  const isFiltered = hasActiveFilters(query);

  const { visible, groups } = useMemo(
    () => queryThreats(threats, query, scale, targets),
    [threats, query, scale, targets],
  );
  // Only what is shown can be bulk-edited: a hidden selection would change unseen threats.
  const selectedVisibleIds = visible
    .filter((threat) => selectedIds.has(threat.id))
    .map((threat) => threat.id);
  const detailsThreat =
    detailsId === null ? null : (threats.find((threat) => threat.id === detailsId) ?? null);

  /** Runs a change to the document; a refused change throws an Error with a readable message. */
  function write<T>(change: (doc: Y.Doc) => T, fallback: string): T | undefined {
    if (!doc) return undefined;
    try {
      return change(doc);
    } catch (caught) {
      throw new Error(getModelErrorMessage(caught, fallback), { cause: caught });
    }
  }

  function handleAdd(input: { title: string; category: StrideCategory; targetId: string | null }) {
    write((current) => addThreat(current, input, authorId), "The threat could not be added.");
  }

  function handleUpdate(threatId: string, patch: ThreatPatch) {
    write((current) => updateThreat(current, threatId, patch), "The change could not be saved.");
  }

  function handleConfirmDelete(threatId: string) {
    write((current) => deleteThreat(current, threatId), "The threat could not be deleted.");
  }

  /** Deletes the selected threats as one step, with an Undo on the notice. */
  function handleBulkDelete() {
    const ids = selectedVisibleIds;
    const deleted = write(
      (current) => deleteThreatsWithUndo(current, ids),
      "The threats could not be deleted.",
    );
    if (!deleted) return;
    setSelectedIds(new Set());
    notify({
      tone: "success",
      message: `Deleted ${deleted.count === 1 ? "1 threat" : `${deleted.count} threats`}.`,
      action: { label: "Undo", onClick: deleted.undo },
    });
  }

  function handleBulkUpdate(patch: ThreatPatch, description: string) {
    const ids = selectedVisibleIds;
    try {
      write((current) => updateThreats(current, ids, patch), "The threats could not be changed.");
      notify({
        tone: "success",
        message: `${description} for ${ids.length === 1 ? "1 threat" : `${ids.length} threats`}.`,
      });
    } catch (caught) {
      notify({
        tone: "danger",
        message: caught instanceof Error ? caught.message : String(caught),
      });
    }
  }

  const [scaleToConfirm, setScaleToConfirm] = useState<ModelDreadScale | null>(null);

  function handleScaleChange(next: ModelDreadScale) {
    if (next !== scale) setScaleToConfirm(next);
  }

  function handleConfirmScale(next: ModelDreadScale) {
    let converted = 0;
    write((current) => {
      converted = changeDreadScale(current, next);
    }, "The DREAD scale could not be changed.");
    notify({
      tone: "success",
      message: `The DREAD scale is now ${MODEL_DREAD_SCALE_LABELS[next]}; ${converted === 1 ? "1 rating was" : `${converted} ratings were`} converted.`,
    });
  }

  function handleSelectedChange(threatId: string, isSelected: boolean) {
    setSelectedIds((current) => {
      const next = new Set(current);
      if (isSelected) next.add(threatId);
      else next.delete(threatId);
      return next;
    });
  }

  function handleSelectAll(isSelected: boolean) {
    setSelectedIds(isSelected ? new Set(visible.map((threat) => threat.id)) : new Set());
  }

  function renderThreats() {
    if (threats.length === 0) {
      return (
        <div className="p-5">
          <EmptyState
            headingLevel={3}
            icon={<ShieldIcon className="size-5" />}
            title="No threats recorded yet"
            description={
              isReadOnly
                ? "Threats appear here as soon as someone records one."
                : "Walk through each element and STRIDE category, and record every threat you find."
            }
            className="border-none"
          />
        </div>
      );
    }
    return (
      <>
        <ThreatToolbar
          query={query}
          onQueryChange={setQuery}
          view={view}
          onViewChange={setView}
          targets={targets}
        />
        {visible.length === 0 ? (
          <div className="p-5">
            <EmptyState
              headingLevel={3}
              title="No threats match the filters"
              description="Change the search or the filters, or clear them to see every threat."
              action={
                <Button variant="secondary" onClick={() => setQuery(clearFilters(query))}>
                  Clear filters
                </Button>
              }
              className="border-none"
            />
          </div>
        ) : view === "board" ? (
          <ThreatBoard
            threats={visible}
            scale={scale}
            isReadOnly={isReadOnly}
            onOpenDetails={setDetailsId}
            onMove={(threatId, status) => handleUpdate(threatId, { status })}
          />
        ) : (
          <>
            {isReadOnly ? null : (
              <BulkEditBar
                shownCount={visible.length}
                selectedCount={selectedVisibleIds.length}
                onSelectAll={handleSelectAll}
                onSetStatus={(status: ThreatStatus) =>
                  handleBulkUpdate({ status }, `Status set to ${labelOf(STATUS_OPTIONS, status)}`)
                }
                onSetSeverity={(severity: ThreatSeverity | null) =>
                  handleBulkUpdate(
                    { severity },
                    `Severity set to ${labelOf(SEVERITY_OPTIONS, severity ?? "none")}`,
                  )
                }
                onSetResponse={
                  responseLockReason
                    ? undefined
                    : (response) =>
                        handleBulkUpdate(
                          { response },
                          `Response set to ${labelOf(RESPONSE_OPTIONS, response ?? "none")}`,
                        )
                }
                onMarkReviewed={() => handleBulkUpdate({ needsReview: false }, "Marked reviewed")}
                onDelete={() => setIsBulkDeleteOpen(true)}
              />
            )}
            <ThreatListView
              groups={groups}
              isGrouped={query.groupBy !== "none"}
              scale={scale}
              isReadOnly={isReadOnly}
              selectedIds={selectedIds}
              onSelectedChange={handleSelectedChange}
              onOpenDetails={setDetailsId}
              onUpdate={handleUpdate}
              onDelete={setThreatToDelete}
              targets={targets}
              onShowOnDiagram={onShowOnDiagram}
              noteCounts={noteCounts}
              density={view === "compact" ? "compact" : "comfortable"}
            />
          </>
        )}
      </>
    );
  }

  return (
    <Card aria-labelledby={headingId}>
      <CardHeader
        title="Threats"
        description={isLoading ? undefined : countLabel(threats.length, visible.length, isFiltered)}
        headingId={headingId}
        actions={
          isLoading ? null : (
            <div className="flex flex-wrap items-end gap-3">
              {isReadOnly ? null : <GenerateThreatsButton doc={doc} authorId={authorId} />}
              <Select
                label="DREAD scale"
                className="w-60"
                options={DREAD_SCALE_OPTIONS}
                value={scale}
                disabled={isReadOnly || !canChangeScale}
                title={
                  canChangeScale ? undefined : "Only owners and facilitators change the DREAD scale"
                }
                onValueChange={handleScaleChange}
              />
            </div>
          )
        }
      />
      {isLoading ? (
        <div className="p-5">
          <SkeletonList label="Loading threats" />
        </div>
      ) : (
        <>
          {isReadOnly ? null : (
            <AddThreatForm
              onAdd={handleAdd}
              targets={targets}
              defaultTargetId={query.target === "all" ? null : query.target}
            />
          )}
          {renderThreats()}
        </>
      )}
      {detailsId !== null ? (
        <ThreatDetailsDialog
          threat={detailsThreat}
          scale={scale}
          isReadOnly={isReadOnly}
          currentUserId={authorId}
          modelId={modelId}
          targets={targets}
          mitigations={mitigations.filter((mitigation) => mitigation.threatIds.includes(detailsId))}
          onOpenMitigations={onOpenMitigations}
          responseLockReason={responseLockReason}
          onUpdate={(patch) => handleUpdate(detailsId, patch)}
          onClose={() => setDetailsId(null)}
        />
      ) : null}
      {scaleToConfirm && doc ? (
        <ConfirmDialog
          title={`Change the DREAD scale to ${MODEL_DREAD_SCALE_LABELS[scaleToConfirm]}?`}
          description={
            <>
              <p>
                {countRatedThreats(doc) === 1
                  ? "1 rated threat"
                  : `${countRatedThreats(doc)} rated threats`}{" "}
                will be converted, so that each rating keeps its meaning and its risk label.
              </p>
              <p className="mt-2 text-sm text-slate-600">
                {scaleToConfirm === "0-10"
                  ? "Each factor becomes (v − 1) × 5: 1, 2 and 3 become 0, 5 and 10. High risk is 7-10 on the new scale, as it was 12-15."
                  : "Each factor becomes 1 + round(v ÷ 5): 0-2 become 1, 3-7 become 2, 8-10 become 3. High risk is 12-15 on the new scale, as it was 7-10."}
              </p>
            </>
          }
          confirmLabel="Change the scale"
          onConfirm={() => handleConfirmScale(scaleToConfirm)}
          onClose={() => setScaleToConfirm(null)}
        />
      ) : null}
      {isBulkDeleteOpen ? (
        <ConfirmDialog
          title={`Delete ${selectedVisibleIds.length === 1 ? "1 threat" : `${selectedVisibleIds.length} threats`}?`}
          description="They are removed for everyone, with their links to mitigations. You can undo it from the notice that follows."
          confirmLabel="Delete"
          isDanger
          onConfirm={handleBulkDelete}
          onClose={() => setIsBulkDeleteOpen(false)}
        />
      ) : null}
      {threatToDelete ? (
        <ConfirmDialog
          title="Delete threat?"
          description={
            <p>
              “<strong className="font-semibold text-slate-900">{threatToDelete.title}</strong>”
              will be deleted for everyone in this model.
            </p>
          }
          confirmLabel="Delete threat"
          isDanger
          onConfirm={() => handleConfirmDelete(threatToDelete.id)}
          onClose={() => setThreatToDelete(null)}
        />
      ) : null}
    </Card>
  );
}
