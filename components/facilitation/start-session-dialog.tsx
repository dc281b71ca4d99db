"use client";

import { useId, useState } from "react";
import type * as Y from "yjs";
import { useDiagrams } from "@/components/diagram/use-diagram-records";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

export type SessionScope = { kind: "model" } | { kind: "diagram"; diagramId: string };

/**
 * Asks what the session covers before it starts: the whole model, or one diagram. The agenda
 * is then built from what is in scope (out-of-scope parts left out).
 */
export function StartSessionDialog({
  doc,
  onStart,
  onClose,
}: {
  doc: Y.Doc;
  onStart: (scope: SessionScope) => Promise<void>;
  onClose: () => void;
}) {
  const diagrams = useDiagrams(doc);
  const [kind, setKind] = useState<"model" | "diagram">("model");
  const [diagramId, setDiagramId] = useState("");
  const [isStarting, setIsStarting] = useState(false);
  const baseId = useId();
  const chosenDiagram = diagramId || diagrams[0]?.id || "";

  async function start() {
    setIsStarting(true);
    try {
      await onStart(kind === "model" ? { kind } : { kind, diagramId: chosenDiagram });
      onClose();
    } finally {
      setIsStarting(false);
    }
  }

  return (
    <Dialog
      title="Start a facilitated session"
      description="Everyone in the model follows the session. The agenda walks each element and flow in scope with the STRIDE categories that apply to it."
      onClose={onClose}
      isBusy={isStarting}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={isStarting}>
            Cancel
          </Button>
          <Button
            onClick={() => void start()}
            isLoading={isStarting}
            disabled={kind === "diagram" && chosenDiagram === ""}
          >
            Start session
          </Button>
        </>
      }
    >
      <fieldset className="space-y-2 text-sm">
        <legend className="mb-1 font-medium text-slate-900">What does it cover?</legend>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name={`${baseId}-scope`}
            checked={kind === "model"}
            onChange={() => setKind("model")}
          />
          The whole model
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name={`${baseId}-scope`}
            checked={kind === "diagram"}
            onChange={() => setKind("diagram")}
            disabled={diagrams.length === 0}
          />
          One diagram
        </label>
        {kind === "diagram" ? (
          <select
            aria-label="Diagram"
            value={chosenDiagram}
            onChange={(event) => setDiagramId(event.target.value)}
            className="ml-6 rounded border border-slate-300 bg-white px-2 py-1"
          >
            {diagrams.map((diagram) => (
              <option key={diagram.id} value={diagram.id}>
                {diagram.hierarchicalName || diagram.title}
              </option>
            ))}
          </select>
        ) : null}
      </fieldset>
    </Dialog>
  );
}
