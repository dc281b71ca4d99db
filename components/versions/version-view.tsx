"use client";

import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import * as Y from "yjs";
import { ApiError, getErrorMessage, isAbortError } from "@/components/api/api-client";
import { diffVersions, fetchModel, fetchVersionState } from "@/components/api/endpoints";
import type { DocumentDiffView, ModelSummary, Version } from "@/components/api/schemas";
import { ContextTab } from "@/components/context/context-tab";
import { DiagramTab } from "@/components/diagram/diagram-tab";
import { MitigationsView } from "@/components/mitigations/mitigations-view";
import { NotesTab } from "@/components/notes/notes-tab";
import { ThreatList } from "@/components/threats/threat-list";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format-date";
import { ArrowLeftIcon } from "@/components/ui/icons";
import { PageSpinner, Spinner } from "@/components/ui/spinner";
import { ModelNotFound } from "@/components/workspace/model-not-found";
import { useWorkspaceTab } from "@/components/workspace/use-workspace-tab";
import type { WorkspaceTab } from "@/components/workspace/workspace-tab";
import { WorkspaceTabs } from "@/components/workspace/workspace-tabs";
import { buildComparisonDoc, getDiffHighlights } from "./comparison";
import { DiffView } from "./diff-view";

type Loaded =
  | { status: "loading" }
  | { status: "not-found" }
  | { status: "error"; message: string }
  | { status: "ready"; model: ModelSummary; version: Version; doc: Y.Doc };

type Comparison =
  | { status: "off" }
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; diff: DocumentDiffView; doc: Y.Doc };

function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

const NO_SELECTION = () => undefined;

/**
 * One saved version of a model, read-only, in the workspace's own views (diagram, threats,
 * mitigations, notes) as it was. "Compare with now" marks on the diagram what changed since
 * (added green, removed red, changed amber) and lists every change field by field.
 */
export function VersionView({ modelId, versionId }: { modelId: string; versionId: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [comparison, setComparison] = useState<Comparison>({ status: "off" });
  const [tab, selectTab] = useWorkspaceTab();
  const numericId = /^\d{1,15}$/.test(versionId) ? Number(versionId) : null;

  useEffect(() => {
    if (numericId === null) {
      setLoaded({ status: "not-found" });
      return;
    }
    const controller = new AbortController();
    Promise.all([
      fetchModel(modelId, controller.signal),
      fetchVersionState(modelId, numericId, controller.signal),
    ])
      .then(([model, { version, state }]) => {
        if (version === null) throw new Error("The server did not describe the version.");
        setLoaded({ status: "ready", model, version, doc: docFromState(state) });
      })
      .catch((caught: unknown) => {
        if (isAbortError(caught)) return;
        if (caught instanceof ApiError && caught.status === 404) setLoaded({ status: "not-found" });
        else setLoaded({ status: "error", message: getErrorMessage(caught) });
      });
    return () => controller.abort();
  }, [modelId, numericId]);

  const versionDoc = loaded.status === "ready" ? loaded.doc : null;
  useEffect(() => () => versionDoc?.destroy(), [versionDoc]);
  const comparisonDoc = comparison.status === "ready" ? comparison.doc : null;
  useEffect(() => () => comparisonDoc?.destroy(), [comparisonDoc]);

  async function startComparison() {
    if (loaded.status !== "ready" || numericId === null) return;
    setComparison({ status: "loading" });
    try {
      const [{ state }, diff] = await Promise.all([
        fetchVersionState(modelId, "now"),
        diffVersions(modelId, numericId, "now"),
      ]);
      const now = docFromState(state);
      const doc = buildComparisonDoc(loaded.doc, now, diff.entities);
      now.destroy();
      setComparison({ status: "ready", diff, doc });
    } catch (caught) {
      setComparison({ status: "error", message: getErrorMessage(caught) });
    }
  }

  const highlights = useMemo(
    () => (comparison.status === "ready" ? getDiffHighlights(comparison.diff.entities) : undefined),
    [comparison],
  );

  switch (loaded.status) {
    case "loading":
      return <PageSpinner label="Opening the version" />;
    case "not-found":
      return <ModelNotFound />;
    case "error":
      return (
        <Alert tone="danger" title="The version could not be opened">
          {loaded.message}
        </Alert>
      );
    case "ready":
      break;
  }

  const { model, version, doc: savedDoc } = loaded;
  const name = version.label || `Version ${version.number}`;
  const isComparing = comparison.status === "ready";
  const shownDoc = isComparing ? comparison.doc : savedDoc;

  function renderPanel(panel: WorkspaceTab) {
    switch (panel) {
      case "diagram":
        return (
          <DiagramTab
            key={isComparing ? "compared" : "version"}
            doc={shownDoc}
            awareness={null}
            hasSynced
            isReadOnly
            authorId=""
            selectedTargetId={null}
            onShowInThreatList={NO_SELECTION}
            highlights={highlights}
          />
        );
      case "threats":
        return <ThreatList doc={savedDoc} hasSynced isReadOnly authorId="" modelId={modelId} />;
      case "mitigations":
        return (
          <MitigationsView
            doc={savedDoc}
            hasSynced
            isReadOnly
            authorId=""
            modelId={modelId}
            membersRevision={0}
          />
        );
      case "notes":
        return (
          <NotesTab
            doc={savedDoc}
            awareness={null}
            user={null}
            hasSynced
            isReadOnly
            readOnlyReason="These are the notes as they were when the version was saved."
            onOpenMention={null}
          />
        );
      case "context":
        return <ContextTab doc={savedDoc} isReadOnly />;
    }
  }

  return (
    <>
      <Link
        href={`/models/${encodeURIComponent(modelId)}`}
        className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900"
      >
        <ArrowLeftIcon className="size-4" /> Back to {model.title}
      </Link>
      <header className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">
            {name} <span className="font-normal text-slate-500">· {model.title}</span>
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            Version {version.number}, saved by {version.createdBy?.name ?? "the server"} on{" "}
            {formatDateTime(version.createdAt)}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <Badge tone="neutral">Read-only</Badge>
          <Button
            variant="secondary"
            size="sm"
            aria-pressed={isComparing}
            isLoading={comparison.status === "loading"}
            onClick={() =>
              isComparing ? setComparison({ status: "off" }) : void startComparison()
            }
          >
            {isComparing ? "Stop comparing" : "Compare with now"}
          </Button>
        </div>
      </header>

      <div className="space-y-4">
        <Alert tone="info" role="none" title="You are looking at a saved version">
          Nothing here can be changed. To go back to this version, restore it from the Versions
          dialog of the model.
        </Alert>
        {comparison.status === "error" ? (
          <Alert tone="danger" title="The comparison could not be made">
            {comparison.message}
          </Alert>
        ) : null}
        {comparison.status === "loading" ? <Spinner label="Comparing with now" /> : null}
        {isComparing ? (
          <section aria-label="Changes since the version" className="space-y-2">
            <p className="flex flex-wrap gap-3 text-sm text-slate-700">
              The diagram shows the model as it is now:
              <span className="font-medium text-emerald-700">added in green</span>
              <span className="font-medium text-red-700">removed in red</span>
              <span className="font-medium text-amber-700">changed in amber</span>
            </p>
            <details className="rounded-md border border-slate-200 bg-white p-3">
              <summary className="cursor-pointer text-sm font-medium text-slate-900">
                Every change since “{name}” ({comparison.diff.counts.added} added,{" "}
                {comparison.diff.counts.removed} removed, {comparison.diff.counts.changed} changed)
              </summary>
              <div className="mt-3">
                <DiffView diff={comparison.diff} />
              </div>
            </details>
          </section>
        ) : null}
        <WorkspaceTabs selected={tab} onSelect={selectTab} renderPanel={renderPanel} />
      </div>
    </>
  );
}
