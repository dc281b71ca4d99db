"use client";

import type * as Y from "yjs";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import type { DiagramElement } from "@/lib/model/element-records";
import { updateFlow } from "@/lib/model/flows";
import { PropertyField } from "./property-controls";
import {
  buildFlowPatch,
  FLOW_FIELDS,
  OUT_OF_SCOPE_FIELD,
  OUT_OF_SCOPE_REASON_FIELD,
  readField,
  type FieldDefinition,
  type FieldValue,
} from "./property-fields";
import { useCrossedBoundaries, useElementRecord, useFlowRecord } from "./use-selection-records";

export interface FlowPropertiesProps {
  doc: Y.Doc;
  flowId: string;
  isReadOnly: boolean;
}

/** The name of an element for the "from … to …" line; a placeholder once it is gone. */
function describeEnd(element: DiagramElement | null): string {
  if (element === null) return "a deleted element";
  return element.name.trim() === "" ? "an unnamed element" : `“${element.name}”`;
}

/**
 * Every field of one data flow, then out of scope with its reason, and the trust boundaries it
 * crosses, which follow the drawing as people move things.
 */
export function FlowProperties({ doc, flowId, isReadOnly }: FlowPropertiesProps) {
  const flow = useFlowRecord(doc, flowId);
  const crossed = useCrossedBoundaries(doc, flowId);
  const source = useElementRecord(doc, flow?.sourceId ?? "");
  const target = useElementRecord(doc, flow?.targetId ?? "");
  if (flow === null) {
    return <Alert tone="warning">Someone deleted this data flow while you had it selected.</Alert>;
  }

  const fields: FieldDefinition[] = [
    ...FLOW_FIELDS,
    OUT_OF_SCOPE_FIELD,
    ...(flow.outOfScope ? [OUT_OF_SCOPE_REASON_FIELD] : []),
  ];

  function save(key: string, value: FieldValue) {
    updateFlow(doc, flowId, buildFlowPatch(key, value));
  }

  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <Badge tone="accent">Data flow</Badge>
        <p className="text-sm text-slate-600">
          From {describeEnd(source)} to {describeEnd(target)}
        </p>
      </div>
      {fields.map((field) => (
        <PropertyField
          key={field.key}
          definition={field}
          value={readField(flow, field.key)}
          isDisabled={isReadOnly}
          onSave={(value) => save(field.key, value)}
        />
      ))}
      <section aria-labelledby={`${flowId}-crossings`} className="space-y-1.5">
        <h3 id={`${flowId}-crossings`} className="text-sm font-medium text-slate-700">
          Trust boundaries crossed
        </h3>
        {crossed.length === 0 ? (
          <p className="text-sm text-slate-500">
            None: both ends are on the same side of every boundary.
          </p>
        ) : (
          <ul className="flex flex-wrap gap-1.5">
            {crossed.map((boundary) => (
              <li key={boundary.id}>
                <Badge tone="danger">{boundary.name.trim() || "Unnamed trust boundary"}</Badge>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
