import { describe, expect, it } from "vitest";
import { ELEMENT_KINDS } from "@/lib/model/element-records";
import { FIELD_WORDS } from "@/lib/stride/field-labels";
import {
  ELEMENT_CONTEXT_FIELDS,
  FLOW_FIELDS,
  OUT_OF_SCOPE_FIELD,
  getElementBasicFields,
  type FieldDefinition,
} from "@/components/diagram/properties/property-fields";

/** What the properties panel shows: field -> label, and option value -> label for choices. */
function readPanel(fields: readonly FieldDefinition[]) {
  return Object.fromEntries(
    fields.map((field) => [
      field.key,
      {
        label: field.label,
        options:
          field.type === "choice"
            ? Object.fromEntries(field.options.map((option) => [option.value, option.label]))
            : null,
      },
    ]),
  );
}

function readWords(kind: keyof typeof FIELD_WORDS) {
  return Object.fromEntries(
    Object.entries(FIELD_WORDS[kind]).map(([key, words]) => [
      key,
      { label: words.label, options: words.type === "choice" ? words.options : null },
    ]),
  );
}

describe("the words rule conditions use for fields", () => {
  it.each(ELEMENT_KINDS)("are the properties panel's labels for a %s", (kind) => {
    const panel = readPanel([
      ...getElementBasicFields(kind),
      ...ELEMENT_CONTEXT_FIELDS[kind],
      ...(kind === "trust-boundary" ? [] : [OUT_OF_SCOPE_FIELD]),
    ]);
    expect(readWords(kind)).toEqual(panel);
  });

  it("are the properties panel's labels for a data flow", () => {
    expect(readWords("data-flow")).toEqual(readPanel([...FLOW_FIELDS, OUT_OF_SCOPE_FIELD]));
  });
});
