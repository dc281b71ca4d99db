import { getViewportRect, growRect, type Point, type Rect } from "@/lib/diagram/geometry";
import {
  doRectsMeet,
  type OverviewFlow,
  type OverviewScene,
  type OverviewShape,
} from "./overview-scene";

/*
 * Paints the overview of a large diagram (overview-scene.ts) on a 2D canvas, in the colours of
 * the full drawing (canvas-nodes.tsx, flow-edge.tsx). A frame costs a few dozen canvas calls
 * whatever the diagram's size: shapes of one look share one path, and what lies outside the
 * view is skipped. Lines and arrowheads keep their size on screen, so the drawing stays legible
 * however far it is zoomed out.
 */

/** The part of a 2D canvas context the painter uses; a recording stand-in in tests. */
export type OverviewContext = Pick<
  CanvasRenderingContext2D,
  | "beginPath"
  | "clearRect"
  | "closePath"
  | "ellipse"
  | "fill"
  | "fillText"
  | "lineTo"
  | "moveTo"
  | "rect"
  | "setLineDash"
  | "setTransform"
  | "stroke"
  | "fillStyle"
  | "strokeStyle"
  | "lineWidth"
  | "globalAlpha"
  | "font"
  | "textAlign"
  | "textBaseline"
>;

/** Where the overview is seen from: React Flow's viewport and the canvas's size on screen. */
export interface OverviewView {
  x: number;
  y: number;
  zoom: number;
  /** The canvas's size in CSS pixels. */
  width: number;
  height: number;
  /** Device pixels per CSS pixel. */
  pixelRatio: number;
}

/** The full drawing's colours (Tailwind's palette), by what they paint. */
export const OVERVIEW_COLORS = {
  flow: "#334155",
  selected: "#4f46e5",
  selectionRing: "#6366f1",
  boundary: "rgba(220, 38, 38, 0.8)",
  boundarySelectedFill: "rgba(254, 242, 242, 0.4)",
  externalFill: "#ffffff",
  externalStroke: "#334155",
  processFill: "#eef2ff",
  processStroke: "#4338ca",
  storeFill: "rgba(236, 253, 245, 0.6)",
  storeStroke: "#047857",
  stub: "#64748b",
  threat: "#dc2626",
  name: "#0f172a",
} as const;

/** How far outside the view a shape may start and still be painted, in screen pixels. */
const VIEW_MARGIN_PX = 16;
/** An arrowhead's length on screen. */
const HEAD_PX = 7;
/** The smallest width on screen at which a shape's name is written. */
const NAME_MIN_WIDTH_PX = 56;
/** The names' size on screen. */
const NAME_FONT_PX = 10;
/** About how wide a character of the names is, to shorten a name that does not fit. */
const NAME_CHAR_PX = 5.6;
/** The radius on screen of the dot marking an element with open threats. */
const THREAT_DOT_PX = 3;
/** What opacity out-of-scope elements are drawn with, as in the full drawing. */
const OUT_OF_SCOPE_ALPHA = 0.6;

/** The part of the diagram in view, in canvas units, with a margin. */
export function getViewRect(view: OverviewView): Rect {
  return growRect(getViewportRect(view), VIEW_MARGIN_PX / view.zoom);
}

function getSegmentBox(from: Point, to: Point): Rect {
  return {
    x: Math.min(from.x, to.x),
    y: Math.min(from.y, to.y),
    width: Math.abs(to.x - from.x),
    height: Math.abs(to.y - from.y),
  };
}

function getShapeBox(shape: OverviewShape): Rect {
  return shape.line ? getSegmentBox(shape.line.from, shape.line.to) : shape.rect;
}

/** Adds an arrowhead at `tip`, pointing away from `from`, to the current path. */
function addHead(context: OverviewContext, from: Point, tip: Point, length: number) {
  const dx = tip.x - from.x;
  const dy = tip.y - from.y;
  const distance = Math.hypot(dx, dy);
  if (distance === 0) return;
  // Never longer than a third of the flow, so a short flow still shows its line.
  const size = Math.min(length, distance / 3);
  const ux = dx / distance;
  const uy = dy / distance;
  const baseX = tip.x - ux * size;
  const baseY = tip.y - uy * size;
  const half = size * 0.45;
  context.moveTo(tip.x, tip.y);
  context.lineTo(baseX - uy * half, baseY + ux * half);
  context.lineTo(baseX + uy * half, baseY - ux * half);
  context.closePath();
}

function strokeFlows(context: OverviewContext, flows: readonly OverviewFlow[], pixel: number) {
  if (flows.length === 0) return;
  context.beginPath();
  for (const flow of flows) {
    context.moveTo(flow.from.x, flow.from.y);
    context.lineTo(flow.to.x, flow.to.y);
  }
  context.stroke();
  context.beginPath();
  for (const flow of flows) {
    addHead(context, flow.from, flow.to, HEAD_PX * pixel);
    if (flow.hasStartHead) addHead(context, flow.to, flow.from, HEAD_PX * pixel);
  }
  context.fill();
}

function paintFlows(context: OverviewContext, flows: readonly OverviewFlow[], pixel: number) {
  const groups = [
    { flows: flows.filter((flow) => !flow.isSelected && !flow.isDashed), dashed: false },
    { flows: flows.filter((flow) => !flow.isSelected && flow.isDashed), dashed: true },
  ];
  context.lineWidth = pixel;
  for (const group of groups) {
    context.strokeStyle = OVERVIEW_COLORS.flow;
    context.fillStyle = OVERVIEW_COLORS.flow;
    context.setLineDash(group.dashed ? [4 * pixel, 3 * pixel] : []);
    strokeFlows(context, group.flows, pixel);
  }
  context.setLineDash([]);
  context.lineWidth = 2 * pixel;
  context.strokeStyle = OVERVIEW_COLORS.selected;
  context.fillStyle = OVERVIEW_COLORS.selected;
  strokeFlows(
    context,
    flows.filter((flow) => flow.isSelected),
    pixel,
  );
}

/** Groups `items` by the colour of the person who has each selected, leaving out the rest. */
function groupByRemoteColor<T extends { remoteColor: string | null }>(items: readonly T[]) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    if (item.remoteColor === null) continue;
    const group = groups.get(item.remoteColor);
    if (group) group.push(item);
    else groups.set(item.remoteColor, [item]);
  }
  return groups;
}

/**
 * What other people have selected, in their colours as in the full drawing: a wide, faint band
 * under a flow, an outline around a shape.
 */
function paintRemoteFlows(context: OverviewContext, flows: readonly OverviewFlow[], pixel: number) {
  context.lineWidth = 7 * pixel;
  context.globalAlpha = 0.45;
  for (const [color, group] of groupByRemoteColor(flows)) {
    context.strokeStyle = color;
    context.beginPath();
    for (const flow of group) {
      context.moveTo(flow.from.x, flow.from.y);
      context.lineTo(flow.to.x, flow.to.y);
    }
    context.stroke();
  }
  context.globalAlpha = 1;
}

function paintRemoteShapes(
  context: OverviewContext,
  shapes: readonly OverviewShape[],
  pixel: number,
) {
  const gap = 5 * pixel;
  context.lineWidth = 2 * pixel;
  for (const [color, group] of groupByRemoteColor(shapes)) {
    context.strokeStyle = color;
    context.beginPath();
    for (const { rect } of group) {
      context.rect(rect.x - gap, rect.y - gap, rect.width + 2 * gap, rect.height + 2 * gap);
    }
    context.stroke();
  }
}

function paintBoundaries(
  context: OverviewContext,
  shapes: readonly OverviewShape[],
  pixel: number,
) {
  const selectedBoxes = shapes.filter((shape) => shape.isSelected && shape.line === null);
  if (selectedBoxes.length > 0) {
    context.fillStyle = OVERVIEW_COLORS.boundarySelectedFill;
    context.beginPath();
    for (const shape of selectedBoxes) {
      context.rect(shape.rect.x, shape.rect.y, shape.rect.width, shape.rect.height);
    }
    context.fill();
  }
  context.lineWidth = 1.5 * pixel;
  context.setLineDash([6 * pixel, 4 * pixel]);
  for (const isSelected of [false, true]) {
    const group = shapes.filter((shape) => shape.isSelected === isSelected);
    if (group.length === 0) continue;
    context.strokeStyle = isSelected ? OVERVIEW_COLORS.selected : OVERVIEW_COLORS.boundary;
    context.beginPath();
    for (const shape of group) {
      if (shape.line) {
        context.moveTo(shape.line.from.x, shape.line.from.y);
        context.lineTo(shape.line.to.x, shape.line.to.y);
      } else {
        context.rect(shape.rect.x, shape.rect.y, shape.rect.width, shape.rect.height);
      }
    }
    context.stroke();
  }
  context.setLineDash([]);
}

/** Adds each shape's outline (an ellipse for a process, a box for the rest) to the path. */
function addOutlines(context: OverviewContext, shapes: readonly OverviewShape[]) {
  for (const { kind, rect } of shapes) {
    if (kind === "process") {
      const radiusX = Math.abs(rect.width) / 2;
      const radiusY = Math.abs(rect.height) / 2;
      context.moveTo(rect.x + rect.width, rect.y + radiusY);
      context.ellipse(rect.x + radiusX, rect.y + radiusY, radiusX, radiusY, 0, 0, 2 * Math.PI);
    } else {
      context.rect(rect.x, rect.y, rect.width, rect.height);
    }
  }
}

/** Processes, external entities, data stores and stubs, each kind in one fill and one stroke. */
function paintElements(context: OverviewContext, shapes: readonly OverviewShape[], pixel: number) {
  const looks = [
    {
      kind: "external-entity",
      fill: OVERVIEW_COLORS.externalFill,
      stroke: OVERVIEW_COLORS.externalStroke,
    },
    { kind: "process", fill: OVERVIEW_COLORS.processFill, stroke: OVERVIEW_COLORS.processStroke },
  ] as const;
  context.lineWidth = 1.5 * pixel;
  for (const look of looks) {
    const group = shapes.filter((shape) => shape.kind === look.kind);
    if (group.length === 0) continue;
    context.fillStyle = look.fill;
    context.strokeStyle = look.stroke;
    context.beginPath();
    addOutlines(context, group);
    context.fill();
    context.stroke();
  }
  // A data store is open at its sides: a filled box with a line along its top and bottom.
  const stores = shapes.filter((shape) => shape.kind === "data-store");
  if (stores.length > 0) {
    context.fillStyle = OVERVIEW_COLORS.storeFill;
    context.beginPath();
    addOutlines(context, stores);
    context.fill();
    context.strokeStyle = OVERVIEW_COLORS.storeStroke;
    context.beginPath();
    for (const { rect } of stores) {
      context.moveTo(rect.x, rect.y);
      context.lineTo(rect.x + rect.width, rect.y);
      context.moveTo(rect.x, rect.y + rect.height);
      context.lineTo(rect.x + rect.width, rect.y + rect.height);
    }
    context.stroke();
  }
  // A parent flow's stub: a dashed line across its middle.
  const stubs = shapes.filter((shape) => shape.kind === "stub");
  if (stubs.length > 0) {
    context.strokeStyle = OVERVIEW_COLORS.stub;
    context.setLineDash([6 * pixel, 4 * pixel]);
    context.beginPath();
    for (const { rect } of stubs) {
      context.moveTo(rect.x, rect.y + rect.height / 2);
      context.lineTo(rect.x + rect.width, rect.y + rect.height / 2);
    }
    context.stroke();
    context.setLineDash([]);
  }
}

function paintMarks(context: OverviewContext, shapes: readonly OverviewShape[], pixel: number) {
  const selected = shapes.filter((shape) => shape.isSelected);
  if (selected.length > 0) {
    // The full drawing's ring: two pixels wide, two pixels out.
    const gap = 3 * pixel;
    context.lineWidth = 2 * pixel;
    context.strokeStyle = OVERVIEW_COLORS.selectionRing;
    context.beginPath();
    for (const { rect } of selected) {
      context.rect(rect.x - gap, rect.y - gap, rect.width + 2 * gap, rect.height + 2 * gap);
    }
    context.stroke();
  }
  const threatened = shapes.filter((shape) => shape.threatCount > 0);
  if (threatened.length > 0) {
    const radius = THREAT_DOT_PX * pixel;
    context.fillStyle = OVERVIEW_COLORS.threat;
    context.beginPath();
    for (const { rect } of threatened) {
      const x = rect.x + rect.width;
      context.moveTo(x + radius, rect.y);
      context.ellipse(x, rect.y, radius, radius, 0, 0, 2 * Math.PI);
    }
    context.fill();
  }
}

/** `name` cut to what fits in `widthPx` screen pixels, with an ellipsis when cut. */
export function fitName(name: string, widthPx: number): string {
  const fits = Math.floor(widthPx / NAME_CHAR_PX);
  if (name.length <= fits) return name;
  return fits <= 1 ? "" : `${name.slice(0, fits - 1)}…`;
}

function paintNames(context: OverviewContext, shapes: readonly OverviewShape[], zoom: number) {
  const pixel = 1 / zoom;
  context.fillStyle = OVERVIEW_COLORS.name;
  context.font = `${NAME_FONT_PX * pixel}px ui-sans-serif, system-ui, sans-serif`;
  context.textAlign = "center";
  context.textBaseline = "middle";
  for (const shape of shapes) {
    const widthPx = Math.abs(shape.rect.width) * zoom;
    if (widthPx < NAME_MIN_WIDTH_PX || shape.kind === "stub") continue;
    const text = fitName(shape.name, widthPx - 8);
    if (text === "") continue;
    context.fillText(
      text,
      shape.rect.x + shape.rect.width / 2,
      shape.rect.y + shape.rect.height / 2,
    );
  }
}

/**
 * Paints `scene` as seen from `view` on a canvas of view.width x view.height CSS pixels (its
 * bitmap pixelRatio times larger), clearing what was there. Returns how many shapes and flows
 * were in view, i.e. painted.
 */
export function paintOverview(
  context: OverviewContext,
  scene: OverviewScene,
  view: OverviewView,
): { shapes: number; flows: number } {
  const { zoom, pixelRatio } = view;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, view.width * pixelRatio, view.height * pixelRatio);
  context.setTransform(
    pixelRatio * zoom,
    0,
    0,
    pixelRatio * zoom,
    pixelRatio * view.x,
    pixelRatio * view.y,
  );
  const inView = getViewRect(view);
  const boundaries = scene.boundaries.filter((shape) => doRectsMeet(getShapeBox(shape), inView));
  const flows = scene.flows.filter((flow) =>
    doRectsMeet(getSegmentBox(flow.from, flow.to), inView),
  );
  const shapes = scene.shapes.filter((shape) => doRectsMeet(shape.rect, inView));
  // One screen pixel, in canvas units.
  const pixel = 1 / zoom;
  paintBoundaries(context, boundaries, pixel);
  paintRemoteFlows(context, flows, pixel);
  paintFlows(context, flows, pixel);
  for (const isOutOfScope of [false, true]) {
    const group = shapes.filter((shape) => shape.isOutOfScope === isOutOfScope);
    if (group.length === 0) continue;
    context.globalAlpha = isOutOfScope ? OUT_OF_SCOPE_ALPHA : 1;
    paintElements(context, group, pixel);
    paintMarks(context, group, pixel);
    paintNames(context, group, zoom);
  }
  context.globalAlpha = 1;
  paintRemoteShapes(context, [...boundaries, ...shapes], pixel);
  return { shapes: boundaries.length + shapes.length, flows: flows.length };
}
