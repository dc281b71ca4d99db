import type * as Y from "yjs";
import { formatFlowLabel, listElementsOfDiagram, listFlowsOfDiagram } from "../model";
import type { DiagramElement, Flow } from "../model";
import { getRectCenter } from "./geometry";
import type { Point, Rect } from "./geometry";
import { getHierarchicalName } from "./hierarchy";
import { getLabelPoint, placeLabels } from "./label-placement";

/*
 * A diagram as a standalone SVG file, in the DFD notation: external entities as rectangles,
 * processes as ellipses, data stores between two parallel lines, trust boundaries dashed red,
 * data flows as straight arrows between the shapes' edges. Names come from other people: every
 * text is escaped.
 */

/** What an SVG export draws. */
export interface SvgDiagram {
  /** Written into the file's <title>; none when empty. */
  title: string;
  /** The elements of one diagram, trust boundaries included. */
  elements: readonly DiagramElement[];
  flows: readonly Flow[];
}

/** Room left around the drawing. */
const MARGIN = 24;
const FONT_SIZE = 13;
const LINE_HEIGHT = 16;
/** A rough width of one character at FONT_SIZE, to wrap names and size the drawing. */
const CHARACTER_WIDTH = 7;
const MAX_NAME_LINES = 3;
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const INK = "#1e293b";
const MUTED_INK = "#94a3b8";
const FLOW_INK = "#475569";
const BOUNDARY_INK = "#dc2626";

/** The text with XML's special characters escaped, safe in content and in quoted attributes. */
export function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

/**
 * A file name for a diagram export: the title without characters that file systems refuse,
 * "diagram" when nothing is left, then the extension.
 */
export function getExportFileName(title: string, extension: "svg" | "png"): string {
  const base = title
    .replaceAll(/[\\/:*?"<>|\p{Cc}]+/gu, " ")
    .replaceAll(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "")
    .slice(0, 120)
    .trim();
  return `${base === "" ? "diagram" : base}.${extension}`;
}

/** A number as an SVG attribute: at most two decimals, no trailing zeros. */
function formatNumber(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

/** Splits a name into at most MAX_NAME_LINES lines of about `maxCharacters` each. */
export function wrapText(text: string, maxCharacters: number): string[] {
  const limit = Math.max(4, Math.floor(maxCharacters));
  const lines: string[] = [];
  let line = "";
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > limit) {
      if (line !== "") lines.push(line);
      lines.push(rest.slice(0, limit));
      rest = rest.slice(limit);
      line = "";
    }
    if (line === "") line = rest;
    else if (line.length + 1 + rest.length <= limit) line = `${line} ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line !== "") lines.push(line);
  if (lines.length <= MAX_NAME_LINES) return lines;
  const kept = lines.slice(0, MAX_NAME_LINES);
  const last = kept[MAX_NAME_LINES - 1] ?? "";
  kept[MAX_NAME_LINES - 1] = `${last.slice(0, Math.max(0, limit - 1))}…`;
  return kept;
}

/** A box with its sizes made non-negative. */
function normalizeRect(rect: Rect): Rect {
  return {
    x: Math.min(rect.x, rect.x + rect.width),
    y: Math.min(rect.y, rect.y + rect.height),
    width: Math.abs(rect.width),
    height: Math.abs(rect.height),
  };
}

/** Lines of text centred on a point. */
function renderCenteredText(lines: readonly string[], center: Point, fill: string): string {
  if (lines.length === 0) return "";
  const top = center.y - ((lines.length - 1) * LINE_HEIGHT) / 2;
  const spans = lines
    .map(
      (line, index) =>
        `<tspan x="${formatNumber(center.x)}" y="${formatNumber(top + index * LINE_HEIGHT)}">${escapeXml(line)}</tspan>`,
    )
    .join("");
  return `<text text-anchor="middle" dominant-baseline="central" fill="${fill}">${spans}</text>`;
}

function renderNode(element: DiagramElement): string {
  const rect = normalizeRect(element);
  const center = getRectCenter(rect);
  const stroke = element.outOfScope ? MUTED_INK : INK;
  const dash = element.outOfScope ? ' stroke-dasharray="4 3"' : "";
  // An ellipse is narrower than its box away from the middle line.
  const textWidth = element.kind === "process" ? rect.width * 0.75 - 8 : rect.width - 12;
  const lines = wrapText(element.name, textWidth / CHARACTER_WIDTH);
  const label = renderCenteredText(lines, center, element.outOfScope ? MUTED_INK : INK);
  const x = formatNumber(rect.x);
  const y = formatNumber(rect.y);
  const right = formatNumber(rect.x + rect.width);
  const bottom = formatNumber(rect.y + rect.height);
  switch (element.kind) {
    case "external-entity":
      return `<g class="external-entity"><rect x="${x}" y="${y}" width="${formatNumber(rect.width)}" height="${formatNumber(rect.height)}" fill="#ffffff" stroke="${stroke}" stroke-width="1.5"${dash}/>${label}</g>`;
    case "process":
      return `<g class="process"><ellipse cx="${formatNumber(center.x)}" cy="${formatNumber(center.y)}" rx="${formatNumber(rect.width / 2)}" ry="${formatNumber(rect.height / 2)}" fill="#ffffff" stroke="${stroke}" stroke-width="1.5"${dash}/>${label}</g>`;
    case "data-store":
      return `<g class="data-store"><line x1="${x}" y1="${y}" x2="${right}" y2="${y}" stroke="${stroke}" stroke-width="1.5"${dash}/><line x1="${x}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="${stroke}" stroke-width="1.5"${dash}/>${label}</g>`;
    case "trust-boundary":
      return "";
  }
}

function renderBoundary(boundary: DiagramElement): string {
  const name = escapeXml(boundary.name.trim());
  const style = `fill="none" stroke="${BOUNDARY_INK}" stroke-width="2" stroke-dasharray="8 6"`;
  if (boundary.kind === "trust-boundary" && boundary.shape === "line") {
    const end = { x: boundary.x + boundary.width, y: boundary.y + boundary.height };
    const label =
      name === ""
        ? ""
        : `<text x="${formatNumber((boundary.x + end.x) / 2 + 6)}" y="${formatNumber((boundary.y + end.y) / 2 - 6)}" fill="${BOUNDARY_INK}">${name}</text>`;
    return `<g class="trust-boundary"><line x1="${formatNumber(boundary.x)}" y1="${formatNumber(boundary.y)}" x2="${formatNumber(end.x)}" y2="${formatNumber(end.y)}" ${style}/>${label}</g>`;
  }
  const rect = normalizeRect(boundary);
  const label =
    name === ""
      ? ""
      : `<text x="${formatNumber(rect.x + 8)}" y="${formatNumber(rect.y + 6 + FONT_SIZE)}" fill="${BOUNDARY_INK}">${name}</text>`;
  return `<g class="trust-boundary"><rect x="${formatNumber(rect.x)}" y="${formatNumber(rect.y)}" width="${formatNumber(rect.width)}" height="${formatNumber(rect.height)}" ${style}/>${label}</g>`;
}

/**
 * Where the ray from the element's center towards `toward` leaves its shape: the ellipse of a
 * process, the box of anything else. The center itself when `toward` is the center.
 */
function getEdgePoint(element: DiagramElement, toward: Point): Point {
  const rect = normalizeRect(element);
  const center = getRectCenter(rect);
  const dx = toward.x - center.x;
  const dy = toward.y - center.y;
  if (dx === 0 && dy === 0) return center;
  const halfWidth = rect.width / 2;
  const halfHeight = rect.height / 2;
  let scale: number;
  if (element.kind === "process") {
    const radius = Math.hypot(dx / (halfWidth || 1), dy / (halfHeight || 1));
    scale = 1 / radius;
  } else {
    scale = Math.min(
      dx === 0 ? Number.POSITIVE_INFINITY : halfWidth / Math.abs(dx),
      dy === 0 ? Number.POSITIVE_INFINITY : halfHeight / Math.abs(dy),
    );
  }
  return { x: center.x + dx * Math.min(scale, 1), y: center.y + dy * Math.min(scale, 1) };
}

interface PlacedFlow {
  flow: Flow;
  start: Point;
  end: Point;
  label: string;
  labelAt: Point;
}

/** The segment a flow is drawn on, or null when one of its ends is not an element of the diagram. */
function placeFlow(
  flow: Flow,
  elementsById: ReadonlyMap<string, DiagramElement>,
): PlacedFlow | null {
  const source = elementsById.get(flow.sourceId);
  const target = elementsById.get(flow.targetId);
  if (source === undefined || target === undefined) return null;
  if (source.kind === "trust-boundary" || target.kind === "trust-boundary") return null;
  const sourceCenter = getRectCenter(normalizeRect(source));
  const targetCenter = getRectCenter(normalizeRect(target));
  let start = getEdgePoint(source, targetCenter);
  let end = getEdgePoint(target, sourceCenter);
  // Overlapping shapes: clipping would turn the arrow around, so join the centers instead.
  const isReversed =
    (end.x - start.x) * (targetCenter.x - sourceCenter.x) +
      (end.y - start.y) * (targetCenter.y - sourceCenter.y) <=
    0;
  if (isReversed) {
    start = sourceCenter;
    end = targetCenter;
  }
  return {
    flow,
    start,
    end,
    label: formatFlowLabel(flow),
    // At the middle until placeFlowLabels moves it.
    labelAt: { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 },
  };
}

/** Moves each flow's label off the shapes and the labels before it (label-placement.ts). */
function placeFlowLabels(
  nodes: readonly DiagramElement[],
  flows: readonly PlacedFlow[],
): PlacedFlow[] {
  const positions = placeLabels(
    nodes.map(normalizeRect),
    flows.map(({ start, end, label }) => ({
      from: start,
      to: end,
      halfSize: { width: (label.length * CHARACTER_WIDTH) / 2, height: LINE_HEIGHT / 2 },
    })),
  );
  return flows.map((placed, index) => {
    const labelAt = getLabelPoint(placed.start, placed.end, positions[index] ?? 0.5);
    return { ...placed, labelAt };
  });
}

function renderFlowLine({ flow, start, end }: PlacedFlow): string {
  const markerStart = flow.bidirectional ? ' marker-start="url(#flow-arrow)"' : "";
  const dash = flow.outOfScope ? ' stroke-dasharray="4 3"' : "";
  return `<line class="data-flow" x1="${formatNumber(start.x)}" y1="${formatNumber(start.y)}" x2="${formatNumber(end.x)}" y2="${formatNumber(end.y)}" stroke="${flow.outOfScope ? MUTED_INK : FLOW_INK}" stroke-width="1.5"${dash} marker-end="url(#flow-arrow)"${markerStart}/>`;
}

function renderFlowLabel({ label, labelAt }: PlacedFlow): string {
  if (label === "") return "";
  // A white outline under the letters keeps the label readable over lines.
  return `<text class="data-flow-label" x="${formatNumber(labelAt.x)}" y="${formatNumber(labelAt.y)}" text-anchor="middle" dominant-baseline="central" fill="${FLOW_INK}" stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">${escapeXml(label)}</text>`;
}

/** The box holding every shape and label, before the margin. */
function measureDrawing(
  elements: readonly DiagramElement[],
  flows: readonly PlacedFlow[],
): Rect | null {
  const boxes: Rect[] = elements.map(normalizeRect);
  for (const { label, labelAt } of flows) {
    const width = label.length * CHARACTER_WIDTH;
    boxes.push({
      x: labelAt.x - width / 2,
      y: labelAt.y - LINE_HEIGHT / 2,
      width,
      height: LINE_HEIGHT,
    });
  }
  if (boxes.length === 0) return null;
  const left = Math.min(...boxes.map((box) => box.x));
  const top = Math.min(...boxes.map((box) => box.y));
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  const bottom = Math.max(...boxes.map((box) => box.y + box.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * A standalone SVG document of a diagram: viewBox fitted to the drawing with a margin, white
 * background, the title in <title>. Flows whose ends are not on the diagram are left out.
 */
export function renderSvg(diagram: SvgDiagram): string {
  const elementsById = new Map(diagram.elements.map((element) => [element.id, element]));
  const boundaries = diagram.elements.filter((element) => element.kind === "trust-boundary");
  const nodes = diagram.elements.filter((element) => element.kind !== "trust-boundary");
  const flows = placeFlowLabels(
    nodes,
    diagram.flows.map((flow) => placeFlow(flow, elementsById)).filter((placed) => placed !== null),
  );

  const drawing = measureDrawing(diagram.elements, flows) ?? { x: 0, y: 0, width: 0, height: 0 };
  const viewBox = {
    x: drawing.x - MARGIN,
    y: drawing.y - MARGIN,
    width: drawing.width + 2 * MARGIN,
    height: drawing.height + 2 * MARGIN,
  };
  const title = diagram.title.trim();

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${[viewBox.x, viewBox.y, viewBox.width, viewBox.height].map(formatNumber).join(" ")}" width="${formatNumber(viewBox.width)}" height="${formatNumber(viewBox.height)}" font-family="${FONT_FAMILY}" font-size="${FONT_SIZE}">`,
    title === "" ? "" : `<title>${escapeXml(title)}</title>`,
    `<defs><marker id="flow-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${FLOW_INK}"/></marker></defs>`,
    `<rect x="${formatNumber(viewBox.x)}" y="${formatNumber(viewBox.y)}" width="${formatNumber(viewBox.width)}" height="${formatNumber(viewBox.height)}" fill="#ffffff"/>`,
    ...boundaries.map(renderBoundary),
    ...flows.map(renderFlowLine),
    ...nodes.map(renderNode),
    ...flows.map(renderFlowLabel),
    "</svg>",
  ]
    .filter((part) => part !== "")
    .join("\n");
}

/** One diagram of the document as a standalone SVG document, titled with its hierarchical name. */
export function renderDiagramSvg(doc: Y.Doc, diagramId: string): string {
  return renderSvg({
    title: getHierarchicalName(doc, diagramId),
    elements: listElementsOfDiagram(doc, diagramId),
    flows: listFlowsOfDiagram(doc, diagramId),
  });
}
