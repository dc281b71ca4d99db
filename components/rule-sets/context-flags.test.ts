import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  dataStoreSchema,
  externalEntitySchema,
  processSchema,
  trustBoundarySchema,
} from "@/lib/model/element-records";
import { flowSchema } from "@/lib/model/flows";
import { RULE_ELEMENT_KINDS, type RuleElementKind } from "@/lib/stride/rule-types";
import { CONTEXT_FLAGS, IGNORED_BOOLEAN_FIELDS } from "./context-flags";

const SCHEMAS: Record<RuleElementKind, z.ZodObject> = {
  "external-entity": externalEntitySchema,
  process: processSchema,
  "data-store": dataStoreSchema,
  "trust-boundary": trustBoundarySchema,
  "data-flow": flowSchema,
};

/** A field that holds yes/no (possibly "not answered"), and nothing else. */
function isBooleanField(field: z.ZodType): boolean {
  return (
    field.safeParse(true).success &&
    field.safeParse(false).success &&
    !field.safeParse("true").success &&
    !field.safeParse(1).success
  );
}

function listBooleanFields(kind: RuleElementKind): string[] {
  return Object.entries(SCHEMAS[kind].shape)
    .filter(([, field]) => isBooleanField(field))
    .map(([name]) => name);
}

describe("CONTEXT_FLAGS", () => {
  it.each(RULE_ELEMENT_KINDS)("lists every yes/no context field of %s", (kind) => {
    const expected = listBooleanFields(kind).filter(
      (name) => !IGNORED_BOOLEAN_FIELDS.includes(name),
    );
    expect(CONTEXT_FLAGS[kind].map((flag) => flag.property).sort()).toEqual(expected.sort());
  });

  it.each(RULE_ELEMENT_KINDS)("marks the fields of %s that may be left unanswered", (kind) => {
    const schema = SCHEMAS[kind].shape;
    for (const flag of CONTEXT_FLAGS[kind]) {
      expect([flag.property, schema[flag.property]?.safeParse(null).success]).toEqual([
        flag.property,
        flag.isAnswer,
      ]);
    }
  });

  it("lists fields that exist in the model and read as a phrase", () => {
    expect(listBooleanFields("data-store")).toContain("holdsCredentials");
    expect(listBooleanFields("data-flow")).toEqual(
      expect.arrayContaining(["authenticated", "encrypted", "outOfScope", "bidirectional"]),
    );
    for (const flags of Object.values(CONTEXT_FLAGS)) {
      for (const flag of flags) expect(flag.phrase).toMatch(/^[a-z]/);
    }
  });
});
