import { LIMITS } from "@/lib/limits";
import {
  BOUNDARY_SHAPES,
  EXTERNAL_ENTITY_TYPES,
  INPUT_SOURCES,
  PARTY_KINDS,
  PERMISSION_LEVELS,
  elementPatchSchemas,
} from "@/lib/model/element-records";
import type { DiagramElement, ElementKind } from "@/lib/model/element-records";
import type { ElementPatch } from "@/lib/model/elements";
import { FLOW_PLANE_LABELS, FLOW_PLANES, flowPatchSchema } from "@/lib/model/flows";
import type { Flow, FlowPatch } from "@/lib/model/flows";
import { parseInput } from "@/lib/model/validation";
import type { SelectOption } from "@/components/ui/select";

/*
 * What the properties panel shows for each kind of element and for a data flow: one definition
 * per field, with the label and help text of the method's element context table. Views render
 * them generically; reading and writing a field go through the helpers below.
 */

/** How a field is edited. */
export type FieldDefinition =
  /** Free text, saved when the field is left or Enter is pressed (single line). */
  | { type: "text"; key: string; label: string; help?: string; maxLength: number }
  /** Free text over several lines, saved when the field is left. */
  | { type: "long-text"; key: string; label: string; help?: string; maxLength: number }
  /** Yes, no or not answered yet (null). */
  | { type: "answer"; key: string; label: string; help?: string }
  /** A flag: true or false. */
  | { type: "flag"; key: string; label: string; help?: string }
  /** One of a fixed list; `isOptional` adds "Not answered" (null). */
  | {
      type: "choice";
      key: string;
      label: string;
      help?: string;
      options: readonly SelectOption[];
      isOptional: boolean;
    }
  /** A flow's position in the numbered sequence, or none. */
  | { type: "sequence"; key: string; label: string; help?: string };

/** The value of a select that stands for null ("not answered"). */
export const UNANSWERED = "";

/** Options of a yes/no question that may not be answered yet. */
export const ANSWER_OPTIONS: readonly SelectOption[] = [
  { value: UNANSWERED, label: "Not answered" },
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

/** A stored answer as a select value. */
export function toAnswerChoice(value: unknown): string {
  if (value === true) return "yes";
  if (value === false) return "no";
  return UNANSWERED;
}

/** A select value as a stored answer. */
export function fromAnswerChoice(choice: string): boolean | null {
  if (choice === "yes") return true;
  if (choice === "no") return false;
  return null;
}

function toOptions<V extends string>(
  values: readonly V[],
  labels: Record<V, string>,
): SelectOption[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

const PARTY_OPTIONS = toOptions(PARTY_KINDS, {
  internal: "Internal (another team of the organization)",
  external: "External (outside the organization)",
});
const ENTITY_TYPE_OPTIONS = toOptions(EXTERNAL_ENTITY_TYPES, {
  human: "Human",
  "service-provider": "Service provider",
  "web-service": "Web service",
});
const PERMISSION_OPTIONS = toOptions(PERMISSION_LEVELS, {
  local: "Local account",
  administrator: "Administrator",
  kernel: "Kernel",
});
const INPUT_SOURCE_OPTIONS = toOptions(INPUT_SOURCES, {
  everyone: "Everyone",
  "local-accounts": "Local accounts",
  administrators: "Administrators only",
});
const BOUNDARY_SHAPE_OPTIONS = toOptions(BOUNDARY_SHAPES, {
  box: "Box: a smaller environment (sandbox, network)",
  line: "Line: the edge of a large environment (the internet)",
});
const PLANE_OPTIONS = toOptions(FLOW_PLANES, FLOW_PLANE_LABELS);

const AUTHENTICATION_FIELD: FieldDefinition = {
  type: "text",
  key: "authentication",
  label: "Authentication",
  help: "What it relies on to prove identity: Entra ID, API keys, client certificates…",
  maxLength: LIMITS.shortTextLength,
};
const AUTHORIZATION_FIELD: FieldDefinition = {
  type: "text",
  key: "authorization",
  label: "Authorization",
  help: "What decides what it may do: ACLs, roles, scopes…",
  maxLength: LIMITS.shortTextLength,
};

/** What the description of each kind should say. */
const DESCRIPTION_HELP: Record<ElementKind, string> = {
  "external-entity": "Who or what it is, and why it is outside your control.",
  process: "What it does and which tasks it handles.",
  "data-store": "What it stores and what reads it.",
  "trust-boundary":
    "Which environment it marks: a corporate network, the internet, a cloud subscription…",
};

/** Name and description, first in every element form. */
export function getElementBasicFields(kind: ElementKind): FieldDefinition[] {
  return [
    { type: "text", key: "name", label: "Name", maxLength: LIMITS.elementNameLength },
    {
      type: "long-text",
      key: "description",
      label: "Description",
      help: DESCRIPTION_HELP[kind],
      maxLength: LIMITS.longTextLength,
    },
  ];
}

/** The context fields of each kind of element, from the method's element context table. */
export const ELEMENT_CONTEXT_FIELDS: Record<ElementKind, readonly FieldDefinition[]> = {
  "external-entity": [
    {
      type: "choice",
      key: "party",
      label: "Source",
      help: "Run by another team of your organization, or by someone outside it?",
      options: PARTY_OPTIONS,
      isOptional: true,
    },
    {
      type: "choice",
      key: "entityType",
      label: "Type",
      help: "A person, a service provider or a web service?",
      options: ENTITY_TYPE_OPTIONS,
      isOptional: true,
    },
    AUTHENTICATION_FIELD,
    AUTHORIZATION_FIELD,
  ],
  process: [
    {
      type: "text",
      key: "code",
      label: "Code",
      help: "The language or runtime: C#, Java, native C++, a scripting language…",
      maxLength: LIMITS.shortTextLength,
    },
    {
      type: "choice",
      key: "permissionLevel",
      label: "Permission level",
      help: "The permissions it needs to run.",
      options: PERMISSION_OPTIONS,
      isOptional: true,
    },
    {
      type: "answer",
      key: "sandboxed",
      label: "Runs in a sandbox",
      help: "Service isolation: is it kept apart from the rest of the system?",
    },
    {
      type: "choice",
      key: "acceptsInputFrom",
      label: "Accepts input from",
      help: "Who can send it input.",
      options: INPUT_SOURCE_OPTIONS,
      isOptional: true,
    },
    {
      type: "long-text",
      key: "inputValidation",
      label: "Input validation",
      help: "How it parses, checks and accepts input.",
      maxLength: LIMITS.longTextLength,
    },
    AUTHENTICATION_FIELD,
    AUTHORIZATION_FIELD,
  ],
  "data-store": [
    {
      type: "text",
      key: "storeType",
      label: "Type",
      help: "Azure SQL, cookies, local files, blob storage…",
      maxLength: LIMITS.shortTextLength,
    },
    {
      type: "flag",
      key: "holdsLogs",
      label: "Holds logs or audit data",
      help: "Repudiation threats then apply to it.",
    },
    { type: "flag", key: "holdsCredentials", label: "Holds credentials" },
    { type: "flag", key: "holdsSecrets", label: "Holds secrets or keys" },
    { type: "flag", key: "holdsBackups", label: "Holds backups" },
    { type: "flag", key: "sharesData", label: "Shares data between parties" },
    {
      type: "text",
      key: "accessControl",
      label: "Access control",
      help: "Who can read and who can write, and how that is enforced.",
      maxLength: LIMITS.shortTextLength,
    },
    { type: "answer", key: "encrypted", label: "Data encrypted" },
    { type: "answer", key: "diskEncrypted", label: "Disk encrypted" },
    { type: "answer", key: "signed", label: "Digitally signed" },
  ],
  "trust-boundary": [
    {
      type: "choice",
      key: "shape",
      label: "Shape",
      options: BOUNDARY_SHAPE_OPTIONS,
      isOptional: false,
    },
  ],
};

/** The fields of a data flow, from the method's data flow context table. */
export const FLOW_FIELDS: readonly FieldDefinition[] = [
  { type: "text", key: "name", label: "Name", maxLength: LIMITS.elementNameLength },
  {
    type: "text",
    key: "dataCarried",
    label: "Data carried",
    help: "Session token, SQL string, user credentials, JSON payload…",
    maxLength: LIMITS.shortTextLength,
  },
  {
    type: "text",
    key: "protocol",
    label: "Protocol",
    help: "HTTPS, SOAP, AMQP…",
    maxLength: LIMITS.shortTextLength,
  },
  { type: "answer", key: "authenticated", label: "Authenticated" },
  { type: "answer", key: "encrypted", label: "Encrypted" },
  {
    type: "answer",
    key: "forgeryProtection",
    label: "Forgery protection",
    help: "Anti-forgery tokens, signed messages or another guard against forged requests.",
  },
  {
    type: "choice",
    key: "plane",
    label: "Plane",
    help: "Control: configuration and administration. Data: what users send and receive.",
    options: PLANE_OPTIONS,
    isOptional: false,
  },
  {
    type: "flag",
    key: "bidirectional",
    label: "Bidirectional",
    help: "The response travels back on the same flow.",
  },
  {
    type: "sequence",
    key: "sequence",
    label: "Sequence number",
    help: "Number the flows so their order is easy to follow. Leave empty for none.",
  },
];

/** The out-of-scope flag and its reason, last in every form. */
export const OUT_OF_SCOPE_FIELD: FieldDefinition = {
  type: "flag",
  key: "outOfScope",
  label: "Out of scope",
  help: "Left out of the analysis: no threats are looked for here.",
};
export const OUT_OF_SCOPE_REASON_FIELD: FieldDefinition = {
  type: "long-text",
  key: "outOfScopeReason",
  label: "Why it is out of scope",
  maxLength: LIMITS.longTextLength,
};

/** The stored value of a field of a record, or undefined when the record has no such field. */
export function readField(record: DiagramElement | Flow, key: string): unknown {
  for (const [name, value] of Object.entries(record)) {
    if (name === key) return value;
  }
  return undefined;
}

/** A value a field writes. */
export type FieldValue = string | number | boolean | null;

/**
 * The one-field change a form writes to an element of this kind, checked against the kind's
 * schema. Throws AppError("bad_request") when the field does not belong there or the value is
 * invalid.
 */
export function buildElementPatch(kind: ElementKind, key: string, value: FieldValue): ElementPatch {
  return parseInput(elementPatchSchemas[kind], { [key]: value }, "element");
}

/** The one-field change a form writes to a data flow; throws like buildElementPatch. */
export function buildFlowPatch(key: string, value: FieldValue): FlowPatch {
  return parseInput(flowPatchSchema, { [key]: value }, "data flow");
}

/** Either the value to save or the message to show under the field. */
export type ParsedInput<T> = { value: T } | { error: string };

/** Reads a sequence number as typed: a whole number of 0 or more, or empty for none. */
export function parseSequence(text: string): ParsedInput<number | null> {
  const trimmed = text.trim();
  if (trimmed === "") return { value: null };
  if (!/^\d+$/.test(trimmed))
    return { error: "Enter a whole number, 0 or more, or leave it empty." };
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? { value } : { error: "This number is too large." };
}

/** Reads a diagram title as typed: trimmed, required. */
export function parseDiagramTitle(text: string): ParsedInput<string> {
  const title = text.trim();
  if (title === "") return { error: "Give the diagram a title." };
  if (title.length > LIMITS.elementNameLength) {
    return { error: `Keep the title under ${LIMITS.elementNameLength} characters.` };
  }
  return { value: title };
}

/** The text a sequence number shows as. */
export function formatSequence(value: unknown): string {
  return typeof value === "number" ? String(value) : "";
}

/** "1 element and 2 data flows selected" for a multiple selection. */
export function describeSelection(elementCount: number, flowCount: number): string {
  const parts: string[] = [];
  if (elementCount > 0)
    parts.push(`${elementCount} ${elementCount === 1 ? "element" : "elements"}`);
  if (flowCount > 0) parts.push(`${flowCount} ${flowCount === 1 ? "data flow" : "data flows"}`);
  return `${parts.join(" and ")} selected`;
}
