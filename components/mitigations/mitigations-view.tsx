"use client";

import { useMemo, useState } from "react";
import type * as Y from "yjs";
import type { RecommendedControl } from "@/lib/risk/controls";
import type { Threat } from "@/lib/model/threats";
import { useToast } from "@/components/ui/toast";
import { buildControlMatrix, type ControlCell } from "./control-matrix";
import { ControlMatrixCard } from "./control-matrix-card";
import { createMitigationActions } from "./mitigation-actions";
import { EMPTY_MITIGATION_FILTER, toggleCellFilter } from "./mitigation-filter";
import { MitigationList } from "./mitigation-list";
import { RecommendedControlsCard } from "./recommended-controls-card";
import { toMitigationInput } from "./recommendations";
import { indexThreats } from "./threat-links";
import { useMitigationRecords, useThreatRecords } from "./use-document-records";
import { useModelMembers } from "@/components/members/use-model-members";

export interface MitigationsViewProps {
  /** The shared document; null until the session exists. */
  doc: Y.Doc | null;
  /** False until the document first synced: shows skeletons, never empty lists. */
  hasSynced: boolean;
  /** True for viewers and commenters, and once the connection was closed for good. */
  isReadOnly: boolean;
  /** The user id recorded as each new mitigation's author. */
  authorId: string;
  /** The model, whose members can own a mitigation. */
  modelId: string;
  /** Changes whenever the member list may have changed, to fetch it again. */
  membersRevision: number;
}

/**
 * The mitigations of the shared document: the list (with add, edit, links and delete), the
 * control type x function matrix that filters it, and the recommended controls.
 */
export function MitigationsView({
  doc,
  hasSynced,
  isReadOnly,
  authorId,
  modelId,
  membersRevision,
}: MitigationsViewProps) {
  const { notify } = useToast();
  const mitigations = useMitigationRecords(doc);
  const threats = useThreatRecords(doc);
  const threatsById = useMemo(() => indexThreats(threats), [threats]);
  const matrix = useMemo(() => buildControlMatrix(mitigations), [mitigations]);
  const members = useModelMembers(isReadOnly ? null : modelId, membersRevision);
  const actions = useMemo(
    () => (doc ? createMitigationActions(doc, authorId) : null),
    [doc, authorId],
  );
  const [filter, setFilter] = useState(EMPTY_MITIGATION_FILTER);
  const isLoading = !doc || !hasSynced;

  function handleSelectCell(cell: ControlCell) {
    setFilter((current) => toggleCellFilter(current, cell));
  }

  function runAndReport(write: () => void, success: string) {
    try {
      write();
      notify({ tone: "success", message: success });
    } catch (caught) {
      notify({
        tone: "danger",
        message: caught instanceof Error ? caught.message : "The change could not be saved.",
      });
    }
  }

  function handleAddRecommended(control: RecommendedControl, threat: Threat | null) {
    if (!actions) return;
    runAndReport(
      () => actions.add(toMitigationInput(control, threat?.id ?? null)),
      threat
        ? `Added “${control.name}” and linked it to “${threat.title}”.`
        : `Added “${control.name}”.`,
    );
  }

  function handleLinkExisting(mitigation: { id: string; title: string }, threat: Threat) {
    if (!actions) return;
    runAndReport(
      () => actions.link(mitigation.id, threat.id),
      `Linked “${mitigation.title}” to “${threat.title}”.`,
    );
  }

  // The matrix comes first: it is the overview, and its cells filter the list right below it.
  return (
    <div className="space-y-4">
      <ControlMatrixCard
        rows={matrix}
        selectedCell={filter.cell}
        onSelectCell={handleSelectCell}
        isLoading={isLoading}
      />
      <div className="grid items-start gap-4 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <MitigationList
          mitigations={mitigations}
          threats={threats}
          threatsById={threatsById}
          filter={filter}
          onFilterChange={setFilter}
          members={members}
          actions={actions}
          isReadOnly={isReadOnly}
          isLoading={isLoading}
        />
        <RecommendedControlsCard
          threats={threats}
          mitigations={mitigations}
          isReadOnly={isReadOnly}
          isLoading={isLoading}
          onAdd={handleAddRecommended}
          onLink={handleLinkExisting}
        />
      </div>
    </div>
  );
}
