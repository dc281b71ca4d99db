import type { RuleElementKind } from "./rule-types";

/*
 * How rule conditions name the fields of elements and data flows in words. Labels are those of
 * the properties panel (components/diagram/properties/property-fields.ts), so that people find
 * the field a rule reads; field-labels.test.ts in components/rule-sets checks that they agree.
 */

/** How a sentence names one stored field. */
export type FieldWords =
  | {
      type: "text";
      /** The properties panel's label, e.g. "Data carried". */
      label: string;
      /** The verb of "contains", when the field reads better with one ("carries"). */
      containsVerb?: { is: string; isNot: string };
    }
  | {
      type: "choice";
      label: string;
      /** Stored value -> the panel's label of that option. */
      options: Readonly<Record<string, string>>;
    }
  | {
      type: "yes-no";
      label: string;
      /** What the subject does when the field is yes: "is encrypted". */
      is: string;
      /** ...and when it is no: "is not encrypted". */
      isNot: string;
    }
  | { type: "number"; label: string };

const NAME: FieldWords = { type: "text", label: "Name" };
const DESCRIPTION: FieldWords = { type: "text", label: "Description" };
const AUTHENTICATION: FieldWords = { type: "text", label: "Authentication" };
const AUTHORIZATION: FieldWords = { type: "text", label: "Authorization" };
const OUT_OF_SCOPE: FieldWords = {
  type: "yes-no",
  label: "Out of scope",
  is: "is out of scope",
  isNot: "is in scope",
};

/** The words of each field of each kind (and of data flows), by stored field name. */
export const FIELD_WORDS: Readonly<Record<RuleElementKind, Readonly<Record<string, FieldWords>>>> =
  {
    "external-entity": {
      name: NAME,
      description: DESCRIPTION,
      party: {
        type: "choice",
        label: "Source",
        options: {
          internal: "Internal (another team of the organization)",
          external: "External (outside the organization)",
        },
      },
      entityType: {
        type: "choice",
        label: "Type",
        options: {
          human: "Human",
          "service-provider": "Service provider",
          "web-service": "Web service",
        },
      },
      authentication: AUTHENTICATION,
      authorization: AUTHORIZATION,
      outOfScope: OUT_OF_SCOPE,
    },
    process: {
      name: NAME,
      description: DESCRIPTION,
      code: { type: "text", label: "Code" },
      permissionLevel: {
        type: "choice",
        label: "Permission level",
        options: { local: "Local account", administrator: "Administrator", kernel: "Kernel" },
      },
      sandboxed: {
        type: "yes-no",
        label: "Runs in a sandbox",
        is: "runs in a sandbox",
        isNot: "does not run in a sandbox",
      },
      acceptsInputFrom: {
        type: "choice",
        label: "Accepts input from",
        options: {
          everyone: "Everyone",
          "local-accounts": "Local accounts",
          administrators: "Administrators only",
        },
      },
      inputValidation: { type: "text", label: "Input validation" },
      authentication: AUTHENTICATION,
      authorization: AUTHORIZATION,
      outOfScope: OUT_OF_SCOPE,
    },
    "data-store": {
      name: NAME,
      description: DESCRIPTION,
      storeType: { type: "text", label: "Type" },
      holdsLogs: {
        type: "yes-no",
        label: "Holds logs or audit data",
        is: "holds logs or audit data",
        isNot: "does not hold logs or audit data",
      },
      holdsCredentials: {
        type: "yes-no",
        label: "Holds credentials",
        is: "holds credentials",
        isNot: "does not hold credentials",
      },
      holdsSecrets: {
        type: "yes-no",
        label: "Holds secrets or keys",
        is: "holds secrets or keys",
        isNot: "does not hold secrets or keys",
      },
      holdsBackups: {
        type: "yes-no",
        label: "Holds backups",
        is: "holds backups",
        isNot: "does not hold backups",
      },
      sharesData: {
        type: "yes-no",
        label: "Shares data between parties",
        is: "shares data between parties",
        isNot: "does not share data between parties",
      },
      accessControl: { type: "text", label: "Access control" },
      encrypted: {
        type: "yes-no",
        label: "Data encrypted",
        is: "has its data encrypted",
        isNot: "does not have its data encrypted",
      },
      diskEncrypted: {
        type: "yes-no",
        label: "Disk encrypted",
        is: "is on an encrypted disk",
        isNot: "is not on an encrypted disk",
      },
      signed: {
        type: "yes-no",
        label: "Digitally signed",
        is: "is digitally signed",
        isNot: "is not digitally signed",
      },
      outOfScope: OUT_OF_SCOPE,
    },
    "trust-boundary": {
      name: NAME,
      description: DESCRIPTION,
      shape: {
        type: "choice",
        label: "Shape",
        options: {
          box: "Box: a smaller environment (sandbox, network)",
          line: "Line: the edge of a large environment (the internet)",
        },
      },
    },
    "data-flow": {
      name: NAME,
      dataCarried: {
        type: "text",
        label: "Data carried",
        containsVerb: { is: "carries", isNot: "does not carry" },
      },
      protocol: { type: "text", label: "Protocol" },
      authenticated: {
        type: "yes-no",
        label: "Authenticated",
        is: "is authenticated",
        isNot: "is not authenticated",
      },
      encrypted: {
        type: "yes-no",
        label: "Encrypted",
        is: "is encrypted",
        isNot: "is not encrypted",
      },
      forgeryProtection: {
        type: "yes-no",
        label: "Forgery protection",
        is: "has forgery protection",
        isNot: "has no forgery protection",
      },
      plane: {
        type: "choice",
        label: "Plane",
        options: { control: "Control plane", data: "Data plane" },
      },
      bidirectional: {
        type: "yes-no",
        label: "Bidirectional",
        is: "is bidirectional",
        isNot: "is one-way",
      },
      sequence: { type: "number", label: "Sequence number" },
      outOfScope: OUT_OF_SCOPE,
    },
  };

/** Kinds looked at, in order, for a field of a source, target or element of unknown kind. */
const ELEMENT_KIND_ORDER: readonly RuleElementKind[] = [
  "data-store",
  "process",
  "external-entity",
  "trust-boundary",
  "data-flow",
];

/**
 * The words for a field a condition reads: the data flow's own for a flow, else the first
 * element kind that has the field (data stores first: most yes/no context is theirs). Null
 * for a field no kind has (e.g. one named by an imported rule).
 */
export function findFieldWords(isFlow: boolean, property: string): FieldWords | null {
  const kinds: readonly RuleElementKind[] = isFlow
    ? ["data-flow", ...ELEMENT_KIND_ORDER]
    : ELEMENT_KIND_ORDER;
  for (const kind of kinds) {
    const fields = FIELD_WORDS[kind];
    if (Object.hasOwn(fields, property)) return fields[property] ?? null;
  }
  return null;
}
