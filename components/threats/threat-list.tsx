"use client";

import { useId, useState } from "react";
import type * as Y from "yjs";
import {
  addThreat,
  deleteThreat,
  updateThreat,
  type StrideCategory,
  type Threat,
  type ThreatPatch,
} from "@/lib/model/threats";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ShieldIcon } from "@/components/ui/icons";
import { SkeletonList } from "@/components/ui/skeleton";
import { AddThreatForm } from "./add-threat-form";
import { getModelErrorMessage } from "./model-error-message";
import { ThreatItem } from "./threat-item";
import { useThreats } from "./use-threats";

export interface ThreatListProps {
  /** The shared document; null until the session exists. */
  doc: Y.Doc | null;
  /** False until the document first synced: shows a skeleton, never an empty list. */
  hasSynced: boolean;
  isReadOnly: boolean;
  /** The user id recorded as each new threat's author. */
  authorId: string;
}

/** The threat list bound to the shared document: add, edit in place, change, delete. */
export function ThreatList({ doc, hasSynced, isReadOnly, authorId }: ThreatListProps) {
  const threats = useThreats(doc);
  const headingId = useId();
  const [threatToDelete, setThreatToDelete] = useState<Threat | null>(null);
  const isLoading = !doc || !hasSynced;

  function handleAdd(input: { title: string; category: StrideCategory }) {
    if (!doc) return;
    try {
      addThreat(doc, input, authorId);
    } catch (caught) {
      throw new Error(getModelErrorMessage(caught, "The threat could not be added."), {
        cause: caught,
      });
    }
  }

  function handleUpdate(threatId: string, patch: ThreatPatch) {
    if (!doc) return;
    try {
      updateThreat(doc, threatId, patch);
    } catch (caught) {
      throw new Error(getModelErrorMessage(caught, "The change could not be saved."), {
        cause: caught,
      });
    }
  }

  function handleConfirmDelete(threatId: string) {
    if (!doc) return;
    try {
      deleteThreat(doc, threatId);
    } catch (caught) {
      throw new Error(getModelErrorMessage(caught, "The threat could not be deleted."), {
        cause: caught,
      });
    }
  }

  const countLabel = isLoading
    ? undefined
    : threats.length === 1
      ? "1 threat"
      : `${threats.length} threats`;

  return (
    <Card aria-labelledby={headingId}>
      <CardHeader title="Threats" description={countLabel} headingId={headingId} />
      {isLoading ? (
        <div className="p-5">
          <SkeletonList label="Loading threats" />
        </div>
      ) : (
        <>
          {isReadOnly ? null : <AddThreatForm onAdd={handleAdd} />}
          {threats.length === 0 ? (
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
          ) : (
            <ul aria-label="Threats" className="divide-y divide-slate-200">
              {threats.map((threat) => (
                <ThreatItem
                  key={threat.id}
                  threat={threat}
                  isReadOnly={isReadOnly}
                  onUpdate={(patch) => handleUpdate(threat.id, patch)}
                  onDelete={() => setThreatToDelete(threat)}
                />
              ))}
            </ul>
          )}
        </>
      )}
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
