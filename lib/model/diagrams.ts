import type * as Y from "yjs";
import { z } from "zod";
import { stripInvisibleFormatting } from "../text";
import { LIMITS } from "../limits";
import { getElement, listElementsOfDiagram } from "./element-records";
import { deleteElement } from "./elements";
import { compareStrings, createEntityMap } from "./entity-map";
import type { EntityChange, WithoutId } from "./entity-map";
import { idSchema } from "./fields";
import { deleteFlow, listFlowsOfDiagram } from "./flows";
import { getDiagramsMap } from "./roots";
import { failValidation, parseInput } from "./validation";

/**
 * Depth layers of a DFD: 0 system (context diagram), 1 process, 2 subprocess, 3 lower level.
 * Most models need layers 0 and 1.
 */
export const DIAGRAM_LAYERS = [0, 1, 2, 3] as const;
export type DiagramLayer = (typeof DIAGRAM_LAYERS)[number];

export const DIAGRAM_LAYER_LABELS: Record<DiagramLayer, string> = {
  0: "System",
  1: "Process",
  2: "Subprocess",
  3: "Lower level",
};

const editableDiagramShape = {
  /** Hierarchical names read "Service - Worker - Parser". */
  title: z
    .string()
    .transform(stripInvisibleFormatting)
    .pipe(z.string().trim().min(1).max(LIMITS.elementNameLength)),
  layer: z.literal(DIAGRAM_LAYERS),
  /** The process this diagram zooms into; null for a top-level diagram. */
  parentElementId: idSchema.nullable(),
};

/** A stored diagram. */
export const diagramSchema = z.object({ id: idSchema, ...editableDiagramShape });
export type Diagram = z.infer<typeof diagramSchema>;

/** The values of fields not given on creation, and of stored fields that fail validation. */
export const DIAGRAM_DEFAULTS: WithoutId<Diagram> = {
  title: "Untitled diagram",
  layer: 0,
  parentElementId: null,
};

/** A change to a diagram; unknown keys are refused. */
export const diagramPatchSchema = z.strictObject(editableDiagramShape).partial();
export type DiagramPatch = z.input<typeof diagramPatchSchema>;

/** A new diagram: title required; layer 0 and no parent by default. */
export const newDiagramInputSchema = diagramPatchSchema.required({ title: true });
export type NewDiagramInput = z.input<typeof newDiagramInputSchema>;

const diagrams = createEntityMap<Diagram>({
  noun: "diagram",
  getRoot: getDiagramsMap,
  schema: diagramSchema,
  getDefaults: () => DIAGRAM_DEFAULTS,
  compare: (a, b) =>
    a.layer - b.layer || compareStrings(a.title, b.title) || compareStrings(a.id, b.id),
});

function assertParentIsProcess(doc: Y.Doc, parentElementId: string | null | undefined): void {
  if (parentElementId === null || parentElementId === undefined) return;
  if (getElement(doc, parentElementId)?.kind !== "process") {
    failValidation("diagram", "parentElementId", "Only a process can be zoomed into");
  }
}

/** Every readable diagram, by layer, then title, then id. */
export function listDiagrams(doc: Y.Doc): Diagram[] {
  return diagrams.list(doc);
}

/** The diagram with this id, or null when absent or unreadable. */
export function getDiagram(doc: Y.Doc, id: string): Diagram | null {
  return diagrams.get(doc, id);
}

/**
 * Adds a diagram and returns its id. A parent, when given, must be an existing process. Throws
 * AppError("bad_request") for invalid input.
 */
export function addDiagram(doc: Y.Doc, input: NewDiagramInput): string {
  const parsed = parseInput(newDiagramInputSchema, input, "diagram");
  assertParentIsProcess(doc, parsed.parentElementId);
  return diagrams.insert(doc, DIAGRAM_DEFAULTS, parsed);
}

/** Applies `patch`, writing only changed fields; returns whether anything changed. */
export function updateDiagram(doc: Y.Doc, id: string, patch: DiagramPatch): boolean {
  const parsed = parseInput(diagramPatchSchema, patch, "diagram");
  assertParentIsProcess(doc, parsed.parentElementId);
  return diagrams.update(doc, id, () => parsed);
}

/**
 * The diagram that zooms into this process: the existing one when there is one (the first in
 * listDiagrams order, should two peers have opened it at once), else a new diagram one layer
 * below the process's diagram, titled with the process name. Returns its id. Throws
 * AppError("bad_request") when the element is not a process, its diagram is gone, or its
 * diagram is already at the deepest layer (3).
 */
export function openSubDiagram(doc: Y.Doc, processId: string): string {
  const process = getElement(doc, processId);
  if (process?.kind !== "process") {
    failValidation("diagram", "parentElementId", "Only a process can be zoomed into");
  }
  const existing = diagrams.list(doc).find((diagram) => diagram.parentElementId === processId);
  if (existing !== undefined) return existing.id;
  const processDiagram = diagrams.get(doc, process.diagramId);
  if (processDiagram === null) {
    failValidation("diagram", "parentElementId", "The diagram of this process no longer exists");
  }
  const layer = DIAGRAM_LAYERS[processDiagram.layer + 1];
  if (layer === undefined) {
    failValidation(
      "diagram",
      "layer",
      `${DIAGRAM_LAYER_LABELS[processDiagram.layer]} (layer ${processDiagram.layer}) is the deepest layer: this process cannot be zoomed into`,
    );
  }
  const title = process.name.trim() === "" ? DIAGRAM_DEFAULTS.title : process.name;
  return addDiagram(doc, { title, layer, parentElementId: processId });
}

/**
 * Deletes the diagram with its elements and data flows, in one transaction; false when it did
 * not exist. Diagrams that zoom into its processes are kept (their parent id dangles).
 */
export function deleteDiagram(doc: Y.Doc, id: string): boolean {
  let isDeleted = false;
  doc.transact(() => {
    isDeleted = diagrams.remove(doc, id);
    if (!isDeleted) return;
    for (const element of listElementsOfDiagram(doc, id)) deleteElement(doc, element.id);
    for (const flow of listFlowsOfDiagram(doc, id)) deleteFlow(doc, flow.id);
  });
  return isDeleted;
}

/** Calls `onChange` after every transaction touching diagrams; returns unsubscribe. */
export function observeDiagrams(doc: Y.Doc, onChange: (change: EntityChange) => void): () => void {
  return diagrams.observe(doc, onChange);
}
