"use client";

import { useState, type DragEvent } from "react";
import type * as Y from "yjs";
import { categoriesForElement, categoriesForFlow } from "@/lib/facilitation/applicability";
import type { SessionState } from "@/lib/facilitation/session";
import { getElement, listElements } from "@/lib/model/elements";
import { listFlows } from "@/lib/model/flows";
import { Button } from "@/components/ui/button";
import { cx, FOCUS_RING } from "@/components/ui/class-names";

type Command = { type: string } & Record<string, unknown>;

/** What can still be added to the agenda: elements and flows not on it, with their categories. */
function listAddable(doc: Y.Doc, state: SessionState) {
  const onAgenda = new Set(state.agenda.map((item) => item.targetId));
  const elements = listElements(doc)
    .filter((element) => element.kind !== "trust-boundary" && !onAgenda.has(element.id))
    .map((element) => ({
      targetId: element.id,
      targetKind: "element" as const,
      name: element.name,
      categories: categoriesForElement(element),
    }));
  const flows = listFlows(doc)
    .filter((flow) => !onAgenda.has(flow.id))
    .flatMap((flow) => {
      const source = getElement(doc, flow.sourceId);
      const target = getElement(doc, flow.targetId);
      if (
        !source ||
        !target ||
        source.kind === "trust-boundary" ||
        target.kind === "trust-boundary"
      ) {
        return [];
      }
      return [
        {
          targetId: flow.id,
          targetKind: "flow" as const,
          name: flow.name || `${source.name} to ${target.name}`,
          categories: categoriesForFlow(source.kind, target.kind),
        },
      ];
    });
  return [...elements, ...flows];
}

/**
 * The agenda of a session: every item in order with the current one marked. The facilitator
 * reorders by dragging a row (or with its Up and Down buttons), goes to an item, skips one with
 * a reason, and adds an element or flow that is not on it.
 */
export function AgendaPanel({
  doc,
  state,
  canRun,
  isBusy,
  onCommand,
}: {
  doc: Y.Doc;
  state: SessionState;
  canRun: boolean;
  isBusy: boolean;
  onCommand: (command: Command) => Promise<void>;
}) {
  const [dragged, setDragged] = useState<string | null>(null);
  const [skipping, setSkipping] = useState<{ targetId: string; reason: string } | null>(null);
  const [toAdd, setToAdd] = useState("");
  const addable = canRun ? listAddable(doc, state) : [];

  function drop(event: DragEvent, toIndex: number) {
    event.preventDefault();
    if (dragged !== null) void onCommand({ type: "move-item", targetId: dragged, toIndex });
    setDragged(null);
  }

  return (
    <div className="space-y-2">
      <ol aria-label="Agenda" className="max-h-72 space-y-0.5 overflow-auto">
        {state.agenda.map((item, index) => {
          const isCurrent = state.phase === "find" && index === state.itemIndex;
          const skipReason = state.skippedItems[item.targetId];
          return (
            <li
              key={item.targetId}
              draggable={canRun && !isBusy}
              onDragStart={() => setDragged(item.targetId)}
              onDragOver={(event) => event.preventDefault()}
              onDrop={(event) => drop(event, index)}
              aria-current={isCurrent ? "step" : undefined}
              className={cx(
                "flex flex-wrap items-center gap-2 rounded px-2 py-1 text-xs",
                isCurrent ? "bg-indigo-100 font-semibold text-indigo-900" : "text-slate-700",
                canRun && "cursor-grab",
              )}
            >
              <span className="w-5 text-right text-slate-500">{index + 1}.</span>
              <span className={cx("min-w-0 flex-1 truncate", skipReason && "line-through")}>
                {item.name || "(unnamed)"}
              </span>
              {skipReason ? <span className="text-slate-500">skipped: {skipReason}</span> : null}
              {canRun ? (
                <span className="flex gap-1">
                  <button
                    type="button"
                    aria-label={`Move ${item.name} up`}
                    disabled={isBusy || index === 0}
                    onClick={() =>
                      void onCommand({
                        type: "move-item",
                        targetId: item.targetId,
                        toIndex: index - 1,
                      })
                    }
                    className={cx(
                      "rounded px-1 hover:bg-slate-200 disabled:opacity-40",
                      FOCUS_RING,
                    )}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={`Move ${item.name} down`}
                    disabled={isBusy || index === state.agenda.length - 1}
                    onClick={() =>
                      void onCommand({
                        type: "move-item",
                        targetId: item.targetId,
                        toIndex: index + 1,
                      })
                    }
                    className={cx(
                      "rounded px-1 hover:bg-slate-200 disabled:opacity-40",
                      FOCUS_RING,
                    )}
                  >
                    ↓
                  </button>
                  {state.phase === "find" && !skipReason ? (
                    <>
                      <button
                        type="button"
                        disabled={isBusy}
                        onClick={() => void onCommand({ type: "go-to", itemIndex: index })}
                        className={cx(
                          "rounded px-1 text-indigo-700 hover:bg-slate-200",
                          FOCUS_RING,
                        )}
                      >
                        Go to
                      </button>
                      <button
                        type="button"
                        disabled={isBusy}
                        onClick={() => setSkipping({ targetId: item.targetId, reason: "" })}
                        className={cx("rounded px-1 text-slate-600 hover:bg-slate-200", FOCUS_RING)}
                      >
                        Skip
                      </button>
                    </>
                  ) : null}
                </span>
              ) : null}
              {skipping?.targetId === item.targetId ? (
                <form
                  className="flex w-full gap-1 pl-7"
                  onSubmit={(event) => {
                    event.preventDefault();
                    void onCommand({
                      type: "skip-item",
                      targetId: item.targetId,
                      reason: skipping.reason,
                    }).then(() => setSkipping(null));
                  }}
                >
                  <input
                    aria-label={`Why skip ${item.name}`}
                    autoFocus
                    value={skipping.reason}
                    maxLength={500}
                    onChange={(event) => setSkipping({ ...skipping, reason: event.target.value })}
                    placeholder="Why skip it?"
                    className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-0.5"
                  />
                  <Button type="submit" size="sm" disabled={skipping.reason.trim() === ""}>
                    Skip
                  </Button>
                  <Button type="button" variant="ghost" size="sm" onClick={() => setSkipping(null)}>
                    Cancel
                  </Button>
                </form>
              ) : null}
            </li>
          );
        })}
      </ol>
      {canRun && addable.length > 0 ? (
        <form
          className="flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            const item = addable.find((candidate) => candidate.targetId === toAdd);
            if (item) void onCommand({ type: "add-item", item }).then(() => setToAdd(""));
          }}
        >
          <select
            aria-label="Add to the agenda"
            value={toAdd}
            onChange={(event) => setToAdd(event.target.value)}
            className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
          >
            <option value="">Add an element or flow…</option>
            {addable.map((item) => (
              <option key={item.targetId} value={item.targetId}>
                {item.name || "(unnamed)"}
              </option>
            ))}
          </select>
          <Button type="submit" variant="secondary" size="sm" disabled={toAdd === "" || isBusy}>
            Add
          </Button>
        </form>
      ) : null}
    </div>
  );
}
