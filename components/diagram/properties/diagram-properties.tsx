"use client";

import type * as Y from "yjs";
import { DiagramSettings } from "./diagram-settings";
import { ElementProperties } from "./element-properties";
import { FlowProperties } from "./flow-properties";
import { describeSelection } from "./property-fields";
import { describeTarget } from "@/lib/review/target-names";
import { TargetThreads } from "@/components/review/target-threads";

/** What is selected on the canvas. */
export interface DiagramSelection {
  elementIds: readonly string[];
  flowIds: readonly string[];
}

export interface DiagramPropertiesProps {
  doc: Y.Doc;
  diagramId: string;
  selection: DiagramSelection;
  /** Shows every field disabled, for members who may only read. */
  isReadOnly: boolean;
}

/**
 * The properties panel beside the canvas: the diagram's title and layer when nothing is
 * selected, the fields of the one element or data flow selected, or a count when several are.
 * Every field writes to the shared document and shows others' changes as they arrive.
 */
export function DiagramProperties({
  doc,
  diagramId,
  selection,
  isReadOnly,
}: DiagramPropertiesProps) {
  const { elementIds, flowIds } = selection;
  const count = elementIds.length + flowIds.length;
  const [elementId] = elementIds;
  const [flowId] = flowIds;

  let content;
  if (count === 0) {
    content = (
      <DiagramSettings key={diagramId} doc={doc} diagramId={diagramId} isReadOnly={isReadOnly} />
    );
  } else if (count > 1) {
    content = (
      <div className="space-y-1">
        <p className="text-sm font-medium text-slate-900">
          {describeSelection(elementIds.length, flowIds.length)}
        </p>
        <p className="text-sm text-slate-500">Select a single element or data flow to edit it.</p>
      </div>
    );
  } else if (elementId !== undefined) {
    content = (
      <ElementProperties key={elementId} doc={doc} elementId={elementId} isReadOnly={isReadOnly} />
    );
  } else if (flowId !== undefined) {
    content = <FlowProperties key={flowId} doc={doc} flowId={flowId} isReadOnly={isReadOnly} />;
  }

  const target =
    count === 0
      ? { kind: "diagram" as const, id: diagramId }
      : count !== 1
        ? null
        : elementId !== undefined
          ? { kind: "element" as const, id: elementId }
          : flowId !== undefined
            ? { kind: "flow" as const, id: flowId }
            : null;
  return (
    <section aria-label="Properties" className="space-y-4">
      {content}
      {target ? (
        <TargetThreads
          key={`${target.kind}:${target.id}`}
          target={target}
          name={describeTarget(doc, target)?.name ?? ""}
        />
      ) : null}
    </section>
  );
}
