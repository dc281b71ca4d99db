import type * as Y from "yjs";
import { z } from "zod";
import { stripInvisibleFormatting } from "../text";
import { LIMITS } from "../limits";
import { compareStrings, createEntityMap } from "./entity-map";
import type { EntityChange, WithoutId } from "./entity-map";
import { idSchema, longTextSchema, shortTextSchema, timestampSchema } from "./fields";
import { getMitigationsMap, getThreatsMap } from "./roots";
import { failValidation, parseInput } from "./validation";

/** What a control is made of (Learn's Fix phase). */
export const CONTROL_TYPES = ["physical", "technical", "administrative"] as const;
export type ControlType = (typeof CONTROL_TYPES)[number];

export const CONTROL_TYPE_LABELS: Record<ControlType, string> = {
  physical: "Physical",
  technical: "Technical",
  administrative: "Administrative",
};

/** What a control does about an attack (Learn's Fix phase). */
export const CONTROL_FUNCTIONS = [
  "preventive",
  "detective",
  "corrective",
  "recovery",
  "deterrent",
] as const;
export type ControlFunction = (typeof CONTROL_FUNCTIONS)[number];

export const CONTROL_FUNCTION_LABELS: Record<ControlFunction, string> = {
  preventive: "Preventive",
  detective: "Detective",
  corrective: "Corrective",
  recovery: "Recovery",
  deterrent: "Deterrent",
};

/** Progress of a mitigation, from proposed to done (or dropped). */
export const MITIGATION_STATUSES = ["proposed", "in-progress", "implemented", "abandoned"] as const;
export type MitigationStatus = (typeof MITIGATION_STATUSES)[number];

export const MITIGATION_STATUS_LABELS: Record<MitigationStatus, string> = {
  proposed: "Proposed",
  "in-progress": "In progress",
  implemented: "Implemented",
  abandoned: "Abandoned",
};

/** A three-step rating used for a mitigation's cost and its effectiveness. */
export const RATING_LEVELS = ["low", "medium", "high"] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

const editableMitigationShape = {
  title: z
    .string()
    .transform(stripInvisibleFormatting)
    .pipe(z.string().trim().min(1).max(LIMITS.mitigationTitleLength)),
  description: longTextSchema,
  controlType: z.enum(CONTROL_TYPES),
  controlFunction: z.enum(CONTROL_FUNCTIONS),
  status: z.enum(MITIGATION_STATUSES),
  /** Who is responsible for implementing it, in words (a person or a team). */
  owner: shortTextSchema,
  /** Cost of implementing it; null until rated. */
  cost: z.enum(RATING_LEVELS).nullable(),
  /** How much it reduces the risk; null until rated. */
  effectiveness: z.enum(RATING_LEVELS).nullable(),
  /**
   * The threats it addresses. Stored as a nested Y.Map threatId -> true, so two people linking
   * two threats at the same moment both keep their link.
   */
  threatIds: z.array(idSchema),
};

/** A stored mitigation, as every reader sees it. */
export const mitigationSchema = z.object({
  id: idSchema,
  ...editableMitigationShape,
  author: z.string().max(LIMITS.idLength),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Mitigation = z.infer<typeof mitigationSchema>;

/** The values of fields not given on creation, and of stored fields that fail validation. */
export const MITIGATION_DEFAULTS: WithoutId<Mitigation> = {
  title: "Untitled mitigation",
  description: "",
  controlType: "technical",
  controlFunction: "preventive",
  status: "proposed",
  owner: "",
  cost: null,
  effectiveness: null,
  threatIds: [],
  author: "",
  createdAt: 0,
  updatedAt: 0,
};

/**
 * A change to a mitigation. `threatIds` replaces the whole list (only the difference is
 * written); prefer linkThreat/unlinkThreat for single links.
 */
export const mitigationPatchSchema = z.strictObject(editableMitigationShape).partial();
export type MitigationPatch = z.input<typeof mitigationPatchSchema>;

/** A new mitigation: title required, the rest defaults. */
export const newMitigationInputSchema = mitigationPatchSchema.required({ title: true });
export type NewMitigationInput = z.input<typeof newMitigationInputSchema>;

const mitigations = createEntityMap<Mitigation>({
  noun: "mitigation",
  getRoot: getMitigationsMap,
  schema: mitigationSchema,
  getDefaults: () => MITIGATION_DEFAULTS,
  setFields: ["threatIds"],
  touchField: "updatedAt",
  compare: (a, b) => a.createdAt - b.createdAt || compareStrings(a.id, b.id),
});

function assertThreatsExist(doc: Y.Doc, threatIds: readonly string[] | undefined): void {
  const threats = getThreatsMap(doc);
  const missing = threatIds?.find((threatId) => !threats.has(threatId));
  if (missing !== undefined) failValidation("mitigation", "threatIds", `No threat ${missing}`);
}

/** Every readable mitigation, oldest first. Malformed fields read as MITIGATION_DEFAULTS. */
export function listMitigations(doc: Y.Doc): Mitigation[] {
  return mitigations.list(doc);
}

/** The mitigations linked to this threat, oldest first. */
export function listMitigationsForThreat(doc: Y.Doc, threatId: string): Mitigation[] {
  return mitigations.list(doc).filter((mitigation) => mitigation.threatIds.includes(threatId));
}

/** The mitigation with this id, or null when absent or unreadable. */
export function getMitigation(doc: Y.Doc, id: string): Mitigation | null {
  return mitigations.get(doc, id);
}

/**
 * Records a new mitigation by `authorId` and returns its id. Throws AppError("bad_request") for
 * invalid input or a linked threat id that does not exist.
 */
export function addMitigation(doc: Y.Doc, input: NewMitigationInput, authorId: string): string {
  const parsed = parseInput(newMitigationInputSchema, input, "mitigation");
  const author = parseInput(idSchema, authorId, "author id");
  assertThreatsExist(doc, parsed.threatIds);
  const now = Date.now();
  return mitigations.insert(doc, MITIGATION_DEFAULTS, {
    ...parsed,
    author,
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * Applies `patch`, writing only changed fields and updatedAt in one transaction; returns whether
 * anything changed. Throws AppError("bad_request") or AppError("not_found").
 */
export function updateMitigation(doc: Y.Doc, id: string, patch: MitigationPatch): boolean {
  const parsed = parseInput(mitigationPatchSchema, patch, "mitigation");
  assertThreatsExist(doc, parsed.threatIds);
  return mitigations.update(doc, id, () => parsed);
}

/** Deletes the mitigation; false when it did not exist. Linked threats are not touched. */
export function deleteMitigation(doc: Y.Doc, id: string): boolean {
  return mitigations.remove(doc, id);
}

/**
 * Links a threat to a mitigation (one key of the nested set: concurrent links all survive).
 * Returns false when already linked. Throws AppError("not_found") for an unknown mitigation,
 * AppError("bad_request") for an unknown threat.
 */
export function linkThreat(doc: Y.Doc, mitigationId: string, threatId: string): boolean {
  const parsed = parseInput(idSchema, threatId, "threat id");
  assertThreatsExist(doc, [parsed]);
  return mitigations.setMember(doc, mitigationId, "threatIds", parsed, true);
}

/** Removes a threat's link from a mitigation; false when it was not linked. */
export function unlinkThreat(doc: Y.Doc, mitigationId: string, threatId: string): boolean {
  return mitigations.setMember(doc, mitigationId, "threatIds", threatId, false);
}

/** Removes the threat from every mitigation that links it (used when the threat is deleted). */
export function unlinkThreatFromMitigations(doc: Y.Doc, threatId: string): void {
  doc.transact(() => {
    for (const mitigation of mitigations.list(doc)) {
      if (mitigation.threatIds.includes(threatId)) {
        mitigations.setMember(doc, mitigation.id, "threatIds", threatId, false);
      }
    }
  });
}

/** Calls `onChange` after every transaction touching mitigations; returns unsubscribe. */
export function observeMitigations(
  doc: Y.Doc,
  onChange: (change: EntityChange) => void,
): () => void {
  return mitigations.observe(doc, onChange);
}
