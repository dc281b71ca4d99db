import {
  getSegmentDistance,
  growRect,
  isPointInRect,
  type Point,
  type Rect,
} from "@/lib/diagram/geometry";
import type { CanvasEdge, CanvasNode, ElementNodeType } from "./diagram-mapping";
import { getFlowEndpoints, getNodeOutline, type NodeOutline } from "./edge-geometry";
import { LABEL_MIN_ZOOM } from "./edge-label-layer";

/*
 * The overview of a large diagram: below OVERVIEW_MAX_ZOOM, a diagram of OVERVIEW_MIN_NODES
 * nodes or more is drawn on one bitmap instead of as a thousand DOM and SVG elements, which a
 * browser without a graphics card repaints too slowly for a smooth pan (see overview-painter.ts
 * and overview-layer.tsx). This module turns the canvas's nodes and edges into that drawing's
 * shapes and finds what a click hits. Pure, so both are tested without a browser.
 */

/** Below this zoom a large diagram is drawn as an overview: the zoom where flow labels go. */
export const OVERVIEW_MAX_ZOOM = LABEL_MIN_ZOOM;

/**
 * The fewest nodes for which the overview is drawn. A smaller diagram costs little to draw as
 * it is and keeps everything the full drawing offers at any zoom (dragging, connecting).
 */
export const OVERVIEW_MIN_NODES = 150;

/** How far from a shape or a line a click still hits it, in screen pixels. */
const HIT_SLOP_PX = 6;

/** The height of a trust boundary's name tag along its top edge, in canvas units. */
const BOUNDARY_TAG_HEIGHT = 24;
/** The width of that tag at most, in canvas units. */
const BOUNDARY_TAG_WIDTH = 220;

/** Whether a canvas at `zoom` with `nodeCount` nodes shows the overview. */
export function isOverviewZoom(zoom: number, nodeCount: number): boolean {
  return zoom < OVERVIEW_MAX_ZOOM && nodeCount >= OVERVIEW_MIN_NODES;
}

/** How a shape of the overview is drawn: an element's node type, or a parent flow's stub. */
export type OverviewShapeKind = ElementNodeType | "stub";

/** One node of the canvas as the overview draws it. */
export interface OverviewShape {
  id: string;
  kind: OverviewShapeKind;
  /** Where the node is, in canvas units. */
  rect: Rect;
  /** A trust boundary drawn as a line: its two ends, in canvas units. */
  line: { from: Point; to: Point } | null;
  name: string;
  isSelected: boolean;
  isOutOfScope: boolean;
  /** Threats targeting it that are still open or under investigation. */
  threatCount: number;
  /** Its name is being edited in place, which only the full drawing shows. */
  isEditing: boolean;
  /** The colour of someone else who has it selected, or null. */
  remoteColor: string | null;
}

/** One edge of the canvas as the overview draws it: a straight arrow. */
export interface OverviewFlow {
  id: string;
  /** "3. Card details", as the flow's label reads; empty for a stub's link. */
  name: string;
  from: Point;
  to: Point;
  /** An arrowhead at the start too (a two-way flow). */
  hasStartHead: boolean;
  isSelected: boolean;
  /** Drawn dashed: a flow out of scope, or the link from a parent flow's stub. */
  isDashed: boolean;
  /** A data flow of this diagram, which a click can select; a stub's link is not. */
  isFlow: boolean;
  isEditing: boolean;
  /** The colour of someone else who has it selected, or null. */
  remoteColor: string | null;
}

/** What the overview draws, in drawing order: boundaries, then flows, then the other shapes. */
export interface OverviewScene {
  boundaries: OverviewShape[];
  flows: OverviewFlow[];
  shapes: OverviewShape[];
}

/** A node with where it is now (React Flow's absolute position and measured size). */
export interface PlacedNode {
  node: CanvasNode;
  rect: Rect;
}

/** What a click on the overview hits. */
export interface OverviewTarget {
  type: "element" | "flow";
  id: string;
}

function toShape({ node, rect }: PlacedNode): OverviewShape {
  if (node.type === "stub") {
    return {
      id: node.id,
      kind: "stub",
      rect,
      line: null,
      name: node.data.stub.name,
      isSelected: node.selected === true,
      isOutOfScope: false,
      threatCount: 0,
      isEditing: false,
      remoteColor: null,
    };
  }
  const { element, geometry } = node.data;
  const isLine = node.type === "boundary-line";
  return {
    id: node.id,
    kind: node.type ?? "process",
    rect,
    line: isLine
      ? {
          from: { x: geometry.x, y: geometry.y },
          to: { x: geometry.x + geometry.width, y: geometry.y + geometry.height },
        }
      : null,
    name: element.name,
    isSelected: node.selected === true,
    isOutOfScope: element.outOfScope,
    threatCount: node.data.threatCount,
    isEditing: node.data.isEditing,
    remoteColor: node.data.remoteMarks[0]?.color ?? null,
  };
}

function getOutline(shape: OverviewShape): NodeOutline {
  return getNodeOutline(shape.kind);
}

/**
 * The overview's shapes for `nodes` and arrows for `edges`, with the same geometry as the full
 * drawing: flows run straight between the outlines of their elements, side by side when several
 * join the same two. An edge whose end is not among the nodes is left out, as the full drawing
 * does.
 */
export function buildOverviewScene(
  nodes: Iterable<PlacedNode>,
  edges: readonly CanvasEdge[],
): OverviewScene {
  const boundaries: OverviewShape[] = [];
  const shapes: OverviewShape[] = [];
  const byId = new Map<string, OverviewShape>();
  for (const placed of nodes) {
    const shape = toShape(placed);
    byId.set(shape.id, shape);
    if (shape.kind === "boundary-box" || shape.kind === "boundary-line") boundaries.push(shape);
    else shapes.push(shape);
  }
  const flows: OverviewFlow[] = [];
  for (const edge of edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) continue;
    const isFlow = edge.type === "flow";
    const offset = isFlow ? (edge.data?.parallelOffset ?? 0) : 0;
    const { from, to } = getFlowEndpoints(
      { rect: source.rect, outline: getOutline(source) },
      { rect: target.rect, outline: getOutline(target) },
      offset,
    );
    flows.push({
      id: edge.id,
      name: edge.type === "flow" ? (edge.data?.label ?? "") : "",
      from,
      to,
      hasStartHead: edge.markerStart !== undefined,
      isSelected: edge.selected === true,
      isDashed: isFlow ? edge.data?.flow.outOfScope === true : true,
      isFlow,
      isEditing: isFlow && edge.data?.isEditing === true,
      remoteColor: isFlow ? (edge.data?.remoteMarks[0]?.color ?? null) : null,
    });
  }
  return { boundaries, flows, shapes };
}

/** Whether two rectangles overlap (touching counts). */
export function doRectsMeet(a: Rect, b: Rect): boolean {
  return (
    a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height
  );
}

/**
 * Whether `point` is on a trust boundary as the full drawing lets a click land on it: on its
 * outline or its name tag (a box's inside lets clicks through to what it encloses), or on its
 * line.
 */
function isOnBoundary(shape: OverviewShape, point: Point, slop: number): boolean {
  if (shape.line !== null) return getSegmentDistance(point, shape.line.from, shape.line.to) <= slop;
  const { rect } = shape;
  if (!isPointInRect(point, growRect(rect, slop))) return false;
  const tag = {
    x: rect.x,
    y: rect.y,
    width: Math.min(rect.width, BOUNDARY_TAG_WIDTH),
    height: BOUNDARY_TAG_HEIGHT,
  };
  if (isPointInRect(point, tag)) return true;
  // Inside by more than the slack is the box's middle, which lets clicks through.
  const middle = growRect(rect, -slop);
  return middle.width <= 0 || middle.height <= 0 || !isPointInRect(point, middle);
}

/**
 * What a click at `point` (canvas units) on the overview at `zoom` selects, in the full
 * drawing's stacking order: an element drawn over flows, flows over trust boundaries. A flow is
 * hit within a few screen pixels of its line, the nearest one when several are. Parent flow
 * stubs and their links are not selectable here, as in the full drawing's read-only parts.
 */
export function findOverviewTarget(
  scene: OverviewScene,
  point: Point,
  zoom: number,
): OverviewTarget | null {
  const slop = HIT_SLOP_PX / zoom;
  for (let index = scene.shapes.length - 1; index >= 0; index -= 1) {
    const shape = scene.shapes[index];
    if (shape && shape.kind !== "stub" && isPointInRect(point, growRect(shape.rect, slop))) {
      return { type: "element", id: shape.id };
    }
  }
  let nearest: OverviewTarget | null = null;
  let nearestDistance = slop;
  for (const flow of scene.flows) {
    if (!flow.isFlow) continue;
    const distance = getSegmentDistance(point, flow.from, flow.to);
    if (distance <= nearestDistance) {
      nearest = { type: "flow", id: flow.id };
      nearestDistance = distance;
    }
  }
  if (nearest !== null) return nearest;
  for (let index = scene.boundaries.length - 1; index >= 0; index -= 1) {
    const shape = scene.boundaries[index];
    if (shape && isOnBoundary(shape, point, slop)) return { type: "element", id: shape.id };
  }
  return null;
}

/** The name of what `target` names in `scene`, for a tooltip; empty when unnamed. */
export function getOverviewTargetName(scene: OverviewScene, target: OverviewTarget): string {
  if (target.type === "flow") {
    return scene.flows.find((candidate) => candidate.id === target.id)?.name ?? "";
  }
  const shape =
    scene.shapes.find((candidate) => candidate.id === target.id) ??
    scene.boundaries.find((candidate) => candidate.id === target.id);
  return shape?.name ?? "";
}

/** The centre of what is being renamed in `scene`, which only the full drawing can show. */
export function findEditingPoint(scene: OverviewScene): Point | null {
  const shape = [...scene.shapes, ...scene.boundaries].find((candidate) => candidate.isEditing);
  if (shape) {
    return { x: shape.rect.x + shape.rect.width / 2, y: shape.rect.y + shape.rect.height / 2 };
  }
  const flow = scene.flows.find((candidate) => candidate.isEditing);
  if (flow) return { x: (flow.from.x + flow.to.x) / 2, y: (flow.from.y + flow.to.y) / 2 };
  return null;
}

/** A select change of React Flow's, for a node or an edge. */
export interface OverviewSelectChange {
  type: "select";
  id: string;
  selected: boolean;
}

/**
 * The select changes a click on `target` in the overview makes, as a click on its node or edge
 * would: it alone selected, or with the multiple selection key (`isAdded`) toggled in or out of
 * the selection. A click on nothing (`target` null) clears the selection, as on the canvas.
 */
export function getOverviewSelectChanges(
  target: OverviewTarget | null,
  isAdded: boolean,
  nodes: readonly { id: string; selected?: boolean }[],
  edges: readonly { id: string; selected?: boolean }[],
): { nodes: OverviewSelectChange[]; edges: OverviewSelectChange[] } {
  const select = (id: string, selected: boolean): OverviewSelectChange => ({
    type: "select",
    id,
    selected,
  });
  const changes = { nodes: [] as OverviewSelectChange[], edges: [] as OverviewSelectChange[] };
  const isNode = target?.type === "element";
  const own = isNode ? changes.nodes : changes.edges;
  const isSelected =
    target !== null &&
    (isNode ? nodes : edges).some((item) => item.id === target.id && item.selected === true);
  if (target !== null && isAdded) {
    own.push(select(target.id, !isSelected));
    return changes;
  }
  for (const node of nodes) {
    if (node.selected === true && node.id !== target?.id)
      changes.nodes.push(select(node.id, false));
  }
  for (const edge of edges) {
    if (edge.selected === true && edge.id !== target?.id)
      changes.edges.push(select(edge.id, false));
  }
  if (target !== null && !isSelected) own.push(select(target.id, true));
  return changes;
}
