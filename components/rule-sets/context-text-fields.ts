import type { RuleElementKind } from "@/lib/stride/rule-types";

/*
 * The short-text fields of elements and data flows (lib/model/element-records.ts and flows.ts)
 * that the rule builder offers in text conditions ("the data flow's protocol contains HTTP").
 * context-text-fields.test.ts checks this table against the lib/model schemas, so a short-text
 * field added there fails the test until it is listed here or ignored on purpose.
 */

/** A short-text field of one kind of element (or of data flows). */
export interface ContextTextField {
  /** The field name in the stored element or flow, e.g. `protocol`. */
  property: string;
  /** What a sentence calls the field, after "the data flow's": "protocol", "data carried". */
  noun: string;
}

const NAME: ContextTextField = { property: "name", noun: "name" };
const AUTHENTICATION: ContextTextField = { property: "authentication", noun: "authentication" };
const AUTHORIZATION: ContextTextField = { property: "authorization", noun: "authorization" };

/** The short-text fields of each kind, in the order the builder lists them. */
export const CONTEXT_TEXT_FIELDS: Readonly<Record<RuleElementKind, readonly ContextTextField[]>> = {
  "data-flow": [
    NAME,
    { property: "protocol", noun: "protocol" },
    { property: "dataCarried", noun: "data carried" },
  ],
  "external-entity": [NAME, AUTHENTICATION, AUTHORIZATION],
  process: [NAME, { property: "code", noun: "code" }, AUTHENTICATION, AUTHORIZATION],
  "data-store": [
    NAME,
    { property: "storeType", noun: "store type" },
    { property: "accessControl", noun: "access control" },
  ],
  "trust-boundary": [NAME],
};
