import type { RuleElementKind } from "@/lib/stride/rule-types";

/*
 * The yes/no context fields of elements and data flows (lib/model/element-records.ts and
 * flows.ts) that the rule builder offers as "unless" exclusions and "only when" conditions,
 * with how a sentence reads them. context-flags.test.ts checks this table against the lib/model schemas, so a boolean
 * field added there fails the test until it is listed here or ignored on purpose.
 */

/** A yes/no context field of one kind of element (or of data flows). */
export interface ContextFlag {
  /** The field name in the stored element or flow, e.g. `holdsCredentials`. */
  property: string;
  /** What the field says when it is true, after the subject: "holds credentials". */
  phrase: string;
  /** The field may also be "not answered" (null), not only yes or no. */
  isAnswer: boolean;
}

/** The yes/no context fields of each kind, in the order the builder lists them. */
export const CONTEXT_FLAGS: Readonly<Record<RuleElementKind, readonly ContextFlag[]>> = {
  "data-flow": [
    { property: "authenticated", phrase: "is authenticated", isAnswer: true },
    { property: "encrypted", phrase: "is encrypted", isAnswer: true },
    { property: "forgeryProtection", phrase: "has forgery protection", isAnswer: true },
  ],
  "external-entity": [],
  process: [{ property: "sandboxed", phrase: "runs in a sandbox", isAnswer: true }],
  "data-store": [
    { property: "holdsLogs", phrase: "holds logs", isAnswer: false },
    { property: "holdsCredentials", phrase: "holds credentials", isAnswer: false },
    { property: "holdsSecrets", phrase: "holds secrets", isAnswer: false },
    { property: "holdsBackups", phrase: "holds backups", isAnswer: false },
    { property: "sharesData", phrase: "shares data between parties", isAnswer: false },
    { property: "encrypted", phrase: "is encrypted", isAnswer: true },
    { property: "diskEncrypted", phrase: "is on an encrypted disk", isAnswer: true },
    { property: "signed", phrase: "holds signed data", isAnswer: true },
  ],
  "trust-boundary": [],
};

/**
 * Boolean fields that are not context a rule should test: out-of-scope items get no threats
 * anyway, and a bidirectional flow already runs its rules in both directions.
 */
export const IGNORED_BOOLEAN_FIELDS: readonly string[] = ["outOfScope", "bidirectional"];
