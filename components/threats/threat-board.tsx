"use client";

import { useEffect, useId, useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import type { ModelDreadScale } from "@/lib/model/meta";
import { STRIDE_CATEGORY_LABELS, type Threat, type ThreatStatus } from "@/lib/model/threats";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { ROW_FOCUS_CLASSES, moveFocusBetweenCards } from "./row-navigation";
import { ThreatBadges } from "./threat-badges";
import { STATUS_OPTIONS } from "./threat-options";
import { getAdjacentStatus, groupThreatsByStatus } from "@/lib/model/threat-query";

const DRAG_TYPE = "application/x-threat-id";

export interface ThreatBoardProps {
  /** The threats to show, filtered and sorted; each column keeps this order. */
  threats: readonly Threat[];
  scale: ModelDreadScale;
  isReadOnly: boolean;
  onOpenDetails: (threatId: string) => void;
  /** Sets a threat's status; throws an Error with a readable message when it is refused. */
  onMove: (threatId: string, status: ThreatStatus) => void;
}

/**
 * The threats as a board with one column per status. A card moves with its status select,
 * with Shift+ArrowLeft / Shift+ArrowRight, or by dragging it to another column. Arrow keys
 * move between cards, Enter opens the details.
 */
export function ThreatBoard({
  threats,
  scale,
  isReadOnly,
  onOpenDetails,
  onMove,
}: ThreatBoardProps) {
  const { notify } = useToast();
  const containerRef = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const headingPrefix = useId();
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<ThreatStatus | null>(null);
  /** A card moved with the keyboard is rendered in another column: focus it again there. */
  const refocusIdRef = useRef<string | null>(null);
  const columns = groupThreatsByStatus(threats);
  const ids = threats.map((threat) => threat.id);
  const tabStopId = focusedId !== null && ids.includes(focusedId) ? focusedId : ids[0];

  useEffect(() => {
    const id = refocusIdRef.current;
    if (id === null) return;
    refocusIdRef.current = null;
    containerRef.current
      ?.querySelector<HTMLElement>(`[data-threat-card="${CSS.escape(id)}"]`)
      ?.focus();
  });

  function move(threatId: string, status: ThreatStatus) {
    try {
      onMove(threatId, status);
    } catch (caught) {
      notify({
        tone: "danger",
        message: caught instanceof Error ? caught.message : "The threat could not be moved.",
      });
    }
  }

  function handleCardKeyDown(event: KeyboardEvent<HTMLLIElement>, threat: Threat) {
    if (event.target !== event.currentTarget) return;
    if (event.key === "Enter") {
      event.preventDefault();
      onOpenDetails(threat.id);
      return;
    }
    if (
      isReadOnly ||
      !event.shiftKey ||
      (event.key !== "ArrowLeft" && event.key !== "ArrowRight")
    ) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    const status = getAdjacentStatus(threat.status, event.key === "ArrowLeft" ? -1 : 1);
    if (status === null) return;
    refocusIdRef.current = threat.id;
    move(threat.id, status);
  }

  function handleDrop(event: DragEvent<HTMLElement>, status: ThreatStatus) {
    event.preventDefault();
    setDropTarget(null);
    const threatId = event.dataTransfer.getData(DRAG_TYPE);
    if (threatId !== "" && ids.includes(threatId)) move(threatId, status);
  }

  return (
    <div
      ref={containerRef}
      onKeyDown={(event) =>
        containerRef.current && moveFocusBetweenCards(containerRef.current, event)
      }
      className="overflow-x-auto p-4"
    >
      <p id={hintId} className="sr-only">
        Use the arrow keys to move between cards and Enter to open one.
        {isReadOnly ? "" : " Shift with the left or right arrow moves a card to the next column."}
      </p>
      <div className="grid min-w-[56rem] grid-cols-4 gap-3">
        {columns.map((column) => {
          const { status } = column;
          const headingId = `${headingPrefix}-${status}`;
          return (
            <section
              key={status}
              data-board-column={status}
              aria-labelledby={headingId}
              onDragOver={
                isReadOnly
                  ? undefined
                  : (event) => {
                      event.preventDefault();
                      setDropTarget(status);
                    }
              }
              onDragLeave={() => setDropTarget(null)}
              onDrop={isReadOnly ? undefined : (event) => handleDrop(event, status)}
              className={cx(
                "flex min-h-40 flex-col rounded-lg bg-slate-50 ring-1 ring-slate-200",
                dropTarget === status && "ring-2 ring-indigo-400",
              )}
            >
              <h3 id={headingId} className="px-3 pt-3 pb-2 text-sm font-semibold text-slate-700">
                {column.label}{" "}
                <span className="font-normal text-slate-500">({column.threats.length})</span>
              </h3>
              <ul
                aria-label={column.label}
                aria-describedby={hintId}
                className="flex flex-1 flex-col gap-2 px-2 pb-2"
              >
                {column.threats.map((threat) => (
                  <BoardCard
                    key={threat.id}
                    threat={threat}
                    scale={scale}
                    isReadOnly={isReadOnly}
                    tabIndex={threat.id === tabStopId ? 0 : -1}
                    onFocusWithin={() => setFocusedId(threat.id)}
                    onKeyDown={(event) => handleCardKeyDown(event, threat)}
                    onOpenDetails={() => onOpenDetails(threat.id)}
                    onMove={(next) => move(threat.id, next)}
                  />
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}

interface BoardCardProps {
  threat: Threat;
  scale: ModelDreadScale;
  isReadOnly: boolean;
  tabIndex: 0 | -1;
  onFocusWithin: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLLIElement>) => void;
  onOpenDetails: () => void;
  onMove: (status: ThreatStatus) => void;
}

function BoardCard({
  threat,
  scale,
  isReadOnly,
  tabIndex,
  onFocusWithin,
  onKeyDown,
  onOpenDetails,
  onMove,
}: BoardCardProps) {
  const titleId = useId();
  return (
    <li
      aria-labelledby={titleId}
      tabIndex={tabIndex}
      data-threat-card={threat.id}
      draggable={!isReadOnly}
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, threat.id);
        event.dataTransfer.effectAllowed = "move";
      }}
      onFocus={onFocusWithin}
      onKeyDown={onKeyDown}
      className={cx(
        "space-y-2 rounded-md bg-white p-3 shadow-sm ring-1 ring-slate-200",
        !isReadOnly && "cursor-grab",
        ROW_FOCUS_CLASSES,
      )}
    >
      <p id={titleId} className="text-sm font-medium break-words text-slate-900">
        {threat.title}
      </p>
      <div className="flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
        <span>{STRIDE_CATEGORY_LABELS[threat.category]}</span>
        <ThreatBadges threat={threat} scale={scale} />
      </div>
      <div className="flex items-end gap-2">
        <Select
          label="Move to"
          aria-label={`Status of ${threat.title}`}
          className="min-w-0 flex-1"
          options={STATUS_OPTIONS}
          value={threat.status}
          disabled={isReadOnly}
          onValueChange={onMove}
        />
        <Button
          variant="secondary"
          size="sm"
          aria-label={`Details of ${threat.title}`}
          className="mb-0.5"
          onClick={onOpenDetails}
        >
          Details
        </Button>
      </div>
    </li>
  );
}
