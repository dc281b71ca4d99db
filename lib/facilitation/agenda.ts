import type { StrideCategory } from "@/lib/model/threats";
import {
  categoriesForElement,
  categoriesForFlow,
  type ApplicabilityElement,
  type FlowEndKind,
} from "./applicability";

/** What the agenda needs of an element. */
export interface AgendaElement extends ApplicabilityElement {
  id: string;
  name: string;
  diagramId: string;
  outOfScope: boolean;
}

/** What the agenda needs of a data flow. */
export interface AgendaFlow {
  id: string;
  name: string;
  diagramId: string;
  sourceId: string;
  targetId: string;
  outOfScope: boolean;
}

/** One stop of a session: an element or flow and the categories to walk on it. */
export interface AgendaItem {
  /** The element's or flow's id: an item per target. */
  targetId: string;
  targetKind: "element" | "flow";
  /** The name when the agenda was built, shown if the target is deleted meanwhile. */
  name: string;
  categories: StrideCategory[];
}

/** What a session covers: the whole model, one diagram, or chosen elements and flows. */
export type AgendaScope =
  | { kind: "model" }
  | { kind: "diagram"; diagramId: string }
  | { kind: "selection"; targetIds: string[] };

/** The order of the agenda's groups: where attacks come in first. */
const GROUP_ORDER = ["crossing-flow", "process", "data-store", "external-entity", "flow"] as const;
type Group = (typeof GROUP_ORDER)[number];

/**
 * The agenda of a session, built from the model: every element and flow in scope with the
 * STRIDE categories that apply to it; flows that cross a trust boundary first, then
 * processes, data stores, external entities and the other flows, each group by name. Out of
 * scope elements and flows are left out, and so are trust boundaries (walked through the
 * flows that cross them) and flows whose ends are missing.
 */
export function buildAgenda(
  model: {
    elements: readonly AgendaElement[];
    flows: readonly AgendaFlow[];
    /** Flow id -> ids of the trust boundaries it crosses. */
    crossings: ReadonlyMap<string, readonly string[]>;
  },
  scope: AgendaScope,
): AgendaItem[] {
  const inScope = (target: { id: string; diagramId: string; outOfScope: boolean }) =>
    !target.outOfScope &&
    (scope.kind === "model" ||
      (scope.kind === "diagram" && target.diagramId === scope.diagramId) ||
      (scope.kind === "selection" && scope.targetIds.includes(target.id)));
  const elementsById = new Map(model.elements.map((element) => [element.id, element]));
  const grouped: { group: Group; item: AgendaItem }[] = [];

  for (const element of model.elements) {
    if (!inScope(element) || element.kind === "trust-boundary") continue;
    grouped.push({
      group: element.kind,
      item: {
        targetId: element.id,
        targetKind: "element",
        name: element.name,
        categories: categoriesForElement(element),
      },
    });
  }
  for (const flow of model.flows) {
    if (!inScope(flow)) continue;
    const source = elementsById.get(flow.sourceId);
    const target = elementsById.get(flow.targetId);
    if (!isFlowEnd(source) || !isFlowEnd(target)) continue;
    const crosses = (model.crossings.get(flow.id)?.length ?? 0) > 0;
    grouped.push({
      group: crosses ? "crossing-flow" : "flow",
      item: {
        targetId: flow.id,
        targetKind: "flow",
        name: flow.name || `${source.name} to ${target.name}`,
        categories: categoriesForFlow(source.kind, target.kind),
      },
    });
  }
  return grouped
    .sort(
      (a, b) =>
        GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) ||
        a.item.name.localeCompare(b.item.name) ||
        a.item.targetId.localeCompare(b.item.targetId),
    )
    .map((entry) => entry.item);
}

function isFlowEnd(
  element: AgendaElement | undefined,
): element is AgendaElement & { kind: FlowEndKind } {
  return element !== undefined && element.kind !== "trust-boundary";
}
