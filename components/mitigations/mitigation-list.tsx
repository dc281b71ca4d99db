"use client";

import { useId, useState } from "react";
import type { ControlFunction, ControlType, Mitigation } from "@/lib/model/mitigations";
import type { Threat } from "@/lib/model/threats";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ShieldIcon } from "@/components/ui/icons";
import { Select } from "@/components/ui/select";
import { SkeletonList } from "@/components/ui/skeleton";
import { TextField } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import { AddMitigationForm } from "./add-mitigation-form";
import { LinkThreatsDialog } from "./link-threats-dialog";
import type { MitigationActions } from "./mitigation-actions";
import {
  buildLinkFilterOptions,
  decodeLinkFilter,
  describeFilter,
  EMPTY_MITIGATION_FILTER,
  encodeLinkFilter,
  filterMitigations,
  isFilterActive,
  resolveFilter,
  type MitigationFilter,
} from "./mitigation-filter";
import { MitigationItem } from "./mitigation-item";
import { describeLinkedThreats } from "./threat-links";
import type { ModelMembersState } from "@/components/members/use-model-members";

export interface MitigationListProps {
  mitigations: readonly Mitigation[];
  threats: readonly Threat[];
  threatsById: ReadonlyMap<string, Threat>;
  filter: MitigationFilter;
  onFilterChange: (filter: MitigationFilter) => void;
  members: ModelMembersState;
  /** The document writes; null while there is no document. */
  actions: MitigationActions | null;
  isReadOnly: boolean;
  /** True until the document first synced: shows a skeleton, never an empty list. */
  isLoading: boolean;
}

function countLabel(count: number): string {
  return count === 1 ? "1 mitigation" : `${count} mitigations`;
}

/**
 * The mitigation list: add, search and filter, and for each mitigation edit in place, open
 * its details, link and unlink threats, delete after confirmation.
 */
export function MitigationList({
  mitigations,
  threats,
  threatsById,
  filter,
  onFilterChange,
  members,
  actions,
  isReadOnly,
  isLoading,
}: MitigationListProps) {
  const headingId = useId();
  const { notify } = useToast();
  const [mitigationToDelete, setMitigationToDelete] = useState<Mitigation | null>(null);
  const [linkingId, setLinkingId] = useState<string | null>(null);
  const linking = mitigations.find((mitigation) => mitigation.id === linkingId) ?? null;
  if (linkingId !== null && linking === null && !isLoading) {
    // Someone else deleted the mitigation whose links were being edited.
    setLinkingId(null);
  }

  const resolvedFilter = resolveFilter(filter, threatsById);
  const visible = filterMitigations(mitigations, resolvedFilter, threatsById);
  const isFiltered = isFilterActive(resolvedFilter);
  const filterParts = describeFilter(resolvedFilter, threatsById);

  function handleAdd(input: {
    title: string;
    controlType: ControlType;
    controlFunction: ControlFunction;
  }) {
    if (!actions) return;
    const id = actions.add(input);
    const added = actions.get(id);
    if (added && isFiltered && filterMitigations([added], filter, threatsById).length === 0) {
      notify({
        tone: "info",
        message: `“${added.title}” was added; the current filters hide it.`,
      });
    }
  }

  function handleToggleLink(mitigationId: string, threatId: string, isLinked: boolean) {
    if (!actions) return;
    if (isLinked) actions.link(mitigationId, threatId);
    else actions.unlink(mitigationId, threatId);
  }

  return (
    <Card aria-labelledby={headingId}>
      <CardHeader
        title="Mitigations"
        headingId={headingId}
        description={isLoading ? undefined : countLabel(mitigations.length)}
      />
      {isLoading ? (
        <div className="p-5">
          <SkeletonList label="Loading mitigations" />
        </div>
      ) : (
        <>
          {isReadOnly ? null : (
            <AddMitigationForm onAdd={handleAdd} selectedCell={resolvedFilter.cell} />
          )}
          {mitigations.length === 0 ? (
            <div className="p-5">
              <EmptyState
                headingLevel={3}
                icon={<ShieldIcon className="size-5" />}
                title="No mitigations yet"
                description={
                  isReadOnly
                    ? "Mitigations appear here as soon as someone records one."
                    : "For each threat, choose controls by type and function, or start from the recommended controls."
                }
                className="border-none"
              />
            </div>
          ) : (
            <>
              <div
                role="search"
                aria-label="Filter mitigations"
                className="flex flex-col gap-3 border-b border-slate-200 px-5 py-3 sm:flex-row sm:items-end"
              >
                <TextField
                  type="search"
                  label="Search mitigations"
                  className="flex-1"
                  placeholder="Title, description, owner or linked threat"
                  value={filter.query}
                  onChange={(event) => onFilterChange({ ...filter, query: event.target.value })}
                />
                <Select
                  label="Linked threat"
                  className="sm:w-64"
                  options={buildLinkFilterOptions(threats)}
                  value={encodeLinkFilter(resolvedFilter.link)}
                  onValueChange={(value) =>
                    onFilterChange({ ...filter, link: decodeLinkFilter(value) })
                  }
                />
              </div>
              {isFiltered ? (
                <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-5 py-2">
                  <p role="status" className="text-sm text-slate-700">
                    Showing {visible.length} of {countLabel(mitigations.length)}
                    {filterParts.length > 0 ? `: ${filterParts.join(", ")}` : ""}
                  </p>
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => onFilterChange(EMPTY_MITIGATION_FILTER)}
                  >
                    Clear filters
                  </Button>
                </div>
              ) : null}
              {visible.length === 0 ? (
                <p className="px-5 py-8 text-center text-sm text-slate-600">
                  No mitigation matches these filters.
                </p>
              ) : (
                <ul aria-label="Mitigations" className="divide-y divide-slate-200">
                  {visible.map((mitigation) => (
                    <MitigationItem
                      key={mitigation.id}
                      mitigation={mitigation}
                      linkedThreats={describeLinkedThreats(mitigation.threatIds, threats)}
                      members={members}
                      isReadOnly={isReadOnly}
                      onUpdate={(patch) => actions?.update(mitigation.id, patch)}
                      onUnlink={(threatId) => actions?.unlink(mitigation.id, threatId)}
                      onOpenLinks={() => setLinkingId(mitigation.id)}
                      onDelete={() => setMitigationToDelete(mitigation)}
                    />
                  ))}
                </ul>
              )}
            </>
          )}
        </>
      )}
      {linking && !isReadOnly ? (
        <LinkThreatsDialog
          mitigation={linking}
          threats={threats}
          onToggle={(threatId, isLinked) => handleToggleLink(linking.id, threatId, isLinked)}
          onClose={() => setLinkingId(null)}
        />
      ) : null}
      {mitigationToDelete && !isReadOnly ? (
        <ConfirmDialog
          title="Delete mitigation?"
          description={
            <p>
              “<strong className="font-semibold text-slate-900">{mitigationToDelete.title}</strong>”
              will be deleted for everyone in this model. The threats it is linked to stay.
            </p>
          }
          confirmLabel="Delete mitigation"
          isDanger
          onConfirm={() => actions?.remove(mitigationToDelete.id)}
          onClose={() => setMitigationToDelete(null)}
        />
      ) : null}
    </Card>
  );
}
