"use client";

import { useId } from "react";
import type { Diagram } from "@/lib/model/diagrams";
import { DIAGRAM_LAYER_LABELS } from "@/lib/model/diagrams";
import { cx, FOCUS_RING } from "@/components/ui/class-names";
import type { NamedDiagram } from "./use-diagram-records";

export interface DiagramBreadcrumbsProps {
  /** From the top diagram down to the current one. */
  path: readonly Diagram[];
  diagrams: readonly NamedDiagram[];
  current: NamedDiagram;
  onOpenDiagram: (diagramId: string) => void;
}

/**
 * Where the current diagram sits, on one line: the diagrams above it as breadcrumbs (in a
 * sub-diagram), the current diagram's hierarchical name ("Web Service - Worker") and depth
 * layer, and a picker of every diagram of the model.
 */
export function DiagramBreadcrumbs({
  path,
  diagrams,
  current,
  onOpenDiagram,
}: DiagramBreadcrumbsProps) {
  const pickerId = useId();
  const namesById = new Map(diagrams.map((diagram) => [diagram.id, diagram.hierarchicalName]));
  return (
    <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
      <div className="flex min-w-0 flex-wrap items-baseline gap-x-1">
        {path.length > 1 ? (
          <nav aria-label="Diagram path">
            <ol className="flex flex-wrap items-center gap-1 text-sm text-slate-600">
              {path
                .filter((diagram) => diagram.id !== current.id)
                .map((diagram) => (
                  <li key={diagram.id} className="flex items-center gap-1">
                    <button
                      type="button"
                      onClick={() => onOpenDiagram(diagram.id)}
                      className={cx("rounded text-indigo-700 hover:underline", FOCUS_RING)}
                    >
                      {namesById.get(diagram.id) || diagram.title}
                    </button>
                    <span aria-hidden="true" className="text-slate-400">
                      /
                    </span>
                  </li>
                ))}
            </ol>
          </nav>
        ) : null}
        <h2 className="truncate text-base font-semibold text-slate-900">
          {current.hierarchicalName || current.title}
          <span className="ml-2 text-sm font-normal text-slate-500">
            Layer {current.layer} · {DIAGRAM_LAYER_LABELS[current.layer]}
          </span>
        </h2>
      </div>
      {diagrams.length > 1 ? (
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor={pickerId} className="text-slate-600">
            Diagram
          </label>
          <select
            id={pickerId}
            value={current.id}
            onChange={(event) => onOpenDiagram(event.target.value)}
            className={cx(
              "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm",
              FOCUS_RING,
            )}
          >
            {diagrams.map((diagram) => (
              <option key={diagram.id} value={diagram.id}>
                {`${"  ".repeat(diagram.layer)}${diagram.hierarchicalName || diagram.title}`}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </div>
  );
}
