"use client";

import { decisionKey } from "@/lib/review/targets";
import { DiscussionBadge } from "@/components/review/discussion-badge";
import { useDiscussionContext } from "@/components/review/use-discussion";
import { Button } from "@/components/ui/button";
import { useState } from "react";
import type * as Y from "yjs";
import { listNoteItems, type NoteItem } from "@/lib/model/notes";
import { useThreatRecords } from "@/components/mitigations/use-document-records";
import { cx, FOCUS_RING } from "@/components/ui/class-names";
import { useDocumentValue } from "./notes-context";

const FILTERS = {
  all: { label: "All", keep: () => true },
  decisions: { label: "Decisions", keep: (item: NoteItem) => item.type === "decision" },
  open: { label: "Open actions", keep: (item: NoteItem) => item.type === "action" && !item.done },
} as const;
type Filter = keyof typeof FILTERS;

/** Scrolls the notes editor to a top-level block and puts the caret in it when it can. */
function revealBlock(blockIndex: number): void {
  const block = document.querySelector<HTMLElement>(
    `.notes-content > :nth-child(${blockIndex + 1})`,
  );
  block?.scrollIntoView({ block: "center", behavior: "smooth" });
  block?.classList.add("ring-2", "ring-indigo-400");
  setTimeout(() => block?.classList.remove("ring-2", "ring-indigo-400"), 1200);
}

/**
 * The decisions and action items written in the notes, on their own list: who, what, when
 * due, which threat, done or open, updated live as anyone edits the notes. A click shows the
 * block in the notes.
 */
export function NoteItemsList({ doc }: { doc: Y.Doc }) {
  const items = useDocumentValue(doc, listNoteItems, (value) => JSON.stringify(value));
  const threats = useThreatRecords(doc);
  const [filter, setFilter] = useState<Filter>("all");
  const shown = items.filter(FILTERS[filter].keep);
  const today = new Date().toISOString().slice(0, 10);

  return (
    <section
      aria-labelledby="note-items-heading"
      className="rounded-md border border-slate-200 bg-white"
    >
      <div className="border-b border-slate-200 px-3 py-2">
        <h2 id="note-items-heading" className="text-sm font-semibold text-slate-900">
          Decisions and action items
        </h2>
        <div role="group" aria-label="Show" className="mt-2 flex gap-1">
          {(Object.keys(FILTERS) as Filter[]).map((key) => (
            <button
              key={key}
              type="button"
              aria-pressed={filter === key}
              onClick={() => setFilter(key)}
              className={cx(
                "rounded px-2 py-0.5 text-xs",
                FOCUS_RING,
                filter === key
                  ? "bg-indigo-100 text-indigo-800"
                  : "text-slate-600 hover:bg-slate-100",
              )}
            >
              {FILTERS[key].label} ({items.filter(FILTERS[key].keep).length})
            </button>
          ))}
        </div>
      </div>
      {shown.length === 0 ? (
        <p className="px-3 py-4 text-sm text-slate-500">
          {items.length === 0
            ? "No decisions or action items yet. Turn a line of the notes into one with the Decision or Action item button."
            : "Nothing matches this filter."}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Decisions and action items">
          {shown.map((item, index) => {
            const threat = item.threatId
              ? threats.find((candidate) => candidate.id === item.threatId)
              : null;
            const isOverdue =
              item.type === "action" && !item.done && item.due !== null && item.due < today;
            return (
              <li key={`${item.blockIndex}-${index}`} className="flex items-start">
                <button
                  type="button"
                  onClick={() => revealBlock(item.blockIndex)}
                  className={cx(
                    "block min-w-0 flex-1 px-3 py-2 text-left hover:bg-slate-50",
                    FOCUS_RING,
                  )}
                >
                  <span
                    className={cx(
                      "mr-2 rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase",
                      item.type === "decision"
                        ? "bg-emerald-100 text-emerald-800"
                        : "bg-amber-100 text-amber-800",
                    )}
                  >
                    {item.type === "decision" ? "Decision" : item.done ? "Done" : "Action"}
                  </span>
                  <span className={cx("text-sm", item.done && "text-slate-500 line-through")}>
                    {item.text || "(no text)"}
                  </span>
                  <span className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-600">
                    {item.type === "action" ? (
                      <span>Who: {item.assignee || "unassigned"}</span>
                    ) : null}
                    {item.due ? (
                      <span className={cx(isOverdue && "font-medium text-red-700")}>
                        Due {item.due}
                        {isOverdue ? " (overdue)" : ""}
                      </span>
                    ) : null}
                    {item.threatId ? (
                      <span>Threat: {threat ? threat.title : "deleted"}</span>
                    ) : null}
                  </span>
                </button>
                {item.type === "decision" && item.text ? (
                  <DiscussDecision text={item.text} />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The decision's open-thread count and a way into its discussion (in a workspace only). */
function DiscussDecision({ text }: { text: string }) {
  const context = useDiscussionContext();
  if (!context) return null;
  const target = { kind: "decision" as const, id: decisionKey(text) };
  return (
    <span className="flex shrink-0 items-center gap-1 py-2 pr-2">
      <DiscussionBadge kind="decision" id={target.id} name={text} />
      <Button variant="ghost" size="sm" onClick={() => context.openDiscussion({ target })}>
        Discuss
      </Button>
    </span>
  );
}
