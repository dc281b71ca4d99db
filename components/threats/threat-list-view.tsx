"use client";

import { useId, useRef, useState, type KeyboardEvent } from "react";
import type { ModelDreadScale } from "@/lib/model/meta";
import type { Threat, ThreatPatch } from "@/lib/model/threats";
import { moveFocusBetweenRows } from "./row-navigation";
import type { NoteItemCounts } from "@/components/notes/use-note-item-counts";
import { cx } from "@/components/ui/class-names";
import { ThreatItem } from "./threat-item";
import {
  ROW_GRID,
  threatColumnNames,
  threatColumnsStyle,
  type ThreatRowDensity,
} from "./threat-row-layout";
import type { ThreatGroup } from "@/lib/model/threat-query";
import type { ThreatTarget, ThreatTargetIndex } from "@/lib/model/threat-targets";

export interface ThreatListViewProps {
  /** The threats to show, filtered, sorted and grouped (one group when not grouped). */
  groups: readonly ThreatGroup[];
  isGrouped: boolean;
  scale: ModelDreadScale;
  isReadOnly: boolean;
  selectedIds: ReadonlySet<string>;
  onSelectedChange: (threatId: string, isSelected: boolean) => void;
  onOpenDetails: (threatId: string) => void;
  /** Applies a change; throws an Error with a readable message when it is refused. */
  onUpdate: (threatId: string, patch: ThreatPatch) => void;
  onDelete: (threat: Threat) => void;
  /** The elements and flows threats target, to name them and link to the diagram. */
  targets: ThreatTargetIndex;
  onShowOnDiagram?: (target: ThreatTarget) => void;
  /** Per threat, the decisions and action items of the notes linked to it. */
  noteCounts?: NoteItemCounts;
  density?: ThreatRowDensity;
}

/**
 * The threats as a list, in sections when grouped. One row at a time is in the Tab order; the
 * arrow keys, Home and End move between rows (across sections) and Enter opens the details.
 */
export function ThreatListView({
  groups,
  isGrouped,
  scale,
  isReadOnly,
  selectedIds,
  onSelectedChange,
  onOpenDetails,
  onUpdate,
  onDelete,
  targets,
  onShowOnDiagram,
  noteCounts,
  density = "comfortable",
}: ThreatListViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const headingPrefix = useId();
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const ids = groups.flatMap((group) => group.threats.map((threat) => threat.id));
  const tabStopId = focusedId !== null && ids.includes(focusedId) ? focusedId : ids[0];

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (containerRef.current) moveFocusBetweenRows(containerRef.current, event);
  }

  function renderRows(threats: readonly Threat[]) {
    return threats.map((threat) => (
      <ThreatItem
        key={threat.id}
        threat={threat}
        scale={scale}
        isReadOnly={isReadOnly}
        isSelected={selectedIds.has(threat.id)}
        onSelectedChange={(isSelected) => onSelectedChange(threat.id, isSelected)}
        tabIndex={threat.id === tabStopId ? 0 : -1}
        onFocusWithin={() => setFocusedId(threat.id)}
        onOpenDetails={() => onOpenDetails(threat.id)}
        onUpdate={(patch) => onUpdate(threat.id, patch)}
        onDelete={() => onDelete(threat)}
        target={threat.targetId === null ? null : (targets.get(threat.targetId) ?? null)}
        onShowOnDiagram={onShowOnDiagram}
        noteCounts={noteCounts?.get(threat.id) ?? null}
        density={density}
      />
    ));
  }

  return (
    <div ref={containerRef} onKeyDown={handleKeyDown}>
      <p id={hintId} className="sr-only">
        Use the up and down arrow keys to move between threats, and Enter to open one.
      </p>
      <div
        aria-hidden="true"
        data-threat-list-header
        style={threatColumnsStyle(density, isReadOnly)}
        className={cx(
          "hidden border-b border-slate-200 bg-slate-50 px-5 py-1.5 text-xs font-medium text-slate-500",
          ROW_GRID,
          density === "compact" ? "gap-x-2" : "gap-x-3",
        )}
      >
        {isReadOnly ? null : <span />}
        {threatColumnNames(density).map((name, index) => (
          <span key={index}>{name}</span>
        ))}
      </div>
      {isGrouped ? (
        groups.map((group) => {
          const headingId = `${headingPrefix}-${group.key}`;
          return (
            <section key={group.key} aria-labelledby={headingId}>
              <h3
                id={headingId}
                className="border-b border-slate-200 bg-slate-50 px-5 py-2 text-sm font-semibold text-slate-700"
              >
                {group.label}{" "}
                <span className="font-normal text-slate-500">({group.threats.length})</span>
              </h3>
              <ul
                aria-label={`${group.label} threats`}
                aria-describedby={hintId}
                className="divide-y divide-slate-200 border-b border-slate-200 last:border-b-0"
              >
                {renderRows(group.threats)}
              </ul>
            </section>
          );
        })
      ) : (
        <ul aria-label="Threats" aria-describedby={hintId} className="divide-y divide-slate-200">
          {renderRows(groups.flatMap((group) => group.threats))}
        </ul>
      )}
    </div>
  );
}
