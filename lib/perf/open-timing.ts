/**
 * Named points on the way from navigation to an interactive model page, recorded with the
 * User Timing API so a profile, the browser's performance panel or the benchmark can read
 * where the time of an open goes. Recording is a few microseconds and keeps no state besides
 * the browser's own timeline.
 */

/** The marks of an open, in the order they happen. */
export const OPEN_MARKS = {
  /** The workspace page's script ran and React mounted it (after download, parse, hydration). */
  pageMounted: "open:page-mounted",
  /** The model and the signed-in user arrived from the HTTP API. */
  modelLoaded: "open:model-loaded",
  /** The websocket to the model's room is open. */
  socketOpen: "open:socket-open",
  /** The shared document finished its first sync with the server. */
  docSynced: "open:doc-synced",
  /** The diagram canvas is initialised (React Flow's init; the page sets data-ready). */
  canvasReady: "open:canvas-ready",
  /** React Flow has measured the nodes and drawn the first flows between them. */
  flowsDrawn: "open:flows-drawn",
} as const;

/** Measures of work that can happen several times during an open; their durations add up. */
export const OPEN_MEASURES = {
  /** Reading a diagram's elements and flows from the shared document. */
  diagramRecords: "open:diagram-records",
  /** Turning records into the canvas's nodes and edges (crossings, offsets, mapping). */
  canvasGraph: "open:canvas-graph",
} as const;

function hasUserTiming(): boolean {
  return typeof performance !== "undefined" && typeof performance.mark === "function";
}

const marked = new Set<string>();

/** Records `name` the first time it is reached on this page; later calls do nothing. */
export function markOnce(name: string): void {
  if (marked.has(name) || !hasUserTiming()) return;
  marked.add(name);
  performance.mark(name);
}

/**
 * Runs `work` and, until the canvas is ready, records its duration as a measure named `name`
 * (later work is not recorded, so a long session does not fill the timeline); returns what
 * `work` returns.
 */
export function measureWork<T>(name: string, work: () => T): T {
  if (!hasUserTiming() || marked.has(OPEN_MARKS.canvasReady)) {
    return work();
  }
  const start = performance.now();
  try {
    return work();
  } finally {
    performance.measure(name, { start, end: performance.now() });
  }
}
