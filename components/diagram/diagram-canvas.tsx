"use client";

import {
  Background,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from "@xyflow/react";
import { useLayoutEffect, useMemo, useState, type RefObject } from "react";
import { cx } from "@/components/ui/class-names";
import { markOnce, OPEN_MARKS } from "@/lib/perf/open-timing";
import { CanvasActionsContext, type CanvasActions, type RenameTarget } from "./canvas-context";
import { NODE_TYPES } from "./canvas-nodes";
import { OverviewLayer, useOverviewShown } from "./overview-layer";
import {
  getOverviewSelectChanges,
  OVERVIEW_MIN_NODES,
  type OverviewTarget,
} from "./overview-scene";
import type { PaletteItem } from "./diagram-commands";
import { getContentBounds, isStubId, type CanvasEdge, type CanvasNode } from "./diagram-mapping";
import {
  EdgeLabelLayerContext,
  getLabelArea,
  isSameLabelArea,
  selectIsLabelZoom,
} from "./edge-label-layer";
import { EDGE_TYPES } from "./flow-edge";
import type { RemoteCanvasPeer } from "./live-canvas";
import { PALETTE_DRAG_TYPE, parsePaletteItem } from "./palette-drag";
import { LightMiniMap } from "./light-minimap";
import { getOpeningViewport, type Viewport } from "./readable-viewport";
import { RemoteCursors } from "./remote-cursors";
import type { LiveCanvasPublisher } from "./use-live-canvas";
import { measureFillHeight } from "./use-fill-window-height";
import { useStableHandler } from "./use-stable-handler";

const PRO_OPTIONS = { hideAttribution: true };
const ARIA_LABEL_CONFIG = { "controls.ariaLabel": "Zoom controls" };
const MULTI_SELECTION_KEYS = ["Shift", "Meta", "Control"];
/** What React Flow is given for edges while the overview draws them (see overview-layer.tsx). */
const NO_EDGES: CanvasEdge[] = [];

export interface DiagramCanvasProps {
  canvasRef: RefObject<HTMLDivElement | null>;
  /** Its height in pixels: what the window leaves below the toolbar. */
  height: number;
  graph: { nodes: CanvasNode[]; edges: CanvasEdge[] };
  actions: CanvasActions;
  peers: RemoteCanvasPeer[];
  publisher: LiveCanvasPublisher;
  isReadOnly: boolean;
  /** The diagram has no elements and no parent flow stubs: a hint is shown. */
  isEmpty: boolean;
  /**
   * Called once React Flow is initialised (its `onInit`); the canvas then sets `data-ready`.
   * The canvas keeps that state itself, so becoming ready redraws the canvas alone.
   */
  onReady: () => void;
  onNodesChange: (changes: NodeChange<CanvasNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<CanvasEdge>[]) => void;
  onConnect: (connection: Connection) => void;
  canConnect: (connection: { source: string; target: string }) => boolean;
  onStartRename: (target: RenameTarget) => void;
  /** A palette item dropped on the canvas, at that point of the diagram. */
  onDropItem: (item: PaletteItem, position: { x: number; y: number }) => void;
}

/** The live canvas region: React Flow with its controls, remote cursors and drop target. */
export function DiagramCanvas({
  canvasRef,
  graph,
  actions,
  peers,
  publisher,
  isReadOnly,
  isEmpty,
  onReady,
  onNodesChange,
  onEdgesChange,
  onConnect,
  canConnect,
  onStartRename,
  onDropItem,
  height,
}: DiagramCanvasProps) {
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  // A drawing opens fitted to the canvas, but never below readable zoom: a larger one opens at
  // its start and the person pans (the overview shows the rest). The view is chosen once the
  // canvas has its width, before React Flow draws: it then draws only the nodes in view. An
  // empty canvas keeps React Flow's view, which would otherwise fit (and move) the first
  // element added, away from its drop point.
  const [openingViewport, setOpeningViewport] = useState<Viewport | null>(null);
  const [needsOpeningViewport] = useState(() => graph.nodes.length > 0);
  const isFlowShown = !needsOpeningViewport || openingViewport !== null;
  useLayoutEffect(() => {
    if (!needsOpeningViewport) return;
    const canvas = canvasRef.current;
    if (!canvas) return;
    // The canvas's height prop is still its minimum here: the editor measures the window in an
    // effect that runs after this one. The view is chosen for the height it is about to get.
    const bounds = getContentBounds(
      graph.nodes.map((node) => ({
        x: node.position.x,
        y: node.position.y,
        width: node.width ?? 0,
        height: node.height ?? 0,
      })),
    );
    setOpeningViewport(
      getOpeningViewport(bounds, canvas.clientWidth, Math.max(height, measureFillHeight(canvas))),
    );
    // Once, when the canvas opens: later changes keep the person's view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // React Flow copies these into its store when they change, which re-runs every node's and
  // edge's selectors: they keep one identity and call what the editor passed last.
  const handleNodesChange = useStableHandler(onNodesChange);
  const handleEdgesChange = useStableHandler(onEdgesChange);
  const handleConnect = useStableHandler(onConnect);
  const isValidConnection = useStableHandler((connection: { source: string; target: string }) =>
    canConnect(connection),
  );
  const handleNodeDoubleClick = useStableHandler((_event: unknown, node: CanvasNode) => {
    if (!isReadOnly && !isStubId(node.id)) onStartRename({ type: "element", id: node.id });
  });
  const handleEdgeDoubleClick = useStableHandler((_event: unknown, edge: CanvasEdge) => {
    if (!isReadOnly && edge.type === "flow") onStartRename({ type: "flow", id: edge.id });
  });
  const handleOverviewSelect = useStableHandler(
    (target: OverviewTarget | null, isAdded: boolean) => {
      const changes = getOverviewSelectChanges(target, isAdded, graph.nodes, graph.edges);
      if (changes.nodes.length > 0) onNodesChange(changes.nodes);
      if (changes.edges.length > 0) onEdgesChange(changes.edges);
    },
  );
  const [isReady, setIsReady] = useState(false);
  const handleInit = useStableHandler(() => {
    markOnce(OPEN_MARKS.canvasReady);
    setIsReady(true);
    onReady();
  });
  // Zoomed out so far that flow labels are left out, the canvas draws less (see globals.css).
  const isLabelZoom = useStore(selectIsLabelZoom);
  // Changes only when the view moves a step of its grid (see getLabelArea), not every frame.
  const labelArea = useStore(getLabelArea, isSameLabelArea);
  // A large diagram zoomed further out is painted on one canvas instead (overview-layer.tsx).
  const overview = useOverviewShown();
  const isOverviewShown = overview.isShown;
  const [labelElement, setLabelElement] = useState<HTMLElement | null>(null);
  const labelLayer = useMemo(
    () => ({ element: labelElement, isLabelZoom, area: labelArea }),
    [labelElement, isLabelZoom, labelArea],
  );
  useLayoutEffect(() => {
    // React Flow draws its layers on its first render, before any edge can be drawn.
    const layer = canvasRef.current?.querySelector(".react-flow__edgelabel-renderer");
    setLabelElement(layer instanceof HTMLElement ? layer : null);
  }, [canvasRef, isFlowShown]);
  return (
    <div
      ref={canvasRef}
      role="region"
      aria-label="Diagram canvas"
      data-testid="diagram-canvas"
      data-ready={isReady}
      style={{ height }}
      className={cx(
        "relative min-h-[420px] overflow-hidden rounded-lg border border-slate-200 bg-white select-none",
        !isLabelZoom && "diagram-overview",
        isOverviewShown && "diagram-overview-drawn",
      )}
      onPointerMove={(event) =>
        publisher.setCursor(flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }))
      }
      onPointerLeave={() => publisher.setCursor(null)}
      onDragOver={(event) => {
        if (isReadOnly || !event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
      }}
      onDrop={(event) => {
        const item = parsePaletteItem(event.dataTransfer.getData(PALETTE_DRAG_TYPE));
        if (item === null || isReadOnly) return;
        event.preventDefault();
        onDropItem(item, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
      }}
    >
      <CanvasActionsContext.Provider value={actions}>
        <EdgeLabelLayerContext.Provider value={labelLayer}>
          {isFlowShown ? (
            <ReactFlow<CanvasNode, CanvasEdge>
              nodes={graph.nodes}
              edges={isOverviewShown ? NO_EDGES : graph.edges}
              nodeTypes={NODE_TYPES}
              edgeTypes={EDGE_TYPES}
              onNodesChange={handleNodesChange}
              onEdgesChange={handleEdgesChange}
              onConnect={handleConnect}
              isValidConnection={isValidConnection}
              onNodeDoubleClick={handleNodeDoubleClick}
              onEdgeDoubleClick={handleEdgeDoubleClick}
              connectionMode={ConnectionMode.Loose}
              connectionRadius={36}
              nodesDraggable={!isReadOnly}
              nodesConnectable={!isReadOnly}
              elevateNodesOnSelect={false}
              deleteKeyCode={null}
              selectionKeyCode="Shift"
              multiSelectionKeyCode={MULTI_SELECTION_KEYS}
              zoomOnDoubleClick={false}
              onlyRenderVisibleElements={!isOverviewShown}
              minZoom={0.1}
              maxZoom={2.5}
              defaultViewport={openingViewport ?? undefined}
              onInit={handleInit}
              onMoveStart={overview.onMoveStart}
              onMoveEnd={overview.onMoveEnd}
              proOptions={PRO_OPTIONS}
              ariaLabelConfig={ARIA_LABEL_CONFIG}
            >
              {/*
               * The overview shows the whole drawing and elements cannot be moved there: the grid
               * (a dense grey at that zoom) and the minimap, both repainted on every frame of a
               * pan or zoom, are left out while it is shown.
               */}
              {isOverviewShown ? null : <Background gap={24} />}
              <OverviewLayer
                isShown={isOverviewShown}
                edges={graph.edges}
                onSelect={handleOverviewSelect}
              />
              <Controls showInteractive={false} />
              {/* Small enough to leave a laptop-sized canvas room to draw. */}
              {isOverviewShown ? null : graph.nodes.length >= OVERVIEW_MIN_NODES ? (
                <LightMiniMap nodes={graph.nodes} ariaLabel="Diagram overview" />
              ) : (
                <MiniMap
                  pannable
                  zoomable
                  ariaLabel="Diagram overview"
                  style={{ width: 150, height: 100 }}
                />
              )}
              <RemoteCursors peers={peers} />
            </ReactFlow>
          ) : null}
        </EdgeLabelLayerContext.Provider>
      </CanvasActionsContext.Provider>
      {isEmpty ? (
        <p className="pointer-events-none absolute inset-x-0 top-1/3 text-center text-sm text-slate-500">
          {isReadOnly
            ? "This diagram is empty."
            : "Add elements from the toolbar, drag them onto the canvas, or press E, P, D, B or L."}
        </p>
      ) : null}
    </div>
  );
}
