import os from "node:os";
import { measureDfdOpen } from "../dfd-open";
import type { OpenBreakdown } from "../open-breakdown";
import { roundFigure, type BenchSection, type TableCell } from "../section";

/** The phases of an open as figures: name, field of the breakdown, what it is. */
const PHASES: readonly [string, keyof OpenBreakdown, string][] = [
  ["dfd_open_document_ms", "documentMs", "ms: navigation until the HTML arrived"],
  [
    "dfd_open_scripts_ms",
    "scriptsMs",
    "ms: then until the page mounted (scripts loaded, parsed, hydrated)",
  ],
  ["dfd_open_model_ms", "modelMs", "ms: from the mount until the model and user came (HTTP)"],
  [
    "dfd_open_connect_ms",
    "connectMs",
    "ms: from the mount, beside it, until the websocket was open",
  ],
  ["dfd_open_sync_ms", "syncMs", "ms: then until the document's first sync was applied"],
  [
    "dfd_open_render_ms",
    "renderMs",
    "ms: from the later of model and sync until the nodes were drawn and measured and flows began",
  ],
  ["dfd_open_ready_ms", "readyMs", "ms: then until React Flow was initialised (data-ready)"],
  ["dfd_open_interact_ms", "interactMs", "ms: then until a click had selected an element"],
  [
    "dfd_open_records_ms",
    "recordsMs",
    "ms, within the above: reading the diagram's records from the document",
  ],
  [
    "dfd_open_graph_ms",
    "graphMs",
    "ms, within the above: building nodes and edges (mapping, crossings, offsets)",
  ],
  [
    "dfd_open_long_tasks_ms",
    "longTasksMs",
    "ms: main-thread tasks over 50 ms, summed, until the canvas was ready",
  ],
  [
    "dfd_open_script_run_ms",
    "scriptRunMs",
    "ms of the whole open running script (Chromium's count)",
  ],
  ["dfd_open_style_ms", "styleMs", "ms of the whole open recalculating styles"],
  ["dfd_open_layout_ms", "layoutMs", "ms of the whole open laying the page out"],
  [
    "dfd_open_main_cpu_ms",
    "mainThreadCpuMs",
    "ms of CPU time the page's main thread used in the whole open (moves less with other load)",
  ],
  ["dfd_open_dom_nodes", "domNodes", "DOM nodes of the page once open"],
  ["dfd_open_js_count", "scriptCount", "scripts the page loaded"],
  ["dfd_open_js_kb", "scriptTransferBytes", "KB of script over the wire (compressed)"],
  ["dfd_open_js_decoded_kb", "scriptDecodedBytes", "KB of script once decompressed (parsed)"],
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function formatLoad(): string {
  return os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(", ");
}

/**
 * The cold open of a 500-element, 700-flow diagram in Chromium until it is interactive:
 * figure `dfd_open_ms_500` (median), with where its time went (median of each phase).
 * Builds the app first when its build is stale.
 */
export const dfdOpenSection: BenchSection = {
  name: "dfd-open",
  title: "Opening a large diagram in the browser",
  run: async ({ isQuick }) => {
    const runs = isQuick ? 2 : 5;
    const loadBefore = formatLoad();
    const result = await measureDfdOpen({ runs });
    const loadAfter = formatLoad();
    const total = roundFigure(result.medianMs, 0);
    const fps = roundFigure(result.panZoomFps, 1);
    const fittedFps = roundFigure(result.panZoomFittedFps, 1);
    const figures: Record<string, number> = {
      dfd_open_ms_500: total,
      dfd_pan_zoom_fps_500: fps,
      dfd_pan_zoom_fitted_fps_500: fittedFps,
    };
    const rows: TableCell[][] = [
      [
        "dfd_open_ms_500",
        total,
        `ms: median of ${runs} cold opens (new browser context) of a model with 500 elements and 700 flows on one diagram, from navigation until the canvas is drawn and a click selects an element`,
      ],
    ];
    for (const [figure, field, what] of PHASES) {
      const isBytes = field === "scriptTransferBytes" || field === "scriptDecodedBytes";
      const value = median(result.breakdowns.map((breakdown) => breakdown[field]));
      const rounded = roundFigure(isBytes ? value / 1024 : value, 0);
      figures[figure] = rounded;
      rows.push([figure, rounded, what]);
    }
    rows.push([
      "dfd_pan_zoom_fps_500",
      fps,
      "frames per second drawn while panning and zooming that diagram with the mouse from the view it opens at, median of 3 (headless Chromium draws at most 60)",
    ]);
    rows.push([
      "dfd_pan_zoom_fitted_fps_500",
      fittedFps,
      'the same after "Zoom to fit", with every element and flow on screen',
    ]);
    return {
      columns: ["figure", "value", "what"],
      rows,
      figures,
      notes: [
        `each run, ms: ${result.runsMs.map((ms) => Math.round(ms)).join(", ")}`,
        `pan and zoom, each measurement, fps: ${result.panZoomFpsRuns.opening.map((fps) => fps.toFixed(1)).join(", ")} from the opening view; ${result.panZoomFpsRuns.fitted.map((fps) => fps.toFixed(1)).join(", ")} fitted`,
        `elements drawn during pan and zoom, fewest at the end of a round: ${result.panZoomNodes.opening} from the opening view, ${result.panZoomNodes.fitted} fitted`,
        "phases are medians over the runs, so they need not add up to the median total",
        `load average (1, 5, 15 min) before: ${loadBefore}; after: ${loadAfter}`,
      ],
    };
  },
};
