import type {
  ThreatSeverity,
  ThreatStatus,
  StrideCategory,
  ThreatResponse,
} from "@/lib/model/threats";

/**
 * What an importer makes of another tool's file, before anything is written: a format-neutral
 * model that `buildImportedDocument` turns into a new model's document. Each format's folder
 * under lib/interop/ parses and maps its own files into this; none of them writes a document.
 * Keys are the file's own ids, used only to connect flows and threats to what they name.
 */
export interface ImportedModel {
  /** The format the file was read as, e.g. "threat-dragon-v2". */
  format: string;
  title: string;
  description: string;
  diagrams: ImportedDiagram[];
  /** Threats with the key of the element or flow they apply to (null: the whole model). */
  threats: ImportedThreat[];
  /** Mitigations of their own, linked to any number of threats (by threat key). */
  mitigations?: ImportedMitigation[];
  /** The background context lists. */
  context?: { assumptions?: string[]; assets?: string[]; dependencies?: string[] };
  report: ImportReport;
}

export interface ImportedMitigation {
  key: string;
  title: string;
  description: string;
  status: "proposed" | "in-progress" | "implemented" | "abandoned";
  threatKeys: string[];
}

export interface ImportedDiagram {
  key: string;
  title: string;
  description: string;
  elements: ImportedElement[];
  flows: ImportedFlow[];
}

export interface ImportedElement {
  key: string;
  kind: "external-entity" | "process" | "data-store" | "trust-boundary";
  /** Boundaries only: a box, or a line from (x, y) to (x + width, y + height). */
  shape?: "box" | "line";
  name: string;
  description: string;
  x: number;
  y: number;
  width: number;
  height: number;
  outOfScope: boolean;
  outOfScopeReason: string;
  /** What the file said about the element that has no field here, kept as text. */
  notes: string[];
  /** Context fields of the element's kind that the file answers (e.g. a store's holdsLogs). */
  context?: ImportedContext;
}

/** Context fields an importer can fill: each only for the kind that has it. */
export interface ImportedContext {
  holdsLogs?: boolean;
  holdsCredentials?: boolean;
  encrypted?: boolean | null;
  signed?: boolean | null;
  party?: "internal" | "external" | null;
}

export interface ImportedFlow {
  key: string;
  sourceKey: string;
  targetKey: string;
  name: string;
  description: string;
  protocol: string;
  encrypted: boolean | null;
  bidirectional: boolean;
  outOfScope: boolean;
  outOfScopeReason: string;
  notes: string[];
}

export interface ImportedThreat {
  key: string;
  targetKey: string | null;
  title: string;
  category: StrideCategory;
  status: ThreatStatus;
  severity: ThreatSeverity | null;
  response: ThreatResponse | null;
  description: string;
}

/** What an import did with each part of the file, for the person who imported it. */
export interface ImportReport {
  /** Counts of what arrived as elements, flows, threats and mitigations. */
  mapped: {
    diagrams: number;
    elements: number;
    flows: number;
    threats: number;
    mitigations: number;
  };
  /** Parts kept as text on the element, flow or model because nothing here holds them. */
  keptAsText: string[];
  /** Parts that could not be brought in, and why. */
  refused: string[];
}

/** An empty report to fill. */
export function emptyReport(): ImportReport {
  return {
    mapped: { diagrams: 0, elements: 0, flows: 0, threats: 0, mitigations: 0 },
    keptAsText: [],
    refused: [],
  };
}
