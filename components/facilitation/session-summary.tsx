"use client";

import type * as Y from "yjs";
import { SESSION_PHASE_LABELS, SESSION_PHASES } from "@/lib/facilitation/session";
import { listNoteItems } from "@/lib/model/notes";
import { STRIDE_CATEGORIES, STRIDE_CATEGORY_LABELS } from "@/lib/model/threats";
import type { FacilitationSession } from "@/components/api/schemas";
import { useThreatRecords } from "@/components/mitigations/use-document-records";
import { useDocumentValue } from "@/components/notes/notes-context";
import { CoverageMatrix } from "./coverage-matrix";

function minutes(ms: number | undefined): string {
  const value = Math.round((ms ?? 0) / 60_000);
  return value === 1 ? "1 minute" : `${value} minutes`;
}

/**
 * What a session produced, once it ended: threats found per category and per item, the
 * coverage, time spent per phase, the parking lot, and the decisions and action items of the
 * notes. The state before and after each phase is also kept as versions of the model.
 */
export function SessionSummary({ doc, session }: { doc: Y.Doc; session: FacilitationSession }) {
  const { state, extras } = session;
  const threats = useThreatRecords(doc);
  const noteItems = useDocumentValue(doc, listNoteItems, (items) => JSON.stringify(items));
  const found = threats.filter(
    (threat) =>
      threat.createdAt >= state.startedAt && threat.createdAt <= (state.endedAt ?? Date.now()),
  );
  const byCategory = STRIDE_CATEGORIES.map((category) => ({
    category,
    count: found.filter((threat) => threat.category === category).length,
  })).filter((entry) => entry.count > 0);
  const byItem = state.agenda
    .map((item) => ({
      name: item.name,
      count: found.filter((threat) => threat.targetId === item.targetId).length,
    }))
    .filter((entry) => entry.count > 0);

  return (
    <div className="mt-3 grid gap-4 md:grid-cols-2" aria-label="Session summary">
      <section>
        <h3 className="font-semibold text-slate-900">Threats found ({found.length})</h3>
        {found.length === 0 ? (
          <p className="text-slate-600">None recorded during the session.</p>
        ) : (
          <>
            <ul aria-label="Threats found per category" className="mt-1 text-slate-700">
              {byCategory.map((entry) => (
                <li key={entry.category}>
                  {STRIDE_CATEGORY_LABELS[entry.category]}: {entry.count}
                </li>
              ))}
            </ul>
            <ul aria-label="Threats found per item" className="mt-1 text-slate-700">
              {byItem.map((entry) => (
                <li key={entry.name}>
                  {entry.name}: {entry.count}
                </li>
              ))}
            </ul>
          </>
        )}
        <h3 className="mt-3 font-semibold text-slate-900">Time spent</h3>
        <ul className="text-slate-700">
          {SESSION_PHASES.map((phase) => (
            <li key={phase}>
              {SESSION_PHASE_LABELS[phase]}: {minutes(state.timeSpent.phases[phase])}
            </li>
          ))}
        </ul>
        <h3 className="mt-3 font-semibold text-slate-900">
          Parking lot ({extras.parkingLot.length})
        </h3>
        <ul className="list-disc pl-5 text-slate-700">
          {extras.parkingLot.map((entry) => (
            <li key={entry.id}>{entry.text}</li>
          ))}
        </ul>
        <h3 className="mt-3 font-semibold text-slate-900">
          Decisions and action items ({noteItems.length})
        </h3>
        <ul className="list-disc pl-5 text-slate-700">
          {noteItems.map((item, index) => (
            <li key={`${item.blockIndex}-${index}`}>
              {item.type === "decision" ? "Decision" : "Action"}: {item.text}
              {item.assignee ? ` (${item.assignee})` : ""}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h3 className="font-semibold text-slate-900">Coverage</h3>
        <div className="mt-1 max-h-80 overflow-auto">
          <CoverageMatrix state={state} />
        </div>
      </section>
    </div>
  );
}
