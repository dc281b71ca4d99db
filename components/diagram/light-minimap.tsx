"use client";

import { Panel, useReactFlow, useStore, type ReactFlowState } from "@xyflow/react";
import { useMemo, useRef, type PointerEvent, type WheelEvent } from "react";
import type { CanvasView } from "@/lib/diagram/geometry";
import type { CanvasEdge, CanvasNode } from "./diagram-mapping";
import { getMiniMapFrame, getMiniMapPaths, pointInMiniMap } from "./light-minimap-geometry";

/** The minimap's size on screen, as React Flow's own is shown here. */
const WIDTH = 150;
const HEIGHT = 100;
/** How much one wheel step over the minimap zooms the canvas. */
const WHEEL_ZOOM_STEP = 1.2;

function selectView(state: ReactFlowState): CanvasView {
  const [x, y, zoom] = state.transform;
  return { x, y, zoom, width: state.width, height: state.height };
}

function isSameView(a: CanvasView, b: CanvasView): boolean {
  return (
    a.x === b.x && a.y === b.y && a.zoom === b.zoom && a.width === b.width && a.height === b.height
  );
}

/**
 * The minimap of a large diagram, looking and working like React Flow's (its class names and
 * colours; drag or click to move the view there, the wheel to zoom), drawn with three paths: the
 * elements, the boundaries as outlines, and the shade outside the view. The elements' paths are
 * built once per change to the diagram; a pan or zoom redraws only the shade.
 *
 * React Flow's minimap draws each element as a component of its own, each with a store
 * subscription: at 500 elements, 500 components mounted when the model opens and 500 selectors
 * run on every frame of a pan.
 */
export function LightMiniMap({ nodes, ariaLabel }: { nodes: CanvasNode[]; ariaLabel: string }) {
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const view = useStore(selectView, isSameView);
  const paths = useMemo(() => getMiniMapPaths(nodes), [nodes]);
  const frame = getMiniMapFrame(paths.bounds, view, { width: WIDTH, height: HEIGHT });
  const svgRef = useRef<SVGSVGElement>(null);

  const moveViewTo = (event: PointerEvent<SVGSVGElement>) => {
    const svg = svgRef.current;
    if (!svg) return;
    const point = pointInMiniMap(frame, svg.getBoundingClientRect(), {
      x: event.clientX,
      y: event.clientY,
    });
    void flow.setCenter(point.x, point.y, { zoom: view.zoom, duration: 0 });
  };
  const handleWheel = (event: WheelEvent<SVGSVGElement>) => {
    const factor = event.deltaY < 0 ? WHEEL_ZOOM_STEP : 1 / WHEEL_ZOOM_STEP;
    // React Flow keeps the zoom within the canvas's own limits.
    void flow.zoomTo(view.zoom * factor, { duration: 0 });
  };

  return (
    <Panel
      position="bottom-right"
      className="react-flow__minimap"
      style={{ width: WIDTH, height: HEIGHT }}
    >
      <svg
        ref={svgRef}
        width={WIDTH}
        height={HEIGHT}
        viewBox={`${frame.x} ${frame.y} ${frame.width} ${frame.height}`}
        className="react-flow__minimap-svg cursor-grab"
        role="img"
        aria-label={ariaLabel}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          moveViewTo(event);
        }}
        onPointerMove={(event) => {
          if (event.buttons === 1) moveViewTo(event);
        }}
        onWheel={handleWheel}
      >
        <path className="react-flow__minimap-node" d={paths.elements} />
        <path
          d={paths.boundaries}
          fill="none"
          stroke="#dc2626"
          strokeDasharray={`${4 * frame.scale} ${3 * frame.scale}`}
          strokeWidth={frame.scale}
        />
        <path
          className="react-flow__minimap-mask"
          d={frame.mask}
          fillRule="evenodd"
          pointerEvents="none"
        />
      </svg>
    </Panel>
  );
}
