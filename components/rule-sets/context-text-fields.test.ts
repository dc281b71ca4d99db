import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  dataStoreSchema,
  externalEntitySchema,
  processSchema,
  trustBoundarySchema,
} from "@/lib/model/element-records";
import { flowSchema } from "@/lib/model/flows";
import { LIMITS } from "@/lib/limits";
import { RULE_ELEMENT_KINDS, type RuleElementKind } from "@/lib/stride/rule-types";
import { CONTEXT_TEXT_FIELDS } from "./context-text-fields";

const SCHEMAS: Record<RuleElementKind, z.ZodObject> = {
  "external-entity": externalEntitySchema,
  process: processSchema,
  "data-store": dataStoreSchema,
  "trust-boundary": trustBoundarySchema,
  "data-flow": flowSchema,
};

/** A field of free text no longer than a short answer (names included), and nothing else. */
function isShortTextField(field: z.ZodType): boolean {
  return (
    field.safeParse("HTTPS").success &&
    field.safeParse("").success &&
    !field.safeParse("x".repeat(LIMITS.shortTextLength + 1)).success &&
    !field.safeParse(null).success
  );
}

/** Ids are text too, but never context a rule should test. */
const IGNORED_TEXT_FIELDS: readonly string[] = ["id", "diagramId", "sourceId", "targetId"];

describe("CONTEXT_TEXT_FIELDS", () => {
  it.each(RULE_ELEMENT_KINDS)("lists every short-text context field of %s", (kind) => {
    const expected = Object.entries(SCHEMAS[kind].shape)
      .filter(([name, field]) => isShortTextField(field) && !IGNORED_TEXT_FIELDS.includes(name))
      .map(([name]) => name);
    expect(CONTEXT_TEXT_FIELDS[kind].map((field) => field.property).sort()).toEqual(
      expected.sort(),
    );
  });

  it("names each field in lower-case words", () => {
    for (const fields of Object.values(CONTEXT_TEXT_FIELDS)) {
      for (const field of fields) expect(field.noun).toMatch(/^[a-z][a-z ]*$/);
    }
  });
});
