"use client";

import type * as Y from "yjs";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ELEMENT_KIND_LABELS } from "@/lib/model/element-records";
import { updateElement } from "@/lib/model/elements";
import { PropertyField } from "./property-controls";
import {
  buildElementPatch,
  ELEMENT_CONTEXT_FIELDS,
  getElementBasicFields,
  OUT_OF_SCOPE_FIELD,
  OUT_OF_SCOPE_REASON_FIELD,
  readField,
  type FieldDefinition,
  type FieldValue,
} from "./property-fields";
import { useElementRecord } from "./use-selection-records";

export interface ElementPropertiesProps {
  doc: Y.Doc;
  elementId: string;
  isReadOnly: boolean;
}

/**
 * Every field of one element: name and description, the context fields of its kind, and out of
 * scope with its reason (shown once it is out of scope). Each field saves on its own.
 */
export function ElementProperties({ doc, elementId, isReadOnly }: ElementPropertiesProps) {
  const element = useElementRecord(doc, elementId);
  if (element === null) {
    return <Alert tone="warning">Someone deleted this element while you had it selected.</Alert>;
  }

  const fields: FieldDefinition[] = [
    ...getElementBasicFields(element.kind),
    ...ELEMENT_CONTEXT_FIELDS[element.kind],
    OUT_OF_SCOPE_FIELD,
    ...(element.outOfScope ? [OUT_OF_SCOPE_REASON_FIELD] : []),
  ];

  function save(key: string, value: FieldValue) {
    if (element === null) return;
    updateElement(doc, element.id, buildElementPatch(element.kind, key, value));
  }

  return (
    <div className="space-y-4">
      <Badge tone="accent">{ELEMENT_KIND_LABELS[element.kind]}</Badge>
      {fields.map((field) => (
        <PropertyField
          key={field.key}
          definition={field}
          value={readField(element, field.key)}
          isDisabled={isReadOnly}
          onSave={(value) => save(field.key, value)}
        />
      ))}
    </div>
  );
}
