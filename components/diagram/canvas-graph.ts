import type { DiagramElement } from "@/lib/model/element-records";
import { compareFlows, formatFlowLabel, type Flow } from "@/lib/model/flows";
import {
  buildElementNode,
  buildFlowEdge,
  buildStubLinkEdge,
  buildStubNodes,
  computeCrossedBoundaryNames,
  getContentBounds,
  getElementGeometry,
  listDrawableFlows,
  type CanvasEdge,
  type CanvasNode,
  type ElementGeometry,
  type ElementNode,
  type FlowEdge,
  type RemoteMark,
  type StubLinkEdge,
  getStubLinkId,
} from "./diagram-mapping";
import type { Point } from "@/lib/diagram/geometry";
import { placeLabels, type LabelRequest } from "@/lib/diagram/label-placement";
import { getFlowEndpoints, getNodeOutline, getParallelOffsets } from "./edge-geometry";
import { estimateLabelHalfSize } from "./label-size";
import type { RenameTarget } from "./canvas-context";
import type { DiagramRecords } from "./use-diagram-records";

/** Everything the canvas draws from, besides the records. */
export interface CanvasGraphInput {
  records: DiagramRecords;
  selectedIds: ReadonlySet<string>;
  editing: RenameTarget | null;
  /** Geometry of elements being dragged or resized, here or by others. */
  liveGeometries: ReadonlyMap<string, ElementGeometry>;
  remoteSelections: ReadonlyMap<string, readonly RemoteMark[]>;
  isReadOnly: boolean;
  /** Unresolved threats per element or flow id; absent ids have none. */
  threatCounts?: ReadonlyMap<string, number>;
  /** Changes to show on the drawing (comparing two versions), per element or flow id. */
  highlights?: ReadonlyMap<string, DiffHighlight>;
}

/**
 * How an element or flow is marked on the drawing: comparing versions (added green, removed
 * red, changed amber), or a session's coverage (the heat map).
 */
export type DiffHighlight =
  | "added"
  | "removed"
  | "changed"
  /** A session's coverage of an element or flow: every category walked, threats found. */
  | "coverage-found"
  /** Every category walked (or skipped), nothing found. */
  | "coverage-none-found"
  /** Some of its categories walked. */
  | "coverage-partial"
  /** On the agenda, not walked yet. */
  | "coverage-not-visited";

const NO_HIGHLIGHTS: ReadonlyMap<string, DiffHighlight> = new Map();

/** `item` with the class that marks its change, or `item` itself when it has none. */
function withHighlight<T extends { className?: string }>(
  item: T,
  mark: DiffHighlight | undefined,
): T {
  return mark === undefined ? item : { ...item, className: `diff-${mark}` };
}

const NO_COUNTS: ReadonlyMap<string, number> = new Map();

const NO_MARKS: readonly RemoteMark[] = [];

function getMarksKey(marks: readonly RemoteMark[]): string {
  return marks.map((mark) => `${mark.clientId}:${mark.color}:${mark.name}`).join("|");
}

interface CachedItem<T> {
  key: readonly unknown[];
  value: T;
}

function isSameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, index) => Object.is(item, b[index]));
}

/** Where the flows of a diagram are drawn (CanvasGraphBuilder.layOutFlows). */
interface FlowLayout {
  /** The drawable flows, in the document's order. */
  flows: Flow[];
  crossings: ReadonlyMap<string, readonly string[]>;
  offsets: ReadonlyMap<string, number>;
  /** Where each flow's label sits along it, in the order of `flows`. */
  labelPositions: readonly number[];
}

/** What React Flow draws: its nodes and edges. */
export interface CanvasGraph {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}

/** True when both lists hold the same objects in the same order. */
function isSameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** The flows sorted as the document lists them (compareFlows); the same array when they are. */
function inDocumentOrder(flows: Flow[]): Flow[] {
  for (let index = 1; index < flows.length; index += 1) {
    const previous = flows[index - 1];
    const current = flows[index];
    if (previous && current && compareFlows(previous, current) > 0) return flows.sort(compareFlows);
  }
  return flows;
}

/** Where a flow's line runs as drawn, or null when an end is not on this diagram. */
function getDrawnEnds(
  flow: { sourceId: string; targetId: string },
  elementsById: ReadonlyMap<string, DiagramElement>,
  geometryOf: (element: DiagramElement) => ElementGeometry,
  parallelOffset: number,
): { from: Point; to: Point } | null {
  const source = elementsById.get(flow.sourceId);
  const target = elementsById.get(flow.targetId);
  if (source === undefined || target === undefined) return null;
  const end = (element: DiagramElement) => ({
    rect: geometryOf(element),
    outline: getNodeOutline(element.kind),
  });
  return getFlowEndpoints(end(source), end(target), parallelOffset);
}

/**
 * Builds React Flow nodes and edges from the records, reusing the previous node or edge object
 * whenever nothing it is drawn from changed, so that React Flow and the memoised node
 * components redraw only what changed (a drag redraws the dragged nodes and their flows).
 * When nothing at all changed (a peer's pointer moved), the previous graph itself is returned:
 * React Flow re-reads its whole store on new lists, which a large diagram feels.
 */
export class CanvasGraphBuilder {
  private nodes = new Map<string, CachedItem<ElementNode>>();
  private edges = new Map<string, CachedItem<FlowEdge>>();
  private stubs: { key: readonly unknown[]; value: CanvasNode[] } | null = null;
  private stubLinks = new Map<string, CachedItem<StubLinkEdge>>();
  private graph: CanvasGraph | null = null;
  private layout: { key: readonly unknown[]; value: FlowLayout } | null = null;

  build(input: CanvasGraphInput): CanvasGraph {
    const graph = this.buildLists(input);
    if (
      this.graph !== null &&
      isSameList(this.graph.nodes, graph.nodes) &&
      isSameList(this.graph.edges, graph.edges)
    ) {
      return this.graph;
    }
    this.graph = graph;
    return graph;
  }

  private buildLists(input: CanvasGraphInput): CanvasGraph {
    const { records, selectedIds, editing, liveGeometries, remoteSelections, isReadOnly } = input;
    const threatCounts = input.threatCounts ?? NO_COUNTS;
    const highlights = input.highlights ?? NO_HIGHLIGHTS;
    const elementsById = new Map<string, DiagramElement>();
    const nextNodes = new Map<string, CachedItem<ElementNode>>();
    const nodes: CanvasNode[] = [];
    for (const element of records.elements) {
      elementsById.set(element.id, element);
      const marks = remoteSelections.get(element.id) ?? NO_MARKS;
      const isEditing = editing?.type === "element" && editing.id === element.id;
      const geometry = liveGeometries.get(element.id);
      const threatCount = threatCounts.get(element.id) ?? 0;
      const mark = highlights.get(element.id);
      const key = [
        mark,
        threatCount,
        element,
        selectedIds.has(element.id),
        isEditing,
        getMarksKey(marks),
        geometry?.x,
        geometry?.y,
        geometry?.width,
        geometry?.height,
        isReadOnly,
      ];
      const cached = this.nodes.get(element.id);
      const node =
        cached && isSameKey(cached.key, key)
          ? cached.value
          : withHighlight(
              buildElementNode(element, {
                isSelected: selectedIds.has(element.id),
                isEditing,
                remoteMarks: marks,
                geometry,
                isReadOnly,
                threatCount,
              }),
              mark,
            );
      nextNodes.set(element.id, { key, value: node });
      nodes.push(node);
    }
    this.nodes = nextNodes;

    const stubNodes = this.buildStubs(records, liveGeometries, isReadOnly);
    nodes.push(...stubNodes);

    const { flows, crossings, offsets, labelPositions } = this.layOutFlows(
      records,
      elementsById,
      liveGeometries,
      threatCounts,
    );
    const nextEdges = new Map<string, CachedItem<FlowEdge>>();
    const edges: CanvasEdge[] = [];
    for (const [index, flow] of flows.entries()) {
      const marks = remoteSelections.get(flow.id) ?? NO_MARKS;
      const crossed = crossings.get(flow.id) ?? [];
      const isEditing = editing?.type === "flow" && editing.id === flow.id;
      const sourceName = elementsById.get(flow.sourceId)?.name ?? "";
      const targetName = elementsById.get(flow.targetId)?.name ?? "";
      const parallelOffset = offsets.get(flow.id) ?? 0;
      const threatCount = threatCounts.get(flow.id) ?? 0;
      const labelAt = labelPositions[index] ?? 0.5;
      const mark = highlights.get(flow.id);
      const key = [
        mark,
        threatCount,
        flow,
        selectedIds.has(flow.id),
        isEditing,
        getMarksKey(marks),
        crossed.join("\n"),
        sourceName,
        targetName,
        parallelOffset,
        labelAt,
        isReadOnly,
      ];
      const cached = this.edges.get(flow.id);
      const edge =
        cached && isSameKey(cached.key, key)
          ? cached.value
          : withHighlight(
              buildFlowEdge(flow, {
                isSelected: selectedIds.has(flow.id),
                isEditing,
                remoteMarks: marks,
                crossedBoundaryNames: crossed,
                sourceName,
                targetName,
                parallelOffset,
                labelAt,
                isReadOnly,
                threatCount,
              }),
              mark,
            );
      nextEdges.set(flow.id, { key, value: edge });
      edges.push(edge);
    }
    this.edges = nextEdges;
    edges.push(...this.buildStubLinks(records, elementsById, selectedIds, isReadOnly));
    return { nodes, edges };
  }

  /**
   * Where the flows are drawn: their order, the boundaries each crosses, the sideways offsets of
   * parallel ones and where each label sits. Worked out from the drawing alone, so it is kept
   * while only the selection, a rename or other people's selections change: a click on a large
   * diagram then rebuilds two nodes, not every flow's label place.
   */
  private layOutFlows(
    records: DiagramRecords,
    elementsById: ReadonlyMap<string, DiagramElement>,
    liveGeometries: ReadonlyMap<string, ElementGeometry>,
    threatCounts: ReadonlyMap<string, number>,
  ): FlowLayout {
    const key = [records.elements, records.flows, liveGeometries, threatCounts];
    if (this.layout && isSameKey(this.layout.key, key)) return this.layout.value;
    // In the document's order, not the order the records arrived in (a flow added while the
    // diagram is open comes last): parallel offsets and label places follow this order, and
    // must come out the same for every peer.
    const flows = inDocumentOrder(listDrawableFlows(records.flows, elementsById));
    const crossings = computeCrossedBoundaryNames(records.elements, flows, liveGeometries);
    const offsets = getParallelOffsets(flows);
    const geometryOf = (element: DiagramElement) =>
      liveGeometries.get(element.id) ?? getElementGeometry(element);
    const labelRequests = flows.map((flow): LabelRequest | null => {
      const ends = getDrawnEnds(flow, elementsById, geometryOf, offsets.get(flow.id) ?? 0);
      if (ends === null) return null;
      const halfSize = estimateLabelHalfSize({
        label: formatFlowLabel(flow),
        threatCount: threatCounts.get(flow.id) ?? 0,
        crossedBoundaryNames: crossings.get(flow.id) ?? [],
      });
      return { ...ends, halfSize };
    });
    // Elements are drawn above flow labels; trust boundaries are outlines that labels show through.
    const labelPositions = placeLabels(
      records.elements
        .filter((element) => element.kind !== "trust-boundary")
        .map((element) => geometryOf(element)),
      labelRequests,
    );
    const value = { flows, crossings, offsets, labelPositions };
    this.layout = { key, value };
    return value;
  }

  /** The links from stubs to the elements of this diagram that carry their flows. */
  private buildStubLinks(
    records: DiagramRecords,
    elementsById: ReadonlyMap<string, DiagramElement>,
    selectedIds: ReadonlySet<string>,
    isReadOnly: boolean,
  ): StubLinkEdge[] {
    const next = new Map<string, CachedItem<StubLinkEdge>>();
    const links: StubLinkEdge[] = [];
    for (const stub of records.stubs) {
      for (const elementId of stub.linkedElementIds) {
        const element = elementsById.get(elementId);
        if (element === undefined) continue;
        const id = getStubLinkId(stub.parentFlowId, elementId);
        const isSelected = selectedIds.has(id);
        const key = [stub, element.name, isSelected, isReadOnly];
        const cached = this.stubLinks.get(id);
        const link =
          cached && isSameKey(cached.key, key)
            ? cached.value
            : buildStubLinkEdge(stub, element, { isSelected, isReadOnly });
        next.set(id, { key, value: link });
        links.push(link);
      }
    }
    this.stubLinks = next;
    return links;
  }

  private buildStubs(
    records: DiagramRecords,
    liveGeometries: ReadonlyMap<string, ElementGeometry>,
    isReadOnly: boolean,
  ): CanvasNode[] {
    if (records.stubs.length === 0) return [];
    // Stubs sit at the edge of the stored drawing; they do not follow drags frame by frame.
    const key = [records.stubs, records.elements, isReadOnly];
    if (this.stubs && isSameKey(this.stubs.key, key)) return this.stubs.value;
    const bounds = getContentBounds(
      records.elements.map(
        (element) => liveGeometries.get(element.id) ?? getElementGeometry(element),
      ),
    );
    const value = buildStubNodes(records.stubs, bounds, isReadOnly);
    this.stubs = { key, value };
    return value;
  }
}
