import ELK from "elkjs/lib/elk.bundled.js";
import type { ELK as ElkEngine, ElkExtendedEdge, ElkNode, LayoutOptions } from "elkjs/lib/elk-api";
import type * as Y from "yjs";
import { listElementsOfDiagram, listFlowsOfDiagram } from "../model";
import type { DiagramElement, Flow } from "../model";
import { getRectCenter, isPointInRect } from "./geometry";
import type { Rect } from "./geometry";
import { clearFlowLines } from "./layout-clearance";
import type { PlacedItem } from "./layout-clearance";
import { placeLineBoundaries } from "./layout-lines";

/*
 * Automatic layout of one diagram with ELK's layered algorithm, left to right. Box trust
 * boundaries become compound nodes holding the elements whose centers they held, so after
 * layout each box still encloses the same elements (and flows still cross the same boxes),
 * resized to wrap them. Flows are drawn as straight lines: elements standing on one are then
 * moved off it (layout-clearance.ts). Line boundaries are no groups: each is drawn again
 * between the elements it separated (layout-lines.ts). Runs in the browser and in Node: the bundled ELK
 * works in the calling thread.
 */

/** Where an element goes: its new corner, and for a box trust boundary its new size. */
export interface LayoutPosition {
  x: number;
  y: number;
  width?: number;
  height?: number;
}

/** The elements (trust boundaries included) and data flows of one diagram. */
export interface LayoutInput {
  elements: readonly DiagramElement[];
  flows: readonly Flow[];
}

/** Room around the elements inside a box boundary; more at the top, where its name is drawn. */
const BOUNDARY_PADDING = "[top=48,left=32,bottom=32,right=32]";
/** Smallest side given to ELK, so an element stored with no size still takes room. */
const MIN_NODE_SIDE = 24;

/** Spacing, set on the root and on every box: ELK does not pass options down to children. */
const SPACING_OPTIONS: LayoutOptions = {
  "elk.spacing.nodeNode": "56",
  // Wide enough between columns for a flow's label.
  "elk.layered.spacing.nodeNodeBetweenLayers": "120",
  "elk.spacing.edgeNode": "32",
  "elk.spacing.edgeEdge": "16",
  "elk.spacing.componentComponent": "72",
};

const ROOT_OPTIONS: LayoutOptions = {
  ...SPACING_OPTIONS,
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  // Box boundaries are compound nodes: lay their contents out with the rest of the graph.
  "elk.hierarchyHandling": "INCLUDE_CHILDREN",
  "elk.padding": "[top=0,left=0,bottom=0,right=0]",
};

const BOX_OPTIONS: LayoutOptions = { ...SPACING_OPTIONS, "elk.padding": BOUNDARY_PADDING };

let engine: ElkEngine | null = null;

function getEngine(): ElkEngine {
  engine ??= new ELK();
  return engine;
}

/** The box with sizes made non-negative. */
function normalizeRect(rect: Rect): Rect {
  return {
    x: Math.min(rect.x, rect.x + rect.width),
    y: Math.min(rect.y, rect.y + rect.height),
    width: Math.abs(rect.width),
    height: Math.abs(rect.height),
  };
}

function getArea(rect: Rect): number {
  return rect.width * rect.height;
}

/**
 * The innermost box holding the center of `rect`, among the boxes that may contain it:
 * `canContain(box)` rules out the box itself and, for boxes, the ones not larger than it.
 */
function findInnermostBox(
  rect: Rect,
  boxes: readonly DiagramElement[],
  canContain: (box: DiagramElement) => boolean,
): DiagramElement | null {
  const center = getRectCenter(rect);
  let innermost: DiagramElement | null = null;
  for (const box of boxes) {
    if (!canContain(box) || !isPointInRect(center, normalizeRect(box))) continue;
    if (innermost === null || getArea(normalizeRect(box)) < getArea(normalizeRect(innermost))) {
      innermost = box;
    }
  }
  return innermost;
}

/** True when box `outer` may hold box `inner`: larger, or as large with a smaller id. */
function isOuterBox(outer: DiagramElement, inner: DiagramElement): boolean {
  const outerArea = getArea(normalizeRect(outer));
  const innerArea = getArea(normalizeRect(inner));
  return outerArea > innerArea || (outerArea === innerArea && outer.id < inner.id);
}

/** The ELK graph, and the box (or null) that holds each element and box. */
interface LayoutGraph {
  root: ElkNode;
  parentIds: ReadonlyMap<string, string | null>;
}

/** Builds the ELK graph: nodes nested in the boxes that hold them, every edge at the root. */
function buildGraph(input: LayoutInput): LayoutGraph {
  const boxes = input.elements.filter(
    (element) => element.kind === "trust-boundary" && element.shape === "box",
  );
  const nodes = input.elements.filter((element) => element.kind !== "trust-boundary");
  const elkNodes = new Map<string, ElkNode>();
  const parentIds = new Map<string, string | null>();

  for (const box of boxes) {
    elkNodes.set(box.id, { id: box.id, layoutOptions: BOX_OPTIONS });
    const parent = findInnermostBox(normalizeRect(box), boxes, (other) => isOuterBox(other, box));
    parentIds.set(box.id, parent?.id ?? null);
  }
  for (const node of nodes) {
    elkNodes.set(node.id, {
      id: node.id,
      width: Math.max(Math.abs(node.width), MIN_NODE_SIDE),
      height: Math.max(Math.abs(node.height), MIN_NODE_SIDE),
    });
    parentIds.set(node.id, findInnermostBox(node, boxes, () => true)?.id ?? null);
  }

  const root: ElkNode = { id: "root", layoutOptions: ROOT_OPTIONS, children: [] };
  for (const [id, elkNode] of elkNodes) {
    const parentId = parentIds.get(id) ?? null;
    const parent = parentId === null ? root : elkNodes.get(parentId);
    if (parent !== undefined) (parent.children ??= []).push(elkNode);
  }
  // A box holding nothing keeps its size and is placed like any node.
  for (const box of boxes) {
    const elkNode = elkNodes.get(box.id);
    if (elkNode === undefined || (elkNode.children?.length ?? 0) > 0) continue;
    const rect = normalizeRect(box);
    elkNode.width = Math.max(rect.width, MIN_NODE_SIDE);
    elkNode.height = Math.max(rect.height, MIN_NODE_SIDE);
  }

  const nodeIds = new Set(nodes.map((node) => node.id));
  const edges: ElkExtendedEdge[] = input.flows
    .filter((flow) => nodeIds.has(flow.sourceId) && nodeIds.has(flow.targetId))
    .map((flow) => ({ id: flow.id, sources: [flow.sourceId], targets: [flow.targetId] }));
  root.edges = edges;
  return { root, parentIds };
}

/** Collects the absolute boxes of ELK's nested result. */
function collectPlacedItems(
  node: ElkNode,
  offset: { x: number; y: number },
  graph: LayoutGraph,
  boxIds: ReadonlySet<string>,
  items: Map<string, PlacedItem>,
): void {
  for (const child of node.children ?? []) {
    const x = offset.x + (child.x ?? 0);
    const y = offset.y + (child.y ?? 0);
    items.set(child.id, {
      rect: { x, y, width: child.width ?? 0, height: child.height ?? 0 },
      parentId: graph.parentIds.get(child.id) ?? null,
      isBox: boxIds.has(child.id),
    });
    collectPlacedItems(child, { x, y }, graph, boxIds, items);
  }
}

/** The top-left corner of the laid-out elements, before or after layout. */
function getTopLeft(points: Iterable<{ x: number; y: number }>): { x: number; y: number } {
  let x = Number.POSITIVE_INFINITY;
  let y = Number.POSITIVE_INFINITY;
  for (const point of points) {
    x = Math.min(x, point.x);
    y = Math.min(y, point.y);
  }
  return Number.isFinite(x) && Number.isFinite(y) ? { x, y } : { x: 0, y: 0 };
}

/**
 * Lays out plain diagram contents. Returns the new corner of every element, the new size of
 * every box trust boundary and the new vector (width, height) of every line trust boundary that
 * has elements to go between; the drawing keeps its top-left corner where it was. Flows whose
 * ends are missing are ignored.
 */
export async function layoutContents(input: LayoutInput): Promise<Map<string, LayoutPosition>> {
  const graph = buildGraph(input);
  const result = await getEngine().layout(graph.root);
  const boxIds = new Set(
    input.elements
      .filter((element) => element.kind === "trust-boundary" && element.shape === "box")
      .map((element) => element.id),
  );
  const placed = new Map<string, PlacedItem>();
  collectPlacedItems(result, { x: 0, y: 0 }, graph, boxIds, placed);
  // Flows are drawn straight, not along ELK's routes: move elements off their lines.
  const cleared = clearFlowLines(placed, input.flows);

  const before = getTopLeft(
    input.elements
      .filter((element) => cleared.has(element.id))
      .map((element) => normalizeRect(element)),
  );
  const after = getTopLeft([...cleared.values()].map((item) => item.rect));
  const positions = new Map<string, LayoutPosition>();
  for (const [id, { rect, isBox }] of cleared) {
    const x = Math.round(rect.x - after.x + before.x);
    const y = Math.round(rect.y - after.y + before.y);
    positions.set(
      id,
      isBox ? { x, y, width: Math.round(rect.width), height: Math.round(rect.height) } : { x, y },
    );
  }
  const elementRects = new Map(
    [...cleared].flatMap(([id, item]) => (item.isBox ? [] : [[id, item.rect] as const])),
  );
  for (const [id, line] of placeLineBoundaries(input.elements, input.flows, elementRects)) {
    positions.set(id, {
      x: Math.round(line.x - after.x + before.x),
      y: Math.round(line.y - after.y + before.y),
      width: Math.round(line.width),
      height: Math.round(line.height),
    });
  }
  return positions;
}

/**
 * Lays out one diagram of the document (see layoutContents). Nothing is written: the caller
 * applies the positions with updateElement, e.g. in one transaction.
 */
export function layoutDiagram(doc: Y.Doc, diagramId: string): Promise<Map<string, LayoutPosition>> {
  return layoutContents({
    elements: listElementsOfDiagram(doc, diagramId),
    flows: listFlowsOfDiagram(doc, diagramId),
  });
}
