"use client";

import { DeleteModelText } from "./delete-model-text";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { canWriteDocument } from "@/lib/model/roles";
import type { ModelSummary } from "@/components/api/schemas";
import { ResourceListStatus } from "@/components/api/resource-list-status";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cx, FOCUS_RING } from "@/components/ui/class-names";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { useModelImport } from "./import-model";
import { getErrorMessage } from "@/components/api/api-client";
import { createExampleModel } from "@/components/api/endpoints";
import { formatDateTime } from "@/components/ui/format-date";
import { PencilIcon, PlusIcon, ShieldIcon, TrashIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/shell";
import { useToast } from "@/components/ui/toast";
import { ModelTitleDialog } from "./model-title-dialog";
import { RoleBadge } from "./role-badge";
import { useModels } from "./use-models";

type OpenDialog =
  | { kind: "create" }
  | { kind: "rename"; model: ModelSummary }
  | { kind: "delete"; model: ModelSummary }
  | null;

/** The models page: the user's threat models with create, rename and delete. */
export function ModelsView() {
  const router = useRouter();
  const { notify } = useToast();
  const { state, reload, create, rename, remove } = useModels();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const modelImport = useModelImport(reload);
  const [isOpeningExample, setIsOpeningExample] = useState(false);

  /** This product's own threat model, as a model of the user's to look around in. */
  async function openExample() {
    setIsOpeningExample(true);
    try {
      const model = await createExampleModel();
      router.push(`/models/${encodeURIComponent(model.id)}`);
    } catch (caught) {
      notify({ tone: "danger", message: getErrorMessage(caught) });
      setIsOpeningExample(false);
    }
  }

  function handleCloseDialog() {
    setDialog(null);
  }

  async function handleCreate(title: string) {
    const model = await create(title);
    notify({ tone: "success", message: `Created “${model.title}”.` });
    router.push(`/models/${encodeURIComponent(model.id)}`);
  }

  const newModelButton = (
    <Button icon={<PlusIcon />} onClick={() => setDialog({ kind: "create" })}>
      New model
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Threat models"
        description="Models you are a member of, most recently updated first."
        actions={
          state.status === "ready" && state.items.length > 0 ? (
            <>
              {modelImport.button}
              {newModelButton}
            </>
          ) : null
        }
      />

      <ResourceListStatus
        state={state}
        loadingLabel="Loading your models"
        loadingRows={4}
        errorTitle="Your models could not be loaded"
        onRetry={reload}
        empty={
          <EmptyState
            icon={<ShieldIcon className="size-5" />}
            title="No threat models yet"
            description="Create a model for the system you want to analyse, then invite the people who know it. Coming from Threat Dragon or the Threat Modeling Tool? Import its file (.json, .tm7), or drop it on this page."
            action={
              <div className="flex flex-wrap justify-center gap-2">
                {modelImport.button}
                {newModelButton}
                <Button variant="secondary" isLoading={isOpeningExample} onClick={openExample}>
                  Open an example
                </Button>
              </div>
            }
          />
        }
      />

      {state.status === "ready" && state.items.length > 0 ? (
        <Card as="div" className="overflow-hidden">
          <ul aria-label="Threat models" className="divide-y divide-slate-200">
            {state.items.map((model) => (
              <ModelRow
                key={model.id}
                model={model}
                onRename={() => setDialog({ kind: "rename", model })}
                onDelete={() => setDialog({ kind: "delete", model })}
              />
            ))}
          </ul>
        </Card>
      ) : null}

      {modelImport.overlay}
      {modelImport.dialog}

      {dialog?.kind === "create" ? (
        <ModelTitleDialog
          title="New threat model"
          description="Name the system or feature you are modelling. You can rename it later."
          submitLabel="Create model"
          onSubmit={handleCreate}
          onClose={handleCloseDialog}
        />
      ) : null}

      {dialog?.kind === "rename" ? (
        <ModelTitleDialog
          title="Rename model"
          submitLabel="Save"
          initialValue={dialog.model.title}
          onSubmit={async (title) => {
            await rename(dialog.model.id, title);
            notify({ tone: "success", message: "Model renamed." });
          }}
          onClose={handleCloseDialog}
        />
      ) : null}

      {dialog?.kind === "delete" ? (
        <ConfirmDialog
          title="Delete model?"
          description={<DeleteModelText modelId={dialog.model.id} title={dialog.model.title} />}
          confirmLabel="Delete model"
          isDanger
          onConfirm={async () => {
            await remove(dialog.model.id);
            notify({ tone: "success", message: `Deleted “${dialog.model.title}”.` });
          }}
          onClose={handleCloseDialog}
        />
      ) : null}
    </>
  );
}

function ModelRow({
  model,
  onRename,
  onDelete,
}: {
  model: ModelSummary;
  onRename: () => void;
  onDelete: () => void;
}) {
  const canRename = canWriteDocument(model.role);
  const canDelete = model.role === "owner";
  return (
    <li className="flex items-center gap-4 px-5 py-4 hover:bg-slate-50">
      <div className="min-w-0 flex-1">
        <Link
          href={`/models/${encodeURIComponent(model.id)}`}
          className={cx(
            "block truncate rounded-sm text-sm font-semibold text-slate-900 hover:text-indigo-700",
            FOCUS_RING,
          )}
        >
          {model.title}
        </Link>
        <p className="mt-0.5 text-xs text-slate-500">
          Updated <time dateTime={model.updatedAt}>{formatDateTime(model.updatedAt)}</time>
        </p>
      </div>
      <RoleBadge role={model.role} isOwnRole />
      <div className="flex items-center gap-1">
        {canRename ? (
          <Button
            variant="ghost"
            size="icon"
            aria-label={`Rename ${model.title}`}
            title="Rename"
            onClick={onRename}
            icon={<PencilIcon />}
          />
        ) : null}
        {canDelete ? (
          <Button
            variant="ghost"
            size="icon"
            aria-label={`Delete ${model.title}`}
            title="Delete"
            className="text-red-700 hover:bg-red-50"
            onClick={onDelete}
            icon={<TrashIcon />}
          />
        ) : null}
      </div>
    </li>
  );
}
