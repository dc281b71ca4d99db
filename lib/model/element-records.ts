import type * as Y from "yjs";
import { z } from "zod";
import { compareStrings, createEntityMap } from "./entity-map";
import type { WithoutId } from "./entity-map";
import {
  answerSchema,
  coordinateSchema,
  idSchema,
  longTextSchema,
  nameSchema,
  shortTextSchema,
} from "./fields";
import { getElementsMap } from "./roots";

/*
 * The records of DFD elements: schemas, types, defaults and reads. Writes live in elements.ts;
 * this half exists so flows.ts can read elements while elements.ts deletes flows, without an
 * import cycle.
 */

/** The four kinds of DFD element. */
export const ELEMENT_KINDS = [
  "external-entity",
  "process",
  "data-store",
  "trust-boundary",
] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];

export const ELEMENT_KIND_LABELS: Record<ElementKind, string> = {
  "external-entity": "External entity",
  process: "Process",
  "data-store": "Data store",
  "trust-boundary": "Trust boundary",
};

/** True when `value` is one of ELEMENT_KINDS. */
export function isElementKind(value: unknown): value is ElementKind {
  return ELEMENT_KINDS.some((kind) => kind === value);
}

/** Inside the organization (another team's service) or outside it. */
export const PARTY_KINDS = ["internal", "external"] as const;
/** Human, service provider or web service (external entity "Type"). */
export const EXTERNAL_ENTITY_TYPES = ["human", "service-provider", "web-service"] as const;
/** Permissions a process needs to run. */
export const PERMISSION_LEVELS = ["local", "administrator", "kernel"] as const;
/** Who can send input to a process. */
export const INPUT_SOURCES = ["everyone", "local-accounts", "administrators"] as const;
/** A trust boundary drawn as a box (a sandbox, a network) or a line (the internet edge). */
export const BOUNDARY_SHAPES = ["box", "line"] as const;

const sizeSchema = z.number().finite().nonnegative();

/** Fields every kind has. */
const commonShape = {
  name: nameSchema,
  description: longTextSchema,
  x: coordinateSchema,
  y: coordinateSchema,
  width: sizeSchema,
  height: sizeSchema,
  outOfScope: z.boolean(),
  /** Why the element is out of scope; expected when outOfScope is true. */
  outOfScopeReason: longTextSchema,
};

/** Element context of each kind, from the element context table of the method. */
const contextShapes = {
  "external-entity": {
    /** Internal (another team) or external (outside the organization); null = not answered. */
    party: z.enum(PARTY_KINDS).nullable(),
    entityType: z.enum(EXTERNAL_ENTITY_TYPES).nullable(),
    /** How it authenticates (e.g. "Entra ID", "API key"). */
    authentication: shortTextSchema,
    /** How its access is authorized (e.g. "ACLs", "RBAC"). */
    authorization: shortTextSchema,
  },
  process: {
    /** Language or runtime: "C#", "Java", "native C++", "Python"... */
    code: shortTextSchema,
    permissionLevel: z.enum(PERMISSION_LEVELS).nullable(),
    /** Runs in a sandbox (service isolation); null = not answered. */
    sandboxed: answerSchema,
    acceptsInputFrom: z.enum(INPUT_SOURCES).nullable(),
    /** How it parses, handles and accepts input. */
    inputValidation: longTextSchema,
    authentication: shortTextSchema,
    authorization: shortTextSchema,
  },
  "data-store": {
    /** What kind of storage: "Azure SQL", "cookies", "local files"... */
    storeType: shortTextSchema,
    /** Holds logs or audit data: makes repudiation apply to it. */
    holdsLogs: z.boolean(),
    holdsCredentials: z.boolean(),
    holdsSecrets: z.boolean(),
    holdsBackups: z.boolean(),
    /** Used to share data between parties. */
    sharesData: z.boolean(),
    /** Who has read and write access, and how access control is implemented. */
    accessControl: shortTextSchema,
    encrypted: answerSchema,
    diskEncrypted: answerSchema,
    /** Data is digitally signed. */
    signed: answerSchema,
  },
  "trust-boundary": {
    shape: z.enum(BOUNDARY_SHAPES),
    // A line runs from (x, y) to (x + width, y + height), so its sizes may be negative.
    width: coordinateSchema,
    height: coordinateSchema,
  },
} as const;

/** Fields that never change after creation. */
const fixedShape = { id: idSchema, diagramId: idSchema };

export const externalEntitySchema = z.object({
  ...fixedShape,
  kind: z.literal("external-entity"),
  ...commonShape,
  ...contextShapes["external-entity"],
});
export const processSchema = z.object({
  ...fixedShape,
  kind: z.literal("process"),
  ...commonShape,
  ...contextShapes.process,
});
export const dataStoreSchema = z.object({
  ...fixedShape,
  kind: z.literal("data-store"),
  ...commonShape,
  ...contextShapes["data-store"],
});
export const trustBoundarySchema = z.object({
  ...fixedShape,
  kind: z.literal("trust-boundary"),
  ...commonShape,
  ...contextShapes["trust-boundary"],
});

/** A stored DFD element of any kind, discriminated by `kind`. */
export const diagramElementSchema = z.discriminatedUnion("kind", [
  externalEntitySchema,
  processSchema,
  dataStoreSchema,
  trustBoundarySchema,
]);
export type ExternalEntityElement = z.infer<typeof externalEntitySchema>;
export type ProcessElement = z.infer<typeof processSchema>;
export type DataStoreElement = z.infer<typeof dataStoreSchema>;
export type TrustBoundaryElement = z.infer<typeof trustBoundarySchema>;
/** A DFD element (named so to avoid the DOM's global `Element`). */
export type DiagramElement = z.infer<typeof diagramElementSchema>;

/** A change to an element of one kind: common and context fields, never id, kind or diagram. */
export const elementPatchSchemas = {
  "external-entity": z
    .strictObject({ ...commonShape, ...contextShapes["external-entity"] })
    .partial(),
  process: z.strictObject({ ...commonShape, ...contextShapes.process }).partial(),
  "data-store": z.strictObject({ ...commonShape, ...contextShapes["data-store"] }).partial(),
  "trust-boundary": z
    .strictObject({ ...commonShape, ...contextShapes["trust-boundary"] })
    .partial(),
};

/** A new element: kind and diagram required, everything else defaults. */
export const newElementInputSchema = z.discriminatedUnion("kind", [
  elementPatchSchemas["external-entity"].extend({
    kind: z.literal("external-entity"),
    diagramId: idSchema,
  }),
  elementPatchSchemas.process.extend({ kind: z.literal("process"), diagramId: idSchema }),
  elementPatchSchemas["data-store"].extend({ kind: z.literal("data-store"), diagramId: idSchema }),
  elementPatchSchemas["trust-boundary"].extend({
    kind: z.literal("trust-boundary"),
    diagramId: idSchema,
  }),
]);
export type NewElementInput = z.input<typeof newElementInputSchema>;

const commonDefaults = {
  diagramId: "",
  description: "",
  x: 0,
  y: 0,
  outOfScope: false,
  outOfScopeReason: "",
};

/** Defaults of each kind: for fields not given on creation and stored fields that fail parsing. */
export const ELEMENT_DEFAULTS: {
  [K in ElementKind]: WithoutId<Extract<DiagramElement, { kind: K }>>;
} = {
  "external-entity": {
    ...commonDefaults,
    kind: "external-entity",
    name: "External entity",
    width: 160,
    height: 80,
    party: null,
    entityType: null,
    authentication: "",
    authorization: "",
  },
  process: {
    ...commonDefaults,
    kind: "process",
    name: "Process",
    width: 120,
    height: 120,
    code: "",
    permissionLevel: null,
    sandboxed: null,
    acceptsInputFrom: null,
    inputValidation: "",
    authentication: "",
    authorization: "",
  },
  "data-store": {
    ...commonDefaults,
    kind: "data-store",
    name: "Data store",
    width: 160,
    height: 64,
    storeType: "",
    holdsLogs: false,
    holdsCredentials: false,
    holdsSecrets: false,
    holdsBackups: false,
    sharesData: false,
    accessControl: "",
    encrypted: null,
    diskEncrypted: null,
    signed: null,
  },
  "trust-boundary": {
    ...commonDefaults,
    kind: "trust-boundary",
    name: "Trust boundary",
    width: 400,
    height: 300,
    shape: "box",
  },
};

/** The entity map of elements; an entry of unknown kind is unreadable and left out. */
export const elementStore = createEntityMap<DiagramElement>({
  noun: "element",
  getRoot: getElementsMap,
  schema: diagramElementSchema,
  getDefaults: (raw) => (isElementKind(raw.kind) ? ELEMENT_DEFAULTS[raw.kind] : null),
  keptFields: ["kind"],
  // Boundaries first, so they are drawn beneath the nodes they enclose.
  compare: (a, b) =>
    Number(b.kind === "trust-boundary") - Number(a.kind === "trust-boundary") ||
    compareStrings(a.id, b.id),
});

/** Every readable element, trust boundaries first, then by id. */
export function listElements(doc: Y.Doc): DiagramElement[] {
  return elementStore.list(doc);
}

/** The elements drawn on one diagram, in listElements order. */
export function listElementsOfDiagram(doc: Y.Doc, diagramId: string): DiagramElement[] {
  return elementStore.list(doc).filter((element) => element.diagramId === diagramId);
}

/** The element with this id, or null when absent or unreadable. */
export function getElement(doc: Y.Doc, id: string): DiagramElement | null {
  return elementStore.get(doc, id);
}
