import { getViewportRect, type CanvasView, type Rect } from "@/lib/diagram/geometry";
import type { CanvasNode } from "./diagram-mapping";

/** The diagram as the minimap draws it: SVG path data in diagram coordinates. */
export interface MiniMapPaths {
  /** Every element (entities, processes, stores, stubs) as a filled rectangle. */
  elements: string;
  /** Every trust boundary, box or line, as the outline of its rectangle. */
  boundaries: string;
  /** Around everything drawn; null for an empty diagram. */
  bounds: Rect | null;
}

/** What the minimap shows and at what scale: its viewBox and the shade outside the view. */
export interface MiniMapFrame extends Rect {
  /** Diagram units per minimap pixel. */
  scale: number;
  /** The shade: the whole frame with the view cut out (fill-rule evenodd). */
  mask: string;
}

/** The margin around what is drawn, in minimap pixels (as React Flow's minimap leaves). */
const MARGIN_PX = 5;

function rectPath(rect: Rect): string {
  return `M${round(rect.x)} ${round(rect.y)}h${round(rect.width)}v${round(rect.height)}h${round(-rect.width)}z`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function isBoundary(node: CanvasNode): boolean {
  return node.type === "boundary-box" || node.type === "boundary-line";
}

/** The paths of `nodes`, drawn at their positions and sizes (measured, or as given). */
export function getMiniMapPaths(nodes: readonly CanvasNode[]): MiniMapPaths {
  const elements: string[] = [];
  const boundaries: string[] = [];
  let bounds: Rect | null = null;
  for (const node of nodes) {
    const rect = {
      x: node.position.x,
      y: node.position.y,
      width: node.measured?.width ?? node.width ?? 0,
      height: node.measured?.height ?? node.height ?? 0,
    };
    if (!Number.isFinite(rect.x + rect.y + rect.width + rect.height)) continue;
    (isBoundary(node) ? boundaries : elements).push(rectPath(rect));
    bounds = bounds === null ? rect : union(bounds, rect);
  }
  return { elements: elements.join(""), boundaries: boundaries.join(""), bounds };
}

function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/**
 * The minimap's frame: the diagram and the view together, centred and scaled to fit `size`
 * with a margin around, as React Flow's minimap frames them. The frame has the aspect of
 * `size`, so that a point on the minimap maps straight to the diagram.
 */
export function getMiniMapFrame(
  bounds: Rect | null,
  view: CanvasView,
  size: { width: number; height: number },
): MiniMapFrame {
  const viewRect = getViewportRect(view);
  const shown = bounds === null ? viewRect : union(bounds, viewRect);
  const scale = Math.max(
    shown.width / Math.max(size.width - 2 * MARGIN_PX, 1),
    shown.height / Math.max(size.height - 2 * MARGIN_PX, 1),
    Number.MIN_VALUE,
  );
  const width = size.width * scale;
  const height = size.height * scale;
  const frame = {
    x: shown.x - (width - shown.width) / 2,
    y: shown.y - (height - shown.height) / 2,
    width,
    height,
  };
  return { ...frame, scale, mask: rectPath(frame) + rectPath(viewRect) };
}

/** The diagram point under a pointer at `client`, over a minimap drawn at `box` on screen. */
export function pointInMiniMap(
  frame: Rect,
  box: { left: number; top: number; width: number; height: number },
  client: { x: number; y: number },
): { x: number; y: number } {
  if (box.width <= 0 || box.height <= 0)
    return { x: frame.x + frame.width / 2, y: frame.y + frame.height / 2 };
  return {
    x: frame.x + ((client.x - box.left) / box.width) * frame.width,
    y: frame.y + ((client.y - box.top) / box.height) * frame.height,
  };
}
