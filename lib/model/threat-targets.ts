import type { Diagram, DiagramElement, ElementKind, Flow, Threat } from "@/lib/model";
import { ELEMENT_KIND_LABELS } from "@/lib/model";

/*
 * What a threat is about, in words people recognise: the element or data flow it targets and
 * the diagram that element is drawn on. Pure functions over the document's records, for the
 * threat list (filters, grouping) and the diagram (badges).
 */

/** An element or data flow a threat can target. */
export interface ThreatTarget {
  id: string;
  type: "element" | "flow";
  /** The element's kind; null for a data flow. */
  elementKind: ElementKind | null;
  /** The element's or flow's name, or a description when it has none. */
  name: string;
  diagramId: string;
  /** The diagram's title; "" when the diagram is gone. */
  diagramTitle: string;
}

/** Targets by id. */
export type ThreatTargetIndex = ReadonlyMap<string, ThreatTarget>;

/** Statuses that still need work: counted on the diagram's badges. */
const UNRESOLVED_STATUSES: ReadonlySet<Threat["status"]> = new Set(["open", "needs-investigation"]);

/** True while a threat still needs work (open or under investigation). */
export function isThreatUnresolved(threat: Threat): boolean {
  return UNRESOLVED_STATUSES.has(threat.status);
}

/** Every element (trust boundaries excluded: nothing targets them) and flow, by id. */
export function buildThreatTargetIndex(
  elements: readonly DiagramElement[],
  flows: readonly Flow[],
  diagrams: readonly Diagram[],
): ThreatTargetIndex {
  const titles = new Map(diagrams.map((diagram) => [diagram.id, diagram.title]));
  const names = new Map(elements.map((element) => [element.id, element.name.trim()]));
  const index = new Map<string, ThreatTarget>();
  for (const element of elements) {
    if (element.kind === "trust-boundary") continue;
    index.set(element.id, {
      id: element.id,
      type: "element",
      elementKind: element.kind,
      name: element.name.trim() || `Unnamed ${ELEMENT_KIND_LABELS[element.kind].toLowerCase()}`,
      diagramId: element.diagramId,
      diagramTitle: titles.get(element.diagramId) ?? "",
    });
  }
  for (const flow of flows) {
    const source = names.get(flow.sourceId) || "?";
    const target = names.get(flow.targetId) || "?";
    const ends = `${source} ${flow.bidirectional ? "↔" : "→"} ${target}`;
    index.set(flow.id, {
      id: flow.id,
      type: "flow",
      elementKind: null,
      name: flow.name.trim() ? `${flow.name.trim()} (${ends})` : ends,
      diagramId: flow.diagramId,
      diagramTitle: titles.get(flow.diagramId) ?? "",
    });
  }
  return index;
}

/** How many unresolved threats target each element or flow. */
export function countUnresolvedThreatsByTarget(
  threats: readonly Threat[],
): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (const threat of threats) {
    if (threat.targetId === null || !isThreatUnresolved(threat)) continue;
    counts.set(threat.targetId, (counts.get(threat.targetId) ?? 0) + 1);
  }
  return counts;
}

/** The label of a threat's target: its name, "No target", or "Deleted element". */
export function describeThreatTarget(threat: Threat, targets: ThreatTargetIndex): string {
  if (threat.targetId === null) return "No target";
  return targets.get(threat.targetId)?.name ?? "Deleted element or flow";
}

/** A choice of a filter select. */
export interface FilterChoice {
  value: string;
  label: string;
}

/** The diagrams that have something a threat can target, by title. */
export function listDiagramChoices(targets: ThreatTargetIndex): FilterChoice[] {
  const titles = new Map<string, string>();
  for (const target of targets.values()) {
    if (!titles.has(target.diagramId)) {
      titles.set(target.diagramId, target.diagramTitle || "Untitled diagram");
    }
  }
  return [...titles]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label) || a.value.localeCompare(b.value));
}

/** The elements and flows to filter by, of one diagram or all ("all"), elements first. */
export function listTargetChoices(targets: ThreatTargetIndex, diagramId: string): FilterChoice[] {
  return [...targets.values()]
    .filter((target) => diagramId === "all" || target.diagramId === diagramId)
    .sort(
      (a, b) =>
        Number(a.type === "flow") - Number(b.type === "flow") ||
        a.name.localeCompare(b.name) ||
        a.id.localeCompare(b.id),
    )
    .map((target) => ({
      value: target.id,
      label: target.type === "flow" ? `Flow: ${target.name}` : target.name,
    }));
}
