"use client";

import { useId, useState, type FormEvent } from "react";
import type * as Y from "yjs";
import { STRIDE_CATEGORY_CODES, STRIDE_CATEGORY_LABELS, THREAT_STATUS_LABELS } from "@/lib/model";
import { isThreatUnresolved } from "@/lib/model/threat-targets";
import { LIMITS } from "@/lib/limits";
import { addThreat, type StrideCategory } from "@/lib/model/threats";
import { getElement } from "@/lib/model/elements";
import { CATEGORY_OPTIONS, STATUS_TONES } from "@/components/threats/threat-options";
import { Select } from "@/components/ui/select";
import { TextField } from "@/components/ui/text-field";
import { useGenerateThreats } from "@/components/threats/use-generate-threats";
import { useThreats } from "@/components/threats/use-threats";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { DiagramSelection } from "./properties/diagram-properties";

export interface SelectionThreatsProps {
  doc: Y.Doc;
  diagramId: string;
  selection: DiagramSelection;
  isReadOnly: boolean;
  /** Recorded as the author of generated threats. */
  authorId: string;
  /** Opens the threat list filtered to this element or flow. */
  onShowInThreatList: (targetId: string) => void;
}

/**
 * The threats side of the selection: for one element or data flow, the threats that target it
 * (open ones first), a link to them in the threat list and generation for it alone; with
 * nothing selected, generation for the whole diagram.
 */
export function SelectionThreats({
  doc,
  diagramId,
  selection,
  isReadOnly,
  authorId,
  onShowInThreatList,
}: SelectionThreatsProps) {
  const headingId = useId();
  const threats = useThreats(doc);
  const { notify } = useToast();
  const { generate, isGenerating } = useGenerateThreats({ doc, authorId, onReport: notify });
  const count = selection.elementIds.length + selection.flowIds.length;
  const [targetId] = [...selection.elementIds, ...selection.flowIds];

  if (count === 0) {
    if (isReadOnly) return null;
    return (
      <section aria-labelledby={headingId} className="space-y-2 border-b border-slate-200 pb-4">
        <h3 id={headingId} className="text-sm font-semibold text-slate-900">
          Threats
        </h3>
        <p className="text-sm text-slate-500">
          Select an element or data flow to see its threats, or apply the STRIDE rules to every
          element and interaction of this diagram.
        </p>
        <Button
          variant="secondary"
          size="sm"
          isLoading={isGenerating}
          onClick={() => void generate({ kind: "diagram", id: diagramId })}
        >
          Generate threats for this diagram
        </Button>
      </section>
    );
  }
  if (count > 1 || targetId === undefined) return null;
  // Read for the one selected target only: listing the diagram's elements here would read
  // every record of a large diagram again whenever the panel draws.
  if (getElement(doc, targetId)?.kind === "trust-boundary") {
    return (
      <p className="border-b border-slate-200 pb-4 text-sm text-slate-500">
        A trust boundary has no threats of its own: the data flows that cross it do.
      </p>
    );
  }

  const targeted = threats
    .filter((threat) => threat.targetId === targetId)
    .sort(
      (a, b) =>
        Number(isThreatUnresolved(b)) - Number(isThreatUnresolved(a)) ||
        a.title.localeCompare(b.title),
    );
  const openCount = targeted.filter(isThreatUnresolved).length;
  const isElement = selection.elementIds.length === 1;

  return (
    <section aria-labelledby={headingId} className="space-y-3 border-b border-slate-200 pb-4">
      <div className="flex items-baseline justify-between gap-2">
        <h3 id={headingId} className="text-sm font-semibold text-slate-900">
          Threats
        </h3>
        <span className="text-xs text-slate-500">
          {targeted.length === 0 ? "none yet" : `${openCount} of ${targeted.length} open`}
        </span>
      </div>
      {targeted.length === 0 ? (
        <p className="text-sm text-slate-500">
          No threat targets this {isElement ? "element" : "data flow"} yet.
        </p>
      ) : (
        <ul aria-labelledby={headingId} className="max-h-64 space-y-1.5 overflow-y-auto">
          {targeted.map((threat) => (
            <li key={threat.id} className="flex items-start gap-2 text-sm">
              <span
                title={STRIDE_CATEGORY_LABELS[threat.category]}
                className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded bg-indigo-50 text-[11px] font-semibold text-indigo-800 ring-1 ring-indigo-200"
              >
                {STRIDE_CATEGORY_CODES[threat.category]}
              </span>
              <span className="min-w-0 flex-1 break-words text-slate-800">{threat.title}</span>
              <Badge tone={STATUS_TONES[threat.status]}>
                {THREAT_STATUS_LABELS[threat.status]}
              </Badge>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-2">
        {targeted.length > 0 ? (
          <Button variant="secondary" size="sm" onClick={() => onShowInThreatList(targetId)}>
            Show in threat list
          </Button>
        ) : null}
        {isReadOnly ? null : (
          <Button
            variant="secondary"
            size="sm"
            isLoading={isGenerating}
            onClick={() => void generate({ kind: "element", id: targetId })}
          >
            Generate threats for this {isElement ? "element" : "flow"}
          </Button>
        )}
      </div>
      {isReadOnly ? null : (
        <QuickThreatForm doc={doc} targetId={targetId} authorId={authorId} isElement={isElement} />
      )}
    </section>
  );
}

/** Raises a threat by hand on the selected element or flow: a title and a category. */
function QuickThreatForm({
  doc,
  targetId,
  authorId,
  isElement,
}: {
  doc: Y.Doc;
  targetId: string;
  authorId: string;
  isElement: boolean;
}) {
  const [title, setTitle] = useState("");
  const [category, setCategory] = useState<StrideCategory>("spoofing");
  const [error, setError] = useState<string | null>(null);
  const { notify } = useToast();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = title.trim();
    if (trimmed === "") {
      setError("Describe the threat in a few words.");
      return;
    }
    try {
      addThreat(doc, { title: trimmed, category, targetId }, authorId);
      setTitle("");
      setError(null);
      notify({
        tone: "success",
        message: `Threat added to this ${isElement ? "element" : "flow"}.`,
      });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "The threat could not be added.");
    }
  }

  return (
    <form
      noValidate
      onSubmit={handleSubmit}
      aria-label={`Add a threat to this ${isElement ? "element" : "flow"}`}
      className="space-y-2"
    >
      <TextField
        label="New threat"
        placeholder="e.g. Tampering with the queued jobs"
        maxLength={LIMITS.threatTitleLength}
        value={title}
        error={error}
        onChange={(event) => setTitle(event.target.value)}
      />
      <div className="flex items-end gap-2">
        <Select
          label="STRIDE category"
          className="min-w-0 flex-1"
          options={CATEGORY_OPTIONS}
          value={category}
          onValueChange={setCategory}
        />
        <Button type="submit" size="sm" variant="secondary" className="mb-0.5">
          Add
        </Button>
      </div>
    </form>
  );
}
