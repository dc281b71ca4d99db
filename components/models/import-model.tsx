"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type ChangeEvent } from "react";
import { getDetailedErrorMessage } from "@/components/api/api-client";
import { importModelFile, type ImportReport } from "@/components/api/endpoints";
import type { ModelSummary } from "@/components/api/schemas";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

/** Largest file the server imports (MAX_IMPORT_BYTES), checked here before sending it. */
const MAX_IMPORT_MB = 20;

type ImportState =
  | { status: "idle" }
  | { status: "importing"; name: string }
  | { status: "done"; model: ModelSummary; report: ImportReport }
  | { status: "failed"; name: string; message: string };

/**
 * Importing a model from another tool: an "Import" button with a file picker, and the whole
 * page as a drop target for a file. While the file is read and sent a dialog says so; then it
 * shows the import's report (what arrived, what was kept as text, what was refused) with the
 * way into the new model, or what was wrong with the file.
 */
export function useModelImport(onImported: () => void) {
  const router = useRouter();
  const [state, setState] = useState<ImportState>({ status: "idle" });
  const [isDragging, setIsDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  async function importFile(file: File) {
    if (file.size > MAX_IMPORT_MB * 1024 * 1024) {
      setState({
        status: "failed",
        name: file.name,
        message: `The file is larger than ${MAX_IMPORT_MB} MB.`,
      });
      return;
    }
    setState({ status: "importing", name: file.name });
    try {
      const { model, report } = await importModelFile({ name: file.name, text: await file.text() });
      setState({ status: "done", model, report });
      onImported();
    } catch (caught) {
      setState({ status: "failed", name: file.name, message: getDetailedErrorMessage(caught) });
    }
  }

  useEffect(() => {
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes("Files") === true;
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setIsDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setIsDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setIsDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) void importFile(file);
    };
    window.addEventListener("dragover", over);
    window.addEventListener("dragleave", leave);
    window.addEventListener("drop", drop);
    return () => {
      window.removeEventListener("dragover", over);
      window.removeEventListener("dragleave", leave);
      window.removeEventListener("drop", drop);
    };
    // importFile only reads setters and props that do not change while the page is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const button = (
    <>
      <input
        ref={inputRef}
        type="file"
        accept=".json,.tm7,application/json,application/xml"
        className="sr-only"
        aria-label="Import a model file"
        onChange={(event: ChangeEvent<HTMLInputElement>) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) void importFile(file);
        }}
      />
      <Button variant="secondary" onClick={() => inputRef.current?.click()}>
        Import
      </Button>
    </>
  );

  const overlay = isDragging ? (
    <div
      aria-hidden
      className="pointer-events-none fixed inset-4 z-40 flex items-center justify-center rounded-xl border-4 border-dashed border-indigo-400 bg-indigo-50/80 text-lg font-medium text-indigo-900"
    >
      Drop a Threat Dragon (.json), Threat Modeling Tool (.tm7) or exported model file to import it
    </div>
  ) : null;

  const close = () => setState({ status: "idle" });
  const dialog =
    state.status === "idle" ? null : (
      <Dialog
        title={
          state.status === "done"
            ? `Imported “${state.model.title}”`
            : state.status === "failed"
              ? `“${state.name}” was not imported`
              : `Importing “${state.name}”…`
        }
        onClose={close}
        isBusy={state.status === "importing"}
        size="lg"
        footer={
          state.status === "done" ? (
            <>
              <Button variant="secondary" onClick={close}>
                Done
              </Button>
              <Button onClick={() => router.push(`/models/${encodeURIComponent(state.model.id)}`)}>
                Open the model
              </Button>
            </>
          ) : (
            <Button variant="secondary" onClick={close} disabled={state.status === "importing"}>
              Done
            </Button>
          )
        }
      >
        {state.status === "importing" ? (
          <p className="text-sm text-slate-600">Reading the file and building the model.</p>
        ) : null}
        {state.status === "failed" ? (
          <Alert tone="danger" title="Nothing was created">
            {state.message}
          </Alert>
        ) : null}
        {state.status === "done" ? <ImportReportView report={state.report} /> : null}
      </Dialog>
    );

  return { button, overlay, dialog };
}

/** "1 threat", "2 threats". */
function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? "" : "s"}`;
}

/** What an import brought in, kept as text and refused. */
function ImportReportView({ report }: { report: ImportReport }) {
  const { mapped } = report;
  return (
    <div className="space-y-3 text-sm text-slate-700" aria-label="Import report">
      <p>
        {count(mapped.diagrams, "diagram")}, {count(mapped.elements, "element")},{" "}
        {count(mapped.flows, "data flow")}, {count(mapped.threats, "threat")} and{" "}
        {count(mapped.mitigations, "mitigation")} arrived.
      </p>
      {report.keptAsText.length > 0 ? (
        <section>
          <h3 className="font-semibold text-slate-900">
            Kept as text ({report.keptAsText.length})
          </h3>
          <ul className="mt-1 max-h-40 list-disc overflow-auto pl-5">
            {report.keptAsText.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {report.refused.length > 0 ? (
        <section>
          <h3 className="font-semibold text-red-800">Not imported ({report.refused.length})</h3>
          <ul className="mt-1 max-h-40 list-disc overflow-auto pl-5">
            {report.refused.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
