"use client";

import Link from "next/link";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { getErrorMessage } from "@/components/api/api-client";
import {
  diffVersions,
  listVersions,
  restoreVersion,
  saveVersion,
} from "@/components/api/endpoints";
import type { DocumentDiffView, Version } from "@/components/api/schemas";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { formatDateTime } from "@/components/ui/format-date";
import { Spinner } from "@/components/ui/spinner";
import { TextField } from "@/components/ui/text-field";
import { DiffView } from "./diff-view";

const KIND_LABELS: Record<string, string> = {
  named: "Saved",
  "before-restore": "Before a restore",
  "sign-off": "Review decision",
  daily: "Daily",
  phase: "Session phase",
  import: "Import",
};

export interface VersionsDialogProps {
  modelId: string;
  canSave: boolean;
  canRestore: boolean;
  onClose: () => void;
  /** Called after a restore, e.g. to tell the user. */
  onRestored: (version: Version) => void;
}

/**
 * The model's versions: save the current state under a name, compare any version with now
 * (field by field), and restore one as a new change everyone receives.
 */
export function VersionsDialog({
  modelId,
  canSave,
  canRestore,
  onClose,
  onRestored,
}: VersionsDialogProps) {
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [label, setLabel] = useState("");
  const [saveError, setSaveError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [compared, setCompared] = useState<{ version: Version; diff: DocumentDiffView } | null>(
    null,
  );
  const [comparingId, setComparingId] = useState<number | null>(null);
  const [toRestore, setToRestore] = useState<Version | null>(null);
  const [isRestoring, setIsRestoring] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const reload = useCallback(
    async (signal?: AbortSignal) => {
      try {
        setVersions(await listVersions(modelId, signal));
        setLoadError(null);
      } catch (error) {
        if (!signal?.aborted) setLoadError(getErrorMessage(error));
      }
    },
    [modelId],
  );

  useEffect(() => {
    const controller = new AbortController();
    void reload(controller.signal);
    return () => controller.abort();
  }, [reload]);

  async function handleSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!label.trim()) {
      setSaveError("Give the version a name, e.g. “Before the design review”.");
      return;
    }
    setIsSaving(true);
    setSaveError(null);
    try {
      await saveVersion(modelId, label.trim());
      setLabel("");
      await reload();
    } catch (error) {
      setSaveError(getErrorMessage(error));
    } finally {
      setIsSaving(false);
    }
  }

  async function handleCompare(version: Version) {
    setComparingId(version.id);
    setActionError(null);
    try {
      setCompared({ version, diff: await diffVersions(modelId, version.id, "now") });
    } catch (error) {
      setActionError(getErrorMessage(error));
    } finally {
      setComparingId(null);
    }
  }

  /** Restores the chosen version; throws (shown in the confirmation) when it is refused. */
  async function handleRestore(version: Version) {
    setIsRestoring(true);
    try {
      await restoreVersion(modelId, version.id);
      onRestored(version);
      setCompared(null);
      await reload();
    } catch (error) {
      throw new Error(getErrorMessage(error), { cause: error });
    } finally {
      setIsRestoring(false);
    }
  }

  return (
    <Dialog
      title="Versions"
      description="Named states of the model. Compare one with now, or restore it: a restore is a new change that everyone sees, and the state before it is saved first."
      onClose={onClose}
      size="lg"
      isBusy={isRestoring}
    >
      <div className="space-y-5">
        {canSave ? (
          <form
            onSubmit={handleSave}
            noValidate
            className="grid items-end gap-2 sm:grid-cols-[1fr_auto]"
          >
            <TextField
              label="Save the model as it is now"
              placeholder="Before the design review"
              value={label}
              maxLength={200}
              error={saveError}
              onChange={(event) => setLabel(event.target.value)}
            />
            <Button type="submit" isLoading={isSaving}>
              Save version
            </Button>
          </form>
        ) : null}

        {actionError ? <Alert tone="danger">{actionError}</Alert> : null}

        {loadError ? (
          <Alert
            tone="danger"
            title="The versions could not be loaded"
            action={
              <Button variant="secondary" size="sm" onClick={() => void reload()}>
                Try again
              </Button>
            }
          >
            {loadError}
          </Alert>
        ) : versions === null ? (
          <div className="flex justify-center py-6">
            <Spinner label="Loading versions" />
          </div>
        ) : versions.length === 0 ? (
          <p className="rounded-lg bg-slate-50 px-4 py-6 text-center text-sm text-slate-600">
            No versions yet.{" "}
            {canSave ? "Save one before a big change, to compare with it later." : null}
          </p>
        ) : (
          <ul
            aria-label="Versions"
            className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200"
          >
            {versions.map((version) => (
              <li key={version.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium text-slate-900">
                    {version.label || `Version ${version.number}`}
                  </p>
                  <p className="text-xs text-slate-600">
                    {version.createdBy?.name ?? "The server"} · {formatDateTime(version.createdAt)}
                  </p>
                </div>
                <Badge tone={version.kind === "named" ? "accent" : "neutral"}>
                  {KIND_LABELS[version.kind] ?? version.kind}
                </Badge>
                <Link
                  href={`/models/${encodeURIComponent(modelId)}/versions/${version.id}`}
                  aria-label={`Open “${version.label || `Version ${version.number}`}” read-only`}
                  className={buttonClasses("ghost", "sm")}
                >
                  Open
                </Link>
                <Button
                  variant="secondary"
                  size="sm"
                  isLoading={comparingId === version.id}
                  onClick={() => void handleCompare(version)}
                  aria-label={`Compare “${version.label || `Version ${version.number}`}” with now`}
                >
                  Compare with now
                </Button>
                {canRestore ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => setToRestore(version)}
                    aria-label={`Restore “${version.label || `Version ${version.number}`}”`}
                  >
                    Restore
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}

        {compared ? (
          <section aria-label="Changes since the version" className="space-y-2">
            <h3 className="text-sm font-semibold text-slate-900">
              Since “{compared.version.label || `Version ${compared.version.number}`}”
            </h3>
            <DiffView diff={compared.diff} />
          </section>
        ) : null}
      </div>

      {toRestore ? (
        <ConfirmDialog
          title={`Restore “${toRestore.label || `Version ${toRestore.number}`}”?`}
          description="Everyone in the model sees the model go back to this version at once. The current state is saved as a version first, so nothing is lost."
          confirmLabel="Restore"
          onConfirm={() => handleRestore(toRestore)}
          onClose={() => setToRestore(null)}
        />
      ) : null}
    </Dialog>
  );
}
