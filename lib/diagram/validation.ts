import type * as Y from "yjs";
import { listElementsOfDiagram, listFlowsOfDiagram } from "../model";
import type { DiagramElement, ElementKind, Flow } from "../model";
import { compareStrings } from "../model/entity-map";
import { computeCrossings } from "./crossings";
import { listStubFlows } from "./hierarchy";
import type { StubFlow } from "./hierarchy";

/*
 * The DFD rules of the method, checked on one diagram: processes handle all communication
 * between data stores, every element takes part in a flow, data stores are read as well as
 * written (no data sinks), everything is named, and every trust boundary is crossed.
 */

/** The rules a diagram is checked against. */
export const DIAGRAM_RULES = [
  "flow-not-connected",
  "store-to-store",
  "no-flows",
  "data-sink",
  "unnamed",
  "boundary-not-crossed",
] as const;
export type DiagramRule = (typeof DIAGRAM_RULES)[number];

/** An error makes the diagram wrong; a warning makes it incomplete. */
export type DiagramIssueSeverity = "error" | "warning";

/** What an issue is about: an element or a data flow of the diagram. */
export interface DiagramIssueTarget {
  type: "element" | "flow";
  id: string;
}

/** One problem found on a diagram. */
export interface DiagramIssue {
  /** Stable across checks while the problem lasts: `<rule>:<target id>`. */
  id: string;
  rule: DiagramRule;
  severity: DiagramIssueSeverity;
  /** What is wrong and how to fix it, naming the element or flow. */
  message: string;
  target: DiagramIssueTarget;
}

/** The elements (trust boundaries included) and data flows of one diagram. */
export interface DiagramContents {
  elements: readonly DiagramElement[];
  flows: readonly Flow[];
  /**
   * On a sub-diagram, the parent's flows shown as stubs: an element joined to a stub takes part
   * in that flow (in or out, or both when it is bidirectional).
   */
  stubs?: readonly Pick<StubFlow, "direction" | "bidirectional" | "linkedElementIds">[];
}

const RULE_SEVERITIES: Record<DiagramRule, DiagramIssueSeverity> = {
  "flow-not-connected": "error",
  "store-to-store": "error",
  "no-flows": "warning",
  "data-sink": "warning",
  unnamed: "warning",
  "boundary-not-crossed": "warning",
};

/** How an element of each kind is spoken of while unnamed, and what its name should say. */
const UNNAMED_ELEMENTS: Record<ElementKind, { noun: string; unnamed: string; hint: string }> = {
  "external-entity": {
    noun: "An external entity",
    unnamed: "an unnamed external entity",
    hint: "name the person, team or service it stands for",
  },
  process: { noun: "A process", unnamed: "an unnamed process", hint: "name what it does" },
  "data-store": {
    noun: "A data store",
    unnamed: "an unnamed data store",
    hint: "name what it holds",
  },
  "trust-boundary": {
    noun: "A trust boundary",
    unnamed: "an unnamed trust boundary",
    hint: "name the environment it marks off",
  },
};

/** The text with its first letter upper-cased, to start a sentence. */
function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** “Name”, or "an unnamed process" when the element has no name yet. */
function describeElement(element: DiagramElement): string {
  const name = element.name.trim();
  return name === "" ? UNNAMED_ELEMENTS[element.kind].unnamed : `“${name}”`;
}

/** “Name”, or "the data flow from “A” to “B”" when the flow has no name yet. */
function describeFlow(flow: Flow, elementsById: ReadonlyMap<string, DiagramElement>): string {
  const name = flow.name.trim();
  if (name !== "") return `“${name}”`;
  const source = elementsById.get(flow.sourceId);
  const target = elementsById.get(flow.targetId);
  if (source && target) {
    return `the data flow from ${describeElement(source)} to ${describeElement(target)}`;
  }
  if (source) return `the data flow from ${describeElement(source)}`;
  if (target) return `the data flow to ${describeElement(target)}`;
  return "an unnamed data flow";
}

function buildIssue(rule: DiagramRule, target: DiagramIssueTarget, message: string): DiagramIssue {
  return { id: `${rule}:${target.id}`, rule, severity: RULE_SEVERITIES[rule], message, target };
}

/** Errors first, then by message, then by id. */
export function compareIssues(a: DiagramIssue, b: DiagramIssue): number {
  return (
    Number(b.severity === "error") - Number(a.severity === "error") ||
    compareStrings(a.message, b.message) ||
    compareStrings(a.id, b.id)
  );
}

/**
 * Checks the contents of one diagram against the DFD rules; returns the issues found, errors
 * first, then by message. Flows ending at an element not given here count as not connected
 * (deleted meanwhile, or on another diagram). Out-of-scope elements are not asked to have flows
 * nor to be read.
 */
export function findDiagramIssues(contents: DiagramContents): DiagramIssue[] {
  const elementsById = new Map(contents.elements.map((element) => [element.id, element]));
  const issues: DiagramIssue[] = [];
  const flowCounts = new Map<string, { in: number; out: number }>();
  const countFlow = (elementId: string, direction: "in" | "out") => {
    const counts = flowCounts.get(elementId) ?? { in: 0, out: 0 };
    counts[direction] += 1;
    flowCounts.set(elementId, counts);
  };

  for (const flow of contents.flows) {
    const target = { type: "flow", id: flow.id } as const;
    const label = capitalize(describeFlow(flow, elementsById));
    if (flow.name.trim() === "") {
      issues.push(buildIssue("unnamed", target, `${label} has no name: name the data it carries.`));
    }
    const source = elementsById.get(flow.sourceId);
    const destination = elementsById.get(flow.targetId);
    if (
      source === undefined ||
      destination === undefined ||
      source.kind === "trust-boundary" ||
      destination.kind === "trust-boundary"
    ) {
      issues.push(
        buildIssue(
          "flow-not-connected",
          target,
          `${label} is not connected at both ends: connect it to two elements of this diagram, or delete it.`,
        ),
      );
      continue;
    }
    countFlow(source.id, "out");
    countFlow(destination.id, "in");
    if (flow.bidirectional) {
      countFlow(source.id, "in");
      countFlow(destination.id, "out");
    }
    if (source.kind === "data-store" && destination.kind === "data-store") {
      const ends = `${describeElement(source)} to ${describeElement(destination)}`;
      const subject = flow.name.trim() === "" ? label : `${label} (from ${ends})`;
      issues.push(
        buildIssue(
          "store-to-store",
          target,
          `${subject} joins two data stores directly: add the process that moves the data between them.`,
        ),
      );
    }
  }

  for (const stub of contents.stubs ?? []) {
    for (const elementId of stub.linkedElementIds) {
      countFlow(elementId, stub.direction);
      if (stub.bidirectional) countFlow(elementId, stub.direction === "in" ? "out" : "in");
    }
  }

  const crossings = computeCrossings(contents);
  const crossedBoundaryIds = new Set([...crossings.values()].flat());

  for (const element of contents.elements) {
    const target = { type: "element", id: element.id } as const;
    const label = capitalize(describeElement(element));
    if (element.name.trim() === "") {
      const { noun, hint } = UNNAMED_ELEMENTS[element.kind];
      issues.push(buildIssue("unnamed", target, `${noun} has no name: ${hint}.`));
    }
    if (element.kind === "trust-boundary") {
      if (!crossedBoundaryIds.has(element.id)) {
        issues.push(
          buildIssue(
            "boundary-not-crossed",
            target,
            `No data flow crosses the trust boundary ${describeElement(element)}: draw the flows that cross it, or remove it.`,
          ),
        );
      }
      continue;
    }
    if (element.outOfScope) continue;
    const counts = flowCounts.get(element.id);
    if (counts === undefined) {
      issues.push(
        buildIssue(
          "no-flows",
          target,
          `${label} has no data flows: connect it to the elements it exchanges data with, or remove it.`,
        ),
      );
    } else if (element.kind === "data-store" && counts.out === 0) {
      issues.push(
        buildIssue(
          "data-sink",
          target,
          `${label} is written to but never read: add the process that reads it, or remove it.`,
        ),
      );
    }
  }

  return issues.sort(compareIssues);
}

/**
 * Checks one diagram of the document, with the stubs of its parent's flows; empty when the
 * diagram has no elements or flows.
 */
export function validateDiagram(doc: Y.Doc, diagramId: string): DiagramIssue[] {
  return findDiagramIssues({
    elements: listElementsOfDiagram(doc, diagramId),
    flows: listFlowsOfDiagram(doc, diagramId),
    stubs: listStubFlows(doc, diagramId),
  });
}

/** How many issues of each severity. */
export function countIssues(issues: readonly DiagramIssue[]): Record<DiagramIssueSeverity, number> {
  const counts = { error: 0, warning: 0 };
  for (const issue of issues) counts[issue.severity] += 1;
  return counts;
}

/** "1 error and 3 warnings", "2 warnings", or "No problems found". */
export function summarizeIssues(issues: readonly DiagramIssue[]): string {
  const { error, warning } = countIssues(issues);
  const parts: string[] = [];
  if (error > 0) parts.push(`${error} ${error === 1 ? "error" : "errors"}`);
  if (warning > 0) parts.push(`${warning} ${warning === 1 ? "warning" : "warnings"}`);
  return parts.length === 0 ? "No problems found" : parts.join(" and ");
}
