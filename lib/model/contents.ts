import type * as Y from "yjs";
import { notesText } from "./diff";
import { listDiagrams } from "./diagrams";
import { listElements } from "./element-records";
import { listFlows } from "./flows";
import { listMitigations } from "./mitigations";
import { listThreats } from "./threats";

/** How much a model holds: what deleting it would delete. */
export interface ModelContents {
  diagrams: number;
  elements: number;
  flows: number;
  threats: number;
  mitigations: number;
  hasNotes: boolean;
}

/** Counts what the document holds (trust boundaries count as elements). */
export function countModelContents(doc: Y.Doc): ModelContents {
  return {
    diagrams: listDiagrams(doc).length,
    elements: listElements(doc).length,
    flows: listFlows(doc).length,
    threats: listThreats(doc).length,
    mitigations: listMitigations(doc).length,
    hasNotes: notesText(doc).trim() !== "",
  };
}

function count(n: number, one: string, many: string): string | null {
  if (n === 0) return null;
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * What a model holds, in words, naming only what is there: "2 diagrams, 14 elements, 3
 * threats, the meeting notes and 4 saved versions"; null when it holds nothing. The one
 * diagram every model starts with is not worth naming when it is empty.
 */
export function describeModelContents(contents: ModelContents, versions: number): string | null {
  const hasDrawing = contents.elements > 0 || contents.flows > 0;
  const parts = [
    hasDrawing || contents.diagrams > 1 ? count(contents.diagrams, "diagram", "diagrams") : null,
    count(contents.elements, "element", "elements"),
    count(contents.flows, "data flow", "data flows"),
    count(contents.threats, "threat", "threats"),
    count(contents.mitigations, "mitigation", "mitigations"),
    contents.hasNotes ? "the meeting notes" : null,
    count(versions, "saved version", "saved versions"),
  ].filter((part): part is string => part !== null);
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0] ?? null;
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1) ?? ""}`;
}
