import type * as Y from "yjs";

/**
 * The root types of a threat model's Y.Doc. This is the only place that names them: everything
 * else reaches a root through the getters below, and every write goes through the accessors of
 * lib/model/, which validate.
 *
 * Entity roots are typed `Y.Map<unknown>` on purpose: a buggy or malicious peer can put anything
 * in them, so readers check each value (see entity-map.ts) instead of trusting a type argument.
 */
const ROOT_NAMES = {
  /**
   * Y.Map: schemaVersion, title, description, owner, reviewers, focus, createdAt, dreadScale,
   * ruleSets (the model's rule set choices).
   */
  meta: "meta",
  /** Y.Map of Y.Arrays: the context lists (scenarios, assets, ...). */
  context: "context",
  /** Y.Map id -> Y.Map: one entry per diagram. */
  diagrams: "diagrams",
  /** Y.Map id -> Y.Map: DFD elements (external entities, processes, data stores, boundaries). */
  elements: "elements",
  /** Y.Map id -> Y.Map: data flows between elements. */
  flows: "flows",
  /** Y.Map id -> Y.Map: threats. */
  threats: "threats",
  /** Y.Map id -> Y.Map: mitigations, linked many-to-many to threats. */
  mitigations: "mitigations",
  /** Y.XmlFragment: the meeting notes edited with Tiptap. */
  notes: "notes",
} as const;

/**
 * The roots whose entries are the document's entities (one entry per diagram, element, flow,
 * threat or mitigation), for counting them against a document's limit.
 */
export const ENTITY_ROOT_NAMES: readonly string[] = [
  ROOT_NAMES.diagrams,
  ROOT_NAMES.elements,
  ROOT_NAMES.flows,
  ROOT_NAMES.threats,
  ROOT_NAMES.mitigations,
];

/** The number of entities in the document: entries of the entity roots. */
export function countEntities(doc: Y.Doc): number {
  return ENTITY_ROOT_NAMES.reduce((sum, name) => sum + doc.getMap<unknown>(name).size, 0);
}

/** The `meta` root: the model's title, owner, schema version and other document-wide fields. */
export function getMetaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ROOT_NAMES.meta);
}

/** The `context` root: context list name -> Y.Array of items (see context.ts). */
export function getContextMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ROOT_NAMES.context);
}

/** The `diagrams` root: diagram id -> Y.Map of the diagram's fields. */
export function getDiagramsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ROOT_NAMES.diagrams);
}

/** The `elements` root: element id -> Y.Map of the element's fields. */
export function getElementsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ROOT_NAMES.elements);
}

/** The `flows` root: data flow id -> Y.Map of the flow's fields. */
export function getFlowsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ROOT_NAMES.flows);
}

/** The `threats` root: threat id -> Y.Map of the threat's fields. */
export function getThreatsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ROOT_NAMES.threats);
}

/** The `mitigations` root: mitigation id -> Y.Map of the mitigation's fields. */
export function getMitigationsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ROOT_NAMES.mitigations);
}

/** The `notes` root: the meeting notes, bound to Tiptap's Collaboration extension as `fragment`. */
export function getNotesFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(ROOT_NAMES.notes);
}

/** True when any root of the document holds content (used to tell an empty doc from a v1 one). */
export function hasDocumentContent(doc: Y.Doc): boolean {
  const maps = [
    getMetaMap(doc),
    getContextMap(doc),
    getDiagramsMap(doc),
    getElementsMap(doc),
    getFlowsMap(doc),
    getThreatsMap(doc),
    getMitigationsMap(doc),
  ];
  return maps.some((map) => map.size > 0) || getNotesFragment(doc).length > 0;
}
