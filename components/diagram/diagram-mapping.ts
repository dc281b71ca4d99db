import type { Edge, Node } from "@xyflow/react";
import { createCrossingIndex } from "@/lib/diagram/crossings";
import type { Rect } from "@/lib/diagram/geometry";
import type { StubFlow } from "@/lib/diagram/hierarchy";
import { ELEMENT_KIND_LABELS } from "@/lib/model/element-records";
import type { DiagramElement } from "@/lib/model/element-records";
import { formatFlowLabel, type Flow } from "@/lib/model/flows";
import { getElementHandles, getStubHandles } from "./node-handles";

/*
 * From the shared document's records to what React Flow draws: one node per element, one edge
 * per data flow, stub nodes for the parent diagram's flows. Pure functions, so the canvas can
 * rebuild only what changed and the mapping is tested without a browser.
 */

/** Someone else who has an element or data flow selected, drawn as an outline in their colour. */
export interface RemoteMark {
  clientId: number;
  name: string;
  color: string;
}

/** Where an element is drawn: its stored geometry, or the live one while someone drags it. */
export type ElementGeometry = Rect;

/** The node types of the canvas, one per way of drawing an element, plus parent flow stubs. */
export type ElementNodeType =
  "external-entity" | "process" | "data-store" | "boundary-box" | "boundary-line";

export interface ElementNodeData extends Record<string, unknown> {
  element: DiagramElement;
  /** The geometry drawn now: the element's own, or a drag or resize in progress. */
  geometry: ElementGeometry;
  remoteMarks: readonly RemoteMark[];
  /** The name is being edited in place. */
  isEditing: boolean;
  /** Threats targeting the element that are still open or under investigation. */
  threatCount: number;
}
export type ElementNode = Node<ElementNodeData, ElementNodeType>;

export interface StubNodeData extends Record<string, unknown> {
  stub: StubFlow;
}
export type StubNode = Node<StubNodeData, "stub">;

export type CanvasNode = ElementNode | StubNode;

export interface FlowEdgeData extends Record<string, unknown> {
  flow: Flow;
  /** "3. Card details" when numbered, else the name. */
  label: string;
  /** Names of the trust boundaries the flow crosses, as drawn now. */
  crossedBoundaryNames: readonly string[];
  remoteMarks: readonly RemoteMark[];
  isEditing: boolean;
  /** Sideways shift, so flows between the same two elements do not overlap. */
  parallelOffset: number;
  /** Where the label sits, as a fraction of the way along the flow (label-placement.ts). */
  labelAt: number;
  /** Threats targeting the flow that are still open or under investigation. */
  threatCount: number;
}
export type FlowEdge = Edge<FlowEdgeData, "flow">;

export interface StubLinkEdgeData extends Record<string, unknown> {
  stub: StubFlow;
  /** The element of this diagram that carries the parent flow. */
  elementId: string;
}
/** A dashed line joining a parent flow's stub to the inner element that carries it. */
export type StubLinkEdge = Edge<StubLinkEdgeData, "stub-link">;

/** Every edge the canvas draws. */
export type CanvasEdge = FlowEdge | StubLinkEdge;

/** Space around a trust boundary line inside its node, so both endpoint grips fit. */
export const LINE_PADDING = 12;
/** A stub's size on the canvas. */
export const STUB_SIZE = { width: 220, height: 48 };
const STUB_GAP = 16;
const STUB_MARGIN = 80;

/** How an element is drawn. */
export function getNodeType(element: DiagramElement): ElementNodeType {
  if (element.kind === "trust-boundary") {
    return element.shape === "line" ? "boundary-line" : "boundary-box";
  }
  return element.kind;
}

/** The stored geometry of an element. */
export function getElementGeometry(element: DiagramElement): ElementGeometry {
  return { x: element.x, y: element.y, width: element.width, height: element.height };
}

/**
 * The node box of an element: a box's own rectangle, or for a trust boundary line the padded
 * box around its two endpoints (a line's size may be negative).
 */
export function getNodeBox(type: ElementNodeType, geometry: ElementGeometry): Rect {
  if (type !== "boundary-line") return geometry;
  const left = Math.min(geometry.x, geometry.x + geometry.width);
  const top = Math.min(geometry.y, geometry.y + geometry.height);
  return {
    x: left - LINE_PADDING,
    y: top - LINE_PADDING,
    width: Math.abs(geometry.width) + 2 * LINE_PADDING,
    height: Math.abs(geometry.height) + 2 * LINE_PADDING,
  };
}

/**
 * The element geometry after its node moved to `position`: every kind moves by the node's
 * displacement, so a line keeps its direction and length.
 */
export function moveGeometry(
  type: ElementNodeType,
  geometry: ElementGeometry,
  position: { x: number; y: number },
): ElementGeometry {
  const box = getNodeBox(type, geometry);
  return {
    ...geometry,
    x: geometry.x + position.x - box.x,
    y: geometry.y + position.y - box.y,
  };
}

/** "Process: Web app": how assistive technology announces a node. */
export function describeElement(element: Pick<DiagramElement, "kind" | "name">): string {
  return `${ELEMENT_KIND_LABELS[element.kind]}: ${element.name}`;
}

/** The state of one element on this canvas besides its record. */
export interface ElementNodeState {
  isSelected: boolean;
  isEditing: boolean;
  remoteMarks: readonly RemoteMark[];
  /** A drag or resize in progress (here or by someone else); the stored geometry otherwise. */
  geometry?: ElementGeometry;
  isReadOnly: boolean;
  /** Unresolved threats targeting it (0 when none). */
  threatCount?: number;
}

/** The React Flow node of an element. Trust boundaries are drawn behind everything else. */
export function buildElementNode(element: DiagramElement, state: ElementNodeState): ElementNode {
  const type = getNodeType(element);
  const geometry = state.geometry ?? getElementGeometry(element);
  const box = getNodeBox(type, geometry);
  const isBoundary = element.kind === "trust-boundary";
  const width = Math.max(box.width, 1);
  const height = Math.max(box.height, 1);
  return {
    id: element.id,
    type,
    position: { x: box.x, y: box.y },
    width,
    height,
    // Drawn at exactly this size, with its handles where these say (node-handles.ts): React
    // Flow needs to measure nothing before it draws the node, or fits a view to it.
    measured: { width, height },
    handles: getElementHandles(type, width, height),
    data: {
      element,
      geometry,
      remoteMarks: state.remoteMarks,
      isEditing: state.isEditing,
      threatCount: state.threatCount ?? 0,
    },
    selected: state.isSelected,
    draggable: !state.isReadOnly && !state.isEditing,
    connectable: !state.isReadOnly && !isBoundary,
    deletable: !state.isReadOnly,
    zIndex: isBoundary ? -1 : 0,
    ariaLabel: describeElement(element),
    // A boundary's inside lets clicks through to what it encloses; its outline catches them.
    style: isBoundary ? { pointerEvents: "none" } : undefined,
  };
}

/** The state of one data flow on this canvas besides its record. */
export interface FlowEdgeState {
  isSelected: boolean;
  isEditing: boolean;
  remoteMarks: readonly RemoteMark[];
  crossedBoundaryNames: readonly string[];
  sourceName: string;
  targetName: string;
  parallelOffset: number;
  /** Where its label sits along it (0.5, the middle, when absent). */
  labelAt?: number;
  isReadOnly: boolean;
  /** Unresolved threats targeting it (0 when none). */
  threatCount?: number;
}

/** The React Flow edge of a data flow: an arrow, with a second head when bidirectional. */
export function buildFlowEdge(flow: Flow, state: FlowEdgeState): FlowEdge {
  const label = formatFlowLabel(flow);
  return {
    id: flow.id,
    type: "flow",
    source: flow.sourceId,
    target: flow.targetId,
    data: {
      flow,
      label,
      crossedBoundaryNames: state.crossedBoundaryNames,
      remoteMarks: state.remoteMarks,
      isEditing: state.isEditing,
      parallelOffset: state.parallelOffset,
      labelAt: state.labelAt ?? 0.5,
      threatCount: state.threatCount ?? 0,
    },
    selected: state.isSelected,
    deletable: !state.isReadOnly,
    markerEnd: { type: "arrowclosed", width: 18, height: 18 },
    markerStart: flow.bidirectional ? { type: "arrowclosed", width: 18, height: 18 } : undefined,
    ariaLabel: `Data flow: ${label || "Unnamed"}, from ${state.sourceName} to ${state.targetName}`,
  };
}

/**
 * The data flows that can be drawn: both ends are elements of the set given (so a flow whose
 * element was deleted, or moved away by a peer, is skipped instead of crashing the canvas) and
 * neither end is a trust boundary.
 */
export function listDrawableFlows(
  flows: readonly Flow[],
  elementsById: ReadonlyMap<string, DiagramElement>,
): Flow[] {
  return flows.filter((flow) => {
    const source = elementsById.get(flow.sourceId);
    const target = elementsById.get(flow.targetId);
    return (
      source !== undefined &&
      target !== undefined &&
      source.kind !== "trust-boundary" &&
      target.kind !== "trust-boundary"
    );
  });
}

/**
 * The names of the trust boundaries each flow crosses, with elements at the geometry drawn now
 * (`geometries` overrides stored positions during drags): flow id -> names, sorted by id.
 */
export function computeCrossedBoundaryNames(
  elements: readonly DiagramElement[],
  flows: readonly Flow[],
  geometries: ReadonlyMap<string, ElementGeometry>,
): Map<string, string[]> {
  const placed = elements.map((element) => {
    const geometry = geometries.get(element.id);
    return {
      id: element.id,
      kind: element.kind,
      diagramId: element.diagramId,
      shape: element.kind === "trust-boundary" ? element.shape : undefined,
      ...(geometry ?? getElementGeometry(element)),
    };
  });
  const namesById = new Map(elements.map((element) => [element.id, element.name]));
  const index = createCrossingIndex(placed);
  const result = new Map<string, string[]>();
  for (const flow of flows) {
    const ids = index.getCrossedBoundaryIds(flow.sourceId, flow.targetId);
    result.set(
      flow.id,
      ids.map((id) => namesById.get(id) ?? ""),
    );
  }
  return result;
}

/** The box enclosing the elements, or a default area when there are none. */
export function getContentBounds(geometries: readonly ElementGeometry[]): Rect {
  if (geometries.length === 0) return { x: 0, y: 0, width: 320, height: 200 };
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const rect of geometries) {
    left = Math.min(left, rect.x, rect.x + rect.width);
    right = Math.max(right, rect.x, rect.x + rect.width);
    top = Math.min(top, rect.y, rect.y + rect.height);
    bottom = Math.max(bottom, rect.y, rect.y + rect.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * The parent diagram's flows into and out of the process this diagram zooms into, as read-only
 * stubs at the edge of the drawing: incoming ones on the left, outgoing ones on the right.
 */
export function buildStubNodes(
  stubs: readonly StubFlow[],
  bounds: Rect,
  isReadOnly = false,
): StubNode[] {
  const counts = { in: 0, out: 0 };
  return stubs.map((stub) => {
    const row = counts[stub.direction];
    counts[stub.direction] += 1;
    const x =
      stub.direction === "in"
        ? bounds.x - STUB_MARGIN - STUB_SIZE.width
        : bounds.x + bounds.width + STUB_MARGIN;
    return {
      id: `stub:${stub.parentFlowId}`,
      type: "stub",
      position: { x, y: bounds.y + row * (STUB_SIZE.height + STUB_GAP) },
      width: STUB_SIZE.width,
      height: STUB_SIZE.height,
      measured: { ...STUB_SIZE },
      handles: getStubHandles(stub.direction, STUB_SIZE.width, STUB_SIZE.height),
      data: { stub },
      draggable: false,
      selectable: false,
      // A stub is joined to the inner elements that carry its flow by drawing from its handle.
      connectable: !isReadOnly,
      deletable: false,
      focusable: false,
      ariaRole: "group",
      ariaLabel: describeStub(stub),
    };
  });
}

/** "Flow from the parent diagram: Card details, from Customer". */
export function describeStub(stub: StubFlow): string {
  const name = stub.name || "Unnamed flow";
  const direction = stub.direction === "in" ? "from" : "to";
  return `Parent flow: ${name}, ${direction} ${stub.outsideElementName}`;
}

const STUB_PREFIX = "stub:";
const STUB_LINK_PREFIX = "stub-link:";

/** True for the id of a stub node (never an element's id: nanoid has no colon). */
export function isStubId(id: string): boolean {
  return id.startsWith(STUB_PREFIX);
}

/** The parent flow id of a stub node's id, or null for any other id. */
export function getStubFlowId(nodeId: string): string | null {
  return isStubId(nodeId) ? nodeId.slice(STUB_PREFIX.length) : null;
}

/** The id of the edge joining the stub of `flowId` to the element `elementId`. */
export function getStubLinkId(flowId: string, elementId: string): string {
  return `${STUB_LINK_PREFIX}${flowId}:${elementId}`;
}

/** The parent flow and element of a stub link edge's id, or null for any other id. */
export function parseStubLinkId(id: string): { flowId: string; elementId: string } | null {
  if (!id.startsWith(STUB_LINK_PREFIX)) return null;
  const [flowId, elementId, ...rest] = id.slice(STUB_LINK_PREFIX.length).split(":");
  if (!flowId || !elementId || rest.length > 0) return null;
  return { flowId, elementId };
}

/**
 * The link from a stub to the inner element that carries its flow, drawn in the flow's
 * direction: from the stub for an incoming flow, to it for an outgoing one.
 */
export function buildStubLinkEdge(
  stub: StubFlow,
  element: Pick<DiagramElement, "id" | "name">,
  state: { isSelected: boolean; isReadOnly: boolean },
): StubLinkEdge {
  const stubNodeId = `${STUB_PREFIX}${stub.parentFlowId}`;
  const isIncoming = stub.direction === "in";
  const flowName = stub.name || "Unnamed flow";
  return {
    id: getStubLinkId(stub.parentFlowId, element.id),
    type: "stub-link",
    source: isIncoming ? stubNodeId : element.id,
    target: isIncoming ? element.id : stubNodeId,
    data: { stub, elementId: element.id },
    selected: state.isSelected,
    deletable: !state.isReadOnly,
    selectable: !state.isReadOnly,
    markerEnd: { type: "arrowclosed", width: 16, height: 16 },
    markerStart: stub.bidirectional ? { type: "arrowclosed", width: 16, height: 16 } : undefined,
    ariaLabel: `Parent flow ${flowName} carried by ${element.name}`,
  };
}
