"use client";

import {
  Panel,
  useReactFlow,
  useStore,
  useStoreApi,
  type InternalNode,
  type ReactFlowState,
} from "@xyflow/react";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { CanvasEdge, CanvasNode } from "./diagram-mapping";
import { paintOverview } from "./overview-painter";
import {
  buildOverviewScene,
  findEditingPoint,
  findOverviewTarget,
  getOverviewTargetName,
  isOverviewZoom,
  type OverviewScene,
  type OverviewTarget,
  type PlacedNode,
} from "./overview-scene";

/*
 * The overview of a large diagram zoomed out (overview-scene.ts): one canvas under React Flow's
 * layers, repainted on the frame the view or the diagram changes, while the canvas's root has
 * the class `diagram-overview-drawn` that stops the browser drawing the nodes (see
 * globals.css). They stay mounted and measured, so zooming back in shows them at once. The
 * flows are drawn from the canvas's graph; React Flow gets them back with the full drawing.
 *
 * Clicks reach React Flow's pane, under which nothing is drawn now: the layer finds what a click
 * hits and selects it as a click on the node or edge would, and a double click zooms in to it.
 * A drag pans, whatever it starts on; moving and connecting elements wait for the full drawing.
 */

/** The zoom a double click on the overview zooms in to: the full drawing's usual size. */
const ZOOM_IN_TO = 1;
/** How long zooming in from the overview takes. */
const ZOOM_IN_MS = 300;

/** The field of a name edited in place, on a node or a flow's label. */
const NAME_FIELD_SELECTOR = 'input[aria-label^="Name of "]';

/** How many frames the name field is waited for: on a busy machine React may need several. */
const FOCUS_ATTEMPT_FRAMES = 60;

/**
 * Focuses the name field in `root` once the full drawing is back, as the field's own focus on
 * mounting did nothing while it was hidden. Tries at each frame, for up to about a second, until
 * the field takes the focus; gives up at once if the person has put the focus elsewhere.
 */
function focusNameFieldSoon(root: HTMLElement) {
  let framesLeft = FOCUS_ATTEMPT_FRAMES;
  const attempt = () => {
    const active = document.activeElement;
    const field = root.querySelector<HTMLInputElement>(NAME_FIELD_SELECTOR);
    if (field !== null && active === field) return;
    if (active !== null && active !== document.body && !root.contains(active)) return;
    field?.focus();
    if (field !== null && document.activeElement === field) return;
    framesLeft -= 1;
    if (framesLeft > 0) window.requestAnimationFrame(attempt);
  };
  window.requestAnimationFrame(attempt);
}

/** Whether the canvas's zoom and size call for the overview. */
function selectIsOverviewZoom(state: ReactFlowState): boolean {
  return isOverviewZoom(state.transform[2], state.nodeLookup.size);
}

/**
 * Whether the canvas shows the overview, with the handlers to give React Flow as its
 * onMoveStart and onMoveEnd. Zooming out past OVERVIEW_MAX_ZOOM shows it at once. Zooming in
 * past it keeps it until the view stops moving (the wheel at rest, a drag or an animated zoom
 * ended): drawing the elements one by one costs a long frame on a large diagram, paid once when
 * the person stops rather than as a stutter in the middle of a smooth zoom.
 */
export function useOverviewShown(): {
  isShown: boolean;
  onMoveStart: () => void;
  onMoveEnd: () => void;
} {
  const isZoom = useStore(selectIsOverviewZoom);
  const [isMoving, setIsMoving] = useState(false);
  const [wasShown, setWasShown] = useState(isZoom);
  const isShown = isZoom || (wasShown && isMoving);
  // Remembers what the last render showed (React's pattern for state from earlier renders).
  if (wasShown !== isShown) setWasShown(isShown);
  const onMoveStart = useCallback(() => setIsMoving(true), []);
  const onMoveEnd = useCallback(() => setIsMoving(false), []);
  return { isShown, onMoveStart, onMoveEnd };
}

type CanvasState = ReactFlowState<CanvasNode, CanvasEdge>;

function placeNodes(lookup: ReadonlyMap<string, InternalNode<CanvasNode>>): PlacedNode[] {
  const placed: PlacedNode[] = [];
  for (const node of lookup.values()) {
    placed.push({
      node: node.internals.userNode,
      rect: {
        x: node.internals.positionAbsolute.x,
        y: node.internals.positionAbsolute.y,
        width: node.measured.width ?? node.width ?? 0,
        height: node.measured.height ?? node.height ?? 0,
      },
    });
  }
  return placed;
}

/**
 * The scene of the canvas's current nodes (React Flow's, placed and measured) and `edges`,
 * rebuilt only when either changes (each change to the diagram, its selection or a measurement
 * gives new arrays).
 */
function createSceneReader(): (state: CanvasState, edges: readonly CanvasEdge[]) => OverviewScene {
  let nodes: unknown = null;
  let lastEdges: unknown = null;
  let scene: OverviewScene = { boundaries: [], flows: [], shapes: [] };
  return (state, edges) => {
    if (state.nodes !== nodes || edges !== lastEdges) {
      nodes = state.nodes;
      lastEdges = edges;
      scene = buildOverviewScene(placeNodes(state.nodeLookup), edges);
    }
    return scene;
  };
}

/**
 * The overview's canvas and its hint; draws and answers clicks only while it is shown (see
 * useOverviewShown). It draws the flows from `edges`, which React Flow is not given meanwhile:
 * it would otherwise work out where each flow ends on every frame of a pan. A click selects
 * through `onSelect` (nothing hit: null), as the canvas's own select changes would.
 */
export function OverviewLayer({
  isShown,
  edges,
  onSelect,
}: {
  isShown: boolean;
  edges: readonly CanvasEdge[];
  onSelect: (target: OverviewTarget | null, isAdded: boolean) => void;
}) {
  const store = useStoreApi<CanvasNode, CanvasEdge>();
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  // Read by the listeners below, which are set up once while the overview shows.
  const latest = useRef({ edges, onSelect });
  useLayoutEffect(() => {
    latest.current = { edges, onSelect };
  });
  // Repaints on the next frame while the overview shows; set up by the effect below.
  const repaint = useRef<(() => void) | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const root = store.getState().domNode;
    const context = canvas?.getContext("2d");
    if (!isShown || !canvas || !root || !context) return;
    const readScene = createSceneReader();
    let frame = 0;
    let zoomedTo: string | null = null;

    const paint = () => {
      frame = 0;
      const state = store.getState();
      const scene = readScene(state, latest.current.edges);
      const [x, y, zoom] = state.transform;
      const pixelRatio = window.devicePixelRatio || 1;
      const width = Math.round(state.width * pixelRatio);
      const height = Math.round(state.height * pixelRatio);
      // Setting a canvas's size clears it and drops its bitmap: only when the size changes.
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      paintOverview(context, scene, {
        x,
        y,
        zoom,
        width: state.width,
        height: state.height,
        pixelRatio,
      });
      // Renaming (F2, Enter, a new element) shows a field only the full drawing has: zoom in
      // at once, then give the field the focus it could not take while it was not drawn.
      const editing = findEditingPoint(scene);
      const key = editing === null ? null : `${editing.x},${editing.y}`;
      if (editing !== null && key !== zoomedTo) {
        zoomedTo = key;
        void flow.setCenter(editing.x, editing.y, { zoom: ZOOM_IN_TO, duration: 0 });
        focusNameFieldSoon(root);
      }
    };
    const schedule = () => {
      if (frame === 0) frame = window.requestAnimationFrame(paint);
    };
    paint();
    repaint.current = schedule;
    const unsubscribe = store.subscribe((state, previous) => {
      if (
        state.transform !== previous.transform ||
        state.nodes !== previous.nodes ||
        state.width !== previous.width ||
        state.height !== previous.height
      ) {
        schedule();
      }
    });

    const isOnPane = (event: Event) =>
      event.target instanceof Element && event.target.classList.contains("react-flow__pane");
    const hitAt = (event: MouseEvent) => {
      const state = store.getState();
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const scene = readScene(state, latest.current.edges);
      return { scene, target: findOverviewTarget(scene, point, state.transform[2]) };
    };
    // Listeners on React Flow's root run before React's own on the page's root: a click on the
    // pane stops there and selects what it hits, or clears the selection when it hits nothing.
    const onClick = (event: MouseEvent) => {
      if (!isOnPane(event)) return;
      const { target } = hitAt(event);
      // Not left to React Flow, which has no edges now and would clear only the elements.
      event.stopPropagation();
      latest.current.onSelect(target, store.getState().multiSelectionActive);
    };
    const onDoubleClick = (event: MouseEvent) => {
      if (!isOnPane(event)) return;
      const { target } = hitAt(event);
      if (target === null) return;
      event.stopPropagation();
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      void flow.setCenter(point.x, point.y, { zoom: ZOOM_IN_TO, duration: ZOOM_IN_MS });
    };
    const pane = root.querySelector<HTMLElement>(".react-flow__pane");
    const onPointerMove = (event: PointerEvent) => {
      if (!pane || event.buttons !== 0 || !isOnPane(event)) return;
      const { scene, target } = hitAt(event);
      pane.style.cursor = target === null ? "" : "pointer";
      pane.title = target === null ? "" : getOverviewTargetName(scene, target);
    };
    root.addEventListener("click", onClick);
    root.addEventListener("dblclick", onDoubleClick);
    root.addEventListener("pointermove", onPointerMove);
    return () => {
      repaint.current = null;
      unsubscribe();
      window.cancelAnimationFrame(frame);
      root.removeEventListener("click", onClick);
      root.removeEventListener("dblclick", onDoubleClick);
      root.removeEventListener("pointermove", onPointerMove);
      if (pane) {
        pane.style.cursor = "";
        pane.title = "";
      }
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.clearRect(0, 0, canvas.width, canvas.height);
    };
  }, [isShown, store, flow]);

  // New edges (a flow added, selected or renamed) repaint, as a change of React Flow's do.
  useEffect(() => repaint.current?.(), [edges]);

  const elementCount = useStore((state: ReactFlowState) => state.nodeLookup.size);
  const flowCount = edges.filter((edge) => edge.type === "flow").length;
  return (
    <>
      <canvas
        ref={canvasRef}
        data-testid="diagram-overview"
        role="img"
        aria-label={`Overview of the diagram: ${elementCount} elements and ${flowCount} flows. Zoom in to edit.`}
        hidden={!isShown}
        className="pointer-events-none absolute inset-0 z-[3] size-full"
      />
      {isShown ? (
        <Panel position="top-center" className="pointer-events-none">
          <p className="rounded-full bg-white/90 px-3 py-1 text-xs text-slate-600 shadow ring-1 ring-slate-200">
            Overview: click to select, double-click to zoom in and edit
          </p>
        </Panel>
      ) : null}
    </>
  );
}
