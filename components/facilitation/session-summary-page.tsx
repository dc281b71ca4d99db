"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import * as Y from "yjs";
import { ApiError, getErrorMessage, isAbortError } from "@/components/api/api-client";
import {
  fetchFacilitationSessionById,
  fetchModel,
  fetchVersionState,
} from "@/components/api/endpoints";
import type { FacilitationSession, ModelSummary } from "@/components/api/schemas";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/format-date";
import { ArrowLeftIcon } from "@/components/ui/icons";
import { PageSpinner } from "@/components/ui/spinner";
import { ModelNotFound } from "@/components/workspace/model-not-found";
import { getCoverageSummary } from "@/lib/facilitation/session";
import { SessionSummary } from "./session-summary";

type Loaded =
  | { status: "loading" }
  | { status: "not-found" }
  | { status: "error"; message: string }
  | { status: "ready"; model: ModelSummary; session: FacilitationSession; doc: Y.Doc };

/**
 * The page a session's summary lives on (/models/:id/sessions/:sessionId), for everyone in the
 * model: the summary read from the version saved when the session ended, so it shows the
 * threats and notes as the group left them even after the model moved on. A running session
 * shows what it has so far, on the model as it is now.
 */
export function SessionSummaryPage({ modelId, sessionId }: { modelId: string; sessionId: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const [model, session] = await Promise.all([
        fetchModel(modelId, controller.signal),
        fetchFacilitationSessionById(modelId, sessionId, controller.signal),
      ]);
      if (!session) return setLoaded({ status: "not-found" });
      const { state } = await fetchVersionState(
        modelId,
        session.extras.endVersionId ?? "now",
        controller.signal,
      );
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      setLoaded({ status: "ready", model, session, doc });
    })().catch((caught: unknown) => {
      if (isAbortError(caught)) return;
      if (caught instanceof ApiError && caught.status === 404) setLoaded({ status: "not-found" });
      else setLoaded({ status: "error", message: getErrorMessage(caught) });
    });
    return () => controller.abort();
  }, [modelId, sessionId]);

  const doc = loaded.status === "ready" ? loaded.doc : null;
  useEffect(() => () => doc?.destroy(), [doc]);

  switch (loaded.status) {
    case "loading":
      return <PageSpinner label="Opening the session summary" />;
    case "not-found":
      return <ModelNotFound />;
    case "error":
      return (
        <Alert tone="danger" title="The session summary could not be opened">
          {loaded.message}
        </Alert>
      );
    case "ready":
      break;
  }

  const { model, session } = loaded;
  const { state, extras } = session;
  const coverage = getCoverageSummary(state);
  const modelHref = `/models/${encodeURIComponent(modelId)}`;
  return (
    <>
      <Link
        href={modelHref}
        className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900"
      >
        <ArrowLeftIcon className="size-4" /> Back to {model.title}
      </Link>
      <header className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">
            Session summary <span className="font-normal text-slate-500">· {model.title}</span>
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            Started {formatDateTime(state.startedAt)}
            {state.endedAt ? `, ended ${formatDateTime(state.endedAt)}` : ", still running"}.{" "}
            {coverage.visited} of {coverage.cells} item and category pairs covered ({coverage.found}{" "}
            with threats, {coverage.noneFound} with none found, {coverage.skipped} skipped);{" "}
            {extras.parkingLot.length === 1 ? "1 idea" : `${extras.parkingLot.length} ideas`}{" "}
            parked.
          </p>
        </div>
        <div className="flex items-center gap-2">
          <Badge tone={session.status === "ended" ? "neutral" : "info"}>
            {session.status === "ended" ? "Ended" : "Running"}
          </Badge>
          {extras.endVersionId !== null ? (
            <Link
              href={`${modelHref}/versions/${extras.endVersionId}`}
              className="text-sm font-medium text-indigo-700 hover:underline"
            >
              The model as the session left it
            </Link>
          ) : null}
        </div>
      </header>
      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <SessionSummary doc={loaded.doc} session={session} />
      </section>
    </>
  );
}
