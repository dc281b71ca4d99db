"use client";

import type * as Y from "yjs";
import { Alert } from "@/components/ui/alert";
import { LIMITS } from "@/lib/limits";
import { DIAGRAM_LAYER_LABELS, updateDiagram } from "@/lib/model/diagrams";
import { CommittedTextField } from "./property-controls";
import { parseDiagramTitle } from "./property-fields";
import { useDiagram } from "./use-selection-records";

export interface DiagramSettingsProps {
  doc: Y.Doc;
  diagramId: string;
  isReadOnly: boolean;
}

/** What the panel shows with nothing selected: the diagram's title and depth layer. */
export function DiagramSettings({ doc, diagramId, isReadOnly }: DiagramSettingsProps) {
  const diagram = useDiagram(doc, diagramId);
  if (diagram === null) {
    return <Alert tone="warning">Someone deleted this diagram.</Alert>;
  }
  return (
    <div className="space-y-4">
      <CommittedTextField
        label="Diagram title"
        value={diagram.title}
        maxLength={LIMITS.elementNameLength}
        isDisabled={isReadOnly}
        parse={parseDiagramTitle}
        onSave={(title) => {
          if (typeof title === "string") updateDiagram(doc, diagramId, { title });
        }}
      />
      <div className="space-y-1">
        <p className="text-sm font-medium text-slate-700">Depth layer</p>
        <p className="text-sm text-slate-900">
          Layer {diagram.layer}: {DIAGRAM_LAYER_LABELS[diagram.layer]}
        </p>
      </div>
      <p className="text-sm text-slate-500">
        Select an element or a data flow to see and edit its details.
      </p>
    </div>
  );
}
