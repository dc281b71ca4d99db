"use client";

import { useId, useState } from "react";
import { STRIDE_CATEGORY_CODES, STRIDE_CATEGORY_LABELS, type Threat } from "@/lib/model/threats";
import type { Mitigation } from "@/lib/model/mitigations";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FOCUS_RING, cx } from "@/components/ui/class-names";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import { searchThreats } from "./threat-links";

export interface LinkThreatsDialogProps {
  mitigation: Mitigation;
  threats: readonly Threat[];
  /** Links (`isLinked` true) or unlinks a threat; throws an Error with a readable message. */
  onToggle: (threatId: string, isLinked: boolean) => void;
  onClose: () => void;
}

/**
 * Picks the threats a mitigation addresses from a searchable list of checkboxes. Each change
 * is written at once, so others see it live and two people linking at once both keep theirs.
 */
export function LinkThreatsDialog({
  mitigation,
  threats,
  onToggle,
  onClose,
}: LinkThreatsDialogProps) {
  const baseId = useId();
  const [query, setQuery] = useState("");
  const [error, setError] = useState<string | null>(null);
  const matches = searchThreats(threats, query);
  const linked = new Set(mitigation.threatIds);
  const linkedCount = threats.filter((threat) => linked.has(threat.id)).length;

  function handleToggle(threatId: string, isLinked: boolean) {
    try {
      onToggle(threatId, isLinked);
      setError(null);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "The link could not be saved.");
    }
  }

  return (
    <Dialog
      title="Link threats"
      description={
        <>Choose the threats that “{mitigation.title}” addresses. Each change is saved at once.</>
      }
      onClose={onClose}
      footer={<Button onClick={onClose}>Done</Button>}
    >
      {threats.length === 0 ? (
        <p className="text-sm text-slate-600">
          No threats are recorded yet. Record them on the Threats tab, then link them here.
        </p>
      ) : (
        <div className="space-y-3">
          <TextField
            type="search"
            label="Search threats"
            placeholder="Words of the title or a STRIDE category"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          <p role="status" className="text-sm text-slate-600">
            {linkedCount === 1 ? "1 threat linked" : `${linkedCount} threats linked`}
          </p>
          {error ? <Alert tone="danger">{error}</Alert> : null}
          {matches.length === 0 ? (
            <p className="text-sm text-slate-600">No threat matches “{query.trim()}”.</p>
          ) : (
            <ul
              aria-label="Threats to link"
              className="max-h-80 divide-y divide-slate-200 overflow-y-auto rounded-lg ring-1 ring-slate-200"
            >
              {matches.map((threat) => {
                const checkboxId = `${baseId}-${threat.id}`;
                const isLinked = linked.has(threat.id);
                return (
                  <li key={threat.id}>
                    <label
                      htmlFor={checkboxId}
                      className="flex cursor-pointer items-start gap-3 px-3 py-2.5 hover:bg-slate-50"
                    >
                      <input
                        id={checkboxId}
                        type="checkbox"
                        checked={isLinked}
                        onChange={(event) => handleToggle(threat.id, event.target.checked)}
                        aria-labelledby={`${checkboxId}-title`}
                        aria-describedby={`${checkboxId}-category`}
                        className={cx("mt-0.5 size-4 shrink-0 accent-indigo-600", FOCUS_RING)}
                      />
                      <span
                        aria-hidden="true"
                        className="flex size-5 shrink-0 items-center justify-center rounded bg-indigo-50 text-xs font-semibold text-indigo-800"
                      >
                        {STRIDE_CATEGORY_CODES[threat.category]}
                      </span>
                      <span
                        id={`${checkboxId}-title`}
                        className="min-w-0 flex-1 text-sm break-words text-slate-900"
                      >
                        {threat.title}
                      </span>
                      <span
                        id={`${checkboxId}-category`}
                        className="shrink-0 text-xs text-slate-500"
                      >
                        {STRIDE_CATEGORY_LABELS[threat.category]}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </Dialog>
  );
}
