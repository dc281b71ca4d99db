import type * as Y from "yjs";
import type { z } from "zod";
import {
  ELEMENT_DEFAULTS,
  elementPatchSchemas,
  elementStore,
  newElementInputSchema,
} from "./element-records";
import type { NewElementInput } from "./element-records";
import type { EntityChange } from "./entity-map";
import { deleteFlowsOfElement } from "./flows";
import { getDiagramsMap } from "./roots";
import { failValidation, parseInput } from "./validation";

export {
  BOUNDARY_SHAPES,
  ELEMENT_DEFAULTS,
  ELEMENT_KIND_LABELS,
  ELEMENT_KINDS,
  EXTERNAL_ENTITY_TYPES,
  INPUT_SOURCES,
  PARTY_KINDS,
  PERMISSION_LEVELS,
  diagramElementSchema,
  getElement,
  isElementKind,
  listElements,
  listElementsOfDiagram,
  newElementInputSchema,
} from "./element-records";
export type {
  DataStoreElement,
  DiagramElement,
  ElementKind,
  ExternalEntityElement,
  NewElementInput,
  ProcessElement,
  TrustBoundaryElement,
} from "./element-records";

/**
 * A change to an element: common fields (name, position, size, scope) and the context fields of
 * its kind. Kind and diagram never change. Checked against the element's kind at run time.
 */
export type ElementPatch = {
  [K in keyof typeof elementPatchSchemas]: z.input<(typeof elementPatchSchemas)[K]>;
}[keyof typeof elementPatchSchemas];

/**
 * Adds an element to a diagram and returns its id. Fields not given take the kind's
 * ELEMENT_DEFAULTS. Throws AppError("bad_request") for invalid input, context fields of another
 * kind, or an unknown diagram.
 */
export function addElement(doc: Y.Doc, input: NewElementInput): string {
  const parsed = parseInput(newElementInputSchema, input, "element");
  if (!getDiagramsMap(doc).has(parsed.diagramId)) {
    failValidation("element", "diagramId", "No diagram has this id");
  }
  return elementStore.insert(doc, ELEMENT_DEFAULTS[parsed.kind], parsed);
}

/**
 * Applies `patch`, validated against the element's kind, writing only the fields whose value
 * changes (so one person moving a node and another renaming it both win). Returns whether
 * anything changed. Throws AppError("bad_request") or AppError("not_found").
 */
export function updateElement(doc: Y.Doc, id: string, patch: ElementPatch): boolean {
  return elementStore.update(doc, id, (current) =>
    parseInput(elementPatchSchemas[current.kind], patch, "element"),
  );
}

/**
 * Deletes the element and every data flow that starts or ends at it, in one transaction; false
 * when it did not exist. Threats targeting it and diagrams zooming into it keep the dangling id
 * (readers must tolerate dangling ids anyway: a peer may delete concurrently).
 */
export function deleteElement(doc: Y.Doc, id: string): boolean {
  let isDeleted = false;
  doc.transact(() => {
    isDeleted = elementStore.remove(doc, id);
    if (isDeleted) deleteFlowsOfElement(doc, id);
  });
  return isDeleted;
}

/** Calls `onChange` after every transaction touching elements; returns unsubscribe. */
export function observeElements(doc: Y.Doc, onChange: (change: EntityChange) => void): () => void {
  return elementStore.observe(doc, onChange);
}
