import { describe, expect, it } from "vitest";
import { listStubFlows } from "@/lib/diagram/hierarchy";
import { addElement, listElementsOfDiagram, updateElement } from "@/lib/model/elements";
import { addFlow, listFlowsOfDiagram, updateFlow } from "@/lib/model/flows";
import type * as Y from "yjs";
import { CanvasGraphBuilder } from "./canvas-graph";
import type { CanvasNode } from "./diagram-mapping";
import {
  buildOverviewScene,
  findEditingPoint,
  findOverviewTarget,
  getOverviewTargetName,
  getOverviewSelectChanges,
  isOverviewZoom,
  OVERVIEW_MAX_ZOOM,
  OVERVIEW_MIN_NODES,
  type PlacedNode,
} from "./overview-scene";
import { buildSmallDiagram } from "./test-factories";

/** The canvas's nodes and edges for `doc`, placed where React Flow would place them. */
function buildGraph(
  doc: Y.Doc,
  diagramId: string,
  options: { selectedIds?: string[]; editingId?: string } = {},
) {
  const graph = new CanvasGraphBuilder().build({
    records: {
      elements: listElementsOfDiagram(doc, diagramId),
      flows: listFlowsOfDiagram(doc, diagramId),
      stubs: listStubFlows(doc, diagramId),
    },
    selectedIds: new Set(options.selectedIds ?? []),
    editing: options.editingId === undefined ? null : { type: "element", id: options.editingId },
    liveGeometries: new Map(),
    remoteSelections: new Map(),
    isReadOnly: false,
  });
  return graph;
}

function place(nodes: readonly CanvasNode[]): PlacedNode[] {
  return nodes.map((node) => ({
    node,
    rect: {
      x: node.position.x,
      y: node.position.y,
      width: node.width ?? 0,
      height: node.height ?? 0,
    },
  }));
}

/**
 * The small diagram (browser, web app, database, an internet boundary) with two flows, the web
 * app's name being edited when `isWebEditing`.
 */
function buildScene(isWebEditing = false) {
  const diagram = buildSmallDiagram();
  const { doc, diagramId, browser, web, db } = diagram;
  const request = addFlow(doc, { sourceId: browser, targetId: web, name: "Request" });
  const query = addFlow(doc, { sourceId: web, targetId: db, name: "Query" });
  const graph = buildGraph(doc, diagramId, isWebEditing ? { editingId: web } : {});
  return { ...diagram, request, query, scene: buildOverviewScene(place(graph.nodes), graph.edges) };
}

describe("isOverviewZoom", () => {
  it("shows the overview only for a large diagram zoomed out below the label zoom", () => {
    expect(isOverviewZoom(OVERVIEW_MAX_ZOOM - 0.01, OVERVIEW_MIN_NODES)).toBe(true);
    expect(isOverviewZoom(OVERVIEW_MAX_ZOOM, OVERVIEW_MIN_NODES)).toBe(false);
    expect(isOverviewZoom(0.1, OVERVIEW_MIN_NODES - 1)).toBe(false);
  });
});

describe("buildOverviewScene", () => {
  it("puts trust boundaries first and flows between the outlines of their elements", () => {
    const { scene, internet, browser, web, request } = buildScene();
    expect(scene.boundaries.map((shape) => shape.id)).toEqual([internet]);
    expect(scene.shapes.map((shape) => shape.id)).not.toContain(internet);
    const browserShape = scene.shapes.find((shape) => shape.id === browser);
    const webShape = scene.shapes.find((shape) => shape.id === web);
    const flow = scene.flows.find((candidate) => candidate.id === request);
    if (!browserShape || !webShape || !flow) throw new Error("missing from the scene");
    // From the right side of the browser (a box) to the outline of the web app (an ellipse).
    expect(flow.from.x).toBeCloseTo(browserShape.rect.x + browserShape.rect.width);
    const radiusX = webShape.rect.width / 2;
    const radiusY = webShape.rect.height / 2;
    const onEllipse =
      ((flow.to.x - webShape.rect.x - radiusX) / radiusX) ** 2 +
      ((flow.to.y - webShape.rect.y - radiusY) / radiusY) ** 2;
    expect(onEllipse).toBeCloseTo(1);
    expect(flow).toMatchObject({
      name: "Request",
      isFlow: true,
      isDashed: false,
      hasStartHead: false,
    });
  });

  it("carries selection, scope, two-way flows and open threats from the canvas", () => {
    const diagram = buildSmallDiagram();
    const { doc, diagramId, browser, web, db } = diagram;
    const both = addFlow(doc, { sourceId: browser, targetId: web, name: "Both" });
    updateFlow(doc, both, { bidirectional: true });
    const outside = addFlow(doc, { sourceId: web, targetId: db, name: "Outside" });
    updateFlow(doc, outside, { outOfScope: true });
    updateElement(doc, db, { outOfScope: true });
    const graph = buildGraph(doc, diagramId, { selectedIds: [web, outside] });
    const scene = buildOverviewScene(place(graph.nodes), graph.edges);
    expect(scene.shapes.find((shape) => shape.id === web)?.isSelected).toBe(true);
    expect(scene.shapes.find((shape) => shape.id === db)?.isOutOfScope).toBe(true);
    expect(scene.flows.find((flow) => flow.id === both)?.hasStartHead).toBe(true);
    expect(scene.flows.find((flow) => flow.id === outside)).toMatchObject({
      isDashed: true,
      isSelected: true,
    });
  });

  it("leaves out an edge whose element is not drawn", () => {
    const { doc, diagramId, browser, web } = buildSmallDiagram();
    addFlow(doc, { sourceId: browser, targetId: web });
    const graph = buildGraph(doc, diagramId);
    const withoutWeb = place(graph.nodes.filter((node) => node.id !== web));
    expect(buildOverviewScene(withoutWeb, graph.edges).flows).toEqual([]);
  });

  it("draws a line boundary from its start to its end", () => {
    const { doc, diagramId } = buildSmallDiagram();
    const line = addElement(doc, {
      kind: "trust-boundary",
      diagramId,
      name: "Edge",
      x: 100,
      y: 400,
      width: 300,
      height: -50,
    });
    updateElement(doc, line, { shape: "line" });
    const graph = buildGraph(doc, diagramId);
    const shape = buildOverviewScene(place(graph.nodes), graph.edges).boundaries.find(
      (candidate) => candidate.id === line,
    );
    expect(shape?.line).toEqual({ from: { x: 100, y: 400 }, to: { x: 400, y: 350 } });
  });
});

describe("findOverviewTarget", () => {
  it("hits an element before a flow and a flow before the boundary around them", () => {
    const { scene, web, request, internet } = buildScene();
    const webShape = scene.shapes.find((shape) => shape.id === web);
    const flow = scene.flows.find((candidate) => candidate.id === request);
    const boundary = scene.boundaries[0];
    if (!webShape || !flow || !boundary) throw new Error("missing from the scene");
    const center = {
      x: webShape.rect.x + webShape.rect.width / 2,
      y: webShape.rect.y + webShape.rect.height / 2,
    };
    expect(findOverviewTarget(scene, center, 0.2)).toEqual({ type: "element", id: web });
    // The flow crosses the boundary's left edge: the flow wins there.
    const crossing = { x: boundary.rect.x, y: flow.from.y };
    expect(findOverviewTarget(scene, crossing, 0.2)).toEqual({ type: "flow", id: request });
    // On the boundary's outline away from any flow.
    const onOutline = {
      x: boundary.rect.x + boundary.rect.width / 2,
      y: boundary.rect.y + boundary.rect.height,
    };
    expect(findOverviewTarget(scene, onOutline, 0.2)).toEqual({ type: "element", id: internet });
  });

  it("lets a click inside a boundary's empty middle through, as the full drawing does", () => {
    const { scene } = buildScene();
    const boundary = scene.boundaries[0];
    if (!boundary) throw new Error("no boundary");
    const inside = {
      x: boundary.rect.x + boundary.rect.width - 40,
      y: boundary.rect.y + boundary.rect.height - 40,
    };
    expect(findOverviewTarget(scene, inside, 1)).toBeNull();
  });

  it("allows a few screen pixels of slack, more canvas units the further out the view", () => {
    const { scene, request } = buildScene();
    const flow = scene.flows.find((candidate) => candidate.id === request);
    if (!flow) throw new Error("no flow");
    const below = { x: (flow.from.x + flow.to.x) / 2, y: flow.from.y + 20 };
    // 20 canvas units: 4 screen pixels at 20 % zoom, 20 at 100 %.
    expect(findOverviewTarget(scene, below, 0.2)).toEqual({ type: "flow", id: request });
    expect(findOverviewTarget(scene, below, 1)).toBeNull();
  });

  it("names what it hits, for the tooltip", () => {
    const { scene, web, request } = buildScene();
    expect(getOverviewTargetName(scene, { type: "element", id: web })).toBe("Web app");
    expect(getOverviewTargetName(scene, { type: "flow", id: request })).toBe("Request");
  });
});

describe("findEditingPoint", () => {
  it("finds the centre of the element being renamed, and nothing otherwise", () => {
    expect(findEditingPoint(buildScene().scene)).toBeNull();
    const editing = buildScene(true);
    const shape = editing.scene.shapes.find((candidate) => candidate.id === editing.web);
    if (!shape) throw new Error("no shape");
    expect(findEditingPoint(editing.scene)).toEqual({
      x: shape.rect.x + shape.rect.width / 2,
      y: shape.rect.y + shape.rect.height / 2,
    });
  });
});

describe("getOverviewSelectChanges", () => {
  const nodes = [{ id: "a", selected: true }, { id: "b" }, { id: "c", selected: false }];
  const edges = [{ id: "f", selected: true }, { id: "g" }];

  it("selects what was clicked alone, as a click on its node or edge does", () => {
    expect(getOverviewSelectChanges({ type: "element", id: "b" }, false, nodes, edges)).toEqual({
      nodes: [
        { type: "select", id: "a", selected: false },
        { type: "select", id: "b", selected: true },
      ],
      edges: [{ type: "select", id: "f", selected: false }],
    });
    expect(getOverviewSelectChanges({ type: "flow", id: "f" }, false, nodes, edges)).toEqual({
      nodes: [{ type: "select", id: "a", selected: false }],
      edges: [],
    });
  });

  it("clears the selection on a click on nothing", () => {
    expect(getOverviewSelectChanges(null, false, nodes, edges)).toEqual({
      nodes: [{ type: "select", id: "a", selected: false }],
      edges: [{ type: "select", id: "f", selected: false }],
    });
  });

  it("toggles what was clicked with the multiple selection key, leaving the rest", () => {
    expect(getOverviewSelectChanges({ type: "flow", id: "g" }, true, nodes, edges)).toEqual({
      nodes: [],
      edges: [{ type: "select", id: "g", selected: true }],
    });
    expect(getOverviewSelectChanges({ type: "element", id: "a" }, true, nodes, edges)).toEqual({
      nodes: [{ type: "select", id: "a", selected: false }],
      edges: [],
    });
  });
});
