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
 * coverage, time spent per phase and per item, the parking lot, the decisions and action items
 * of the notes, and who took part. `doc` is the model as the session left it (the version saved
 * at its end) or as it is now. The state before each phase is also kept as a version.
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
  const timePerItem = state.agenda
    .map((item) => ({
      targetId: item.targetId,
      name: item.name,
      ms: state.timeSpent.items[item.targetId] ?? 0,
    }))
    .filter((entry) => entry.ms >= 30_000);
  const participants = Object.entries(extras.participants)
    .map(([userId, person]) => ({ userId, ...person }))
    .sort((a, b) => a.firstSeenAt - b.firstSeenAt);

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
        <ul className="text-slate-700" aria-label="Time spent per phase">
          {SESSION_PHASES.map((phase) => (
            <li key={phase}>
              {SESSION_PHASE_LABELS[phase]}: {minutes(state.timeSpent.phases[phase])}
            </li>
          ))}
        </ul>
        {timePerItem.length > 0 ? (
          <details className="mt-1 text-slate-700">
            <summary className="cursor-pointer text-slate-600">Per item</summary>
            <ul aria-label="Time spent per item">
              {timePerItem.map((entry) => (
                <li key={entry.targetId}>
                  {entry.name}: {minutes(entry.ms)}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        <h3 className="mt-3 font-semibold text-slate-900">Who took part ({participants.length})</h3>
        <p className="text-slate-700" aria-label="Who took part">
          {participants.length === 0
            ? "Nobody was recorded."
            : participants
                .map((person) =>
                  person.userId === state.facilitatorId
                    ? `${person.name} (facilitator)`
                    : person.name,
                )
                .join(", ")}
        </p>
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
