/**
 * The shared document contract: root types, field schemas, typed accessors, schema version and
 * migrations of a threat model's Y.Doc. Import from here; never `doc.getMap("...")` elsewhere.
 */
export * from "./context";
export * from "./diagrams";
export * from "./document";
export * from "./elements";
export type { EntityChange, WithoutId } from "./entity-map";
export * from "./flows";
export {
  MODEL_FOCUSES,
  MODEL_FOCUS_LABELS,
  clearRuleSetChoices,
  getMeta,
  getRuleSetChoices,
  getTitle,
  modelTitleSchema,
  observeMeta,
  setDescription,
  setFocus,
  setReviewer,
  setRuleSetChoice,
  setTitle,
} from "./meta";
export type { Meta, ModelFocus } from "./meta";
export { MIGRATIONS, isSchemaCompatible, migrateDocument } from "./migrations";
export type { Migration, MigrationResult } from "./migrations";
export * from "./mitigations";
export * from "./roles";
export * from "./stub-links";
export {
  getContextMap,
  getDiagramsMap,
  getElementsMap,
  getFlowsMap,
  getMetaMap,
  getMitigationsMap,
  getNotesFragment,
  getThreatsMap,
} from "./roots";
export * from "./threats";
export type { ValidationIssue } from "./validation";
