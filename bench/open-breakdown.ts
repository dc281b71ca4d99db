/**
 * Where the time of one open of the model page went, read back from the page after the open:
 * the navigation and resource timings of the browser, and the marks and measures the app
 * records on its way (lib/perf/open-timing.ts).
 */
import type { Page } from "@playwright/test";
import { z } from "zod";
import { OPEN_MARKS, OPEN_MEASURES } from "@/lib/perf/open-timing";

/**
 * Phases of one open, in milliseconds. After the page mounted, the model's HTTP request and the
 * document's connection and sync run side by side; drawing starts once both are done.
 */
export interface OpenBreakdown {
  /** Navigation start until the HTML has arrived (server render, redirects). */
  documentMs: number;
  /** Then until the page's React tree mounted: scripts downloaded, parsed, run, hydrated. */
  scriptsMs: number;
  /** From the mount until the model and the user arrived from the HTTP API. */
  modelMs: number;
  /** From the mount until the websocket to the room was open. */
  connectMs: number;
  /** Then until the shared document's first sync was applied. */
  syncMs: number;
  /** From the later of model and sync until the nodes were drawn and measured, and the first flows drawn. */
  renderMs: number;
  /** Then until React Flow was initialised (the page sets data-ready): the rest of the flows, fit view. */
  readyMs: number;
  /** Then until the click selected an element (and the bench saw it). */
  interactMs: number;
  /** Of which, summed: reading the diagram's records and building nodes and edges. */
  recordsMs: number;
  graphMs: number;
  /** Time the main thread spent in tasks over 50 ms until the canvas was ready. */
  longTasksMs: number;
  /** Main-thread time of the whole open, by kind (Chromium's own counters). */
  scriptRunMs: number;
  styleMs: number;
  layoutMs: number;
  /**
   * CPU time of the page's main thread over the whole open (Chromium's ThreadTime): unlike the
   * durations above, it does not grow while the thread waits for a core another process holds.
   */
  mainThreadCpuMs: number;
  /** DOM nodes of the page once the element is selected. */
  domNodes: number;
  /** Scripts the page loaded: how many, bytes over the wire and bytes once decompressed. */
  scriptCount: number;
  scriptTransferBytes: number;
  scriptDecodedBytes: number;
}

const timingsSchema = z.object({
  responseEnd: z.number(),
  marks: z.record(z.string(), z.number()),
  measures: z.record(z.string(), z.number()),
  longTasks: z.array(z.object({ start: z.number(), duration: z.number() })),
  scripts: z.array(z.object({ transfer: z.number(), decoded: z.number() })),
});

/**
 * A page script observing long tasks from the start of each document; the bench adds it to a
 * browser context before the page opens. A string: the bench runs through a bundler.
 */
export const LONG_TASK_OBSERVER_SCRIPT = `(() => {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: "longtask", buffered: true });
  } catch {}
})()`;

/** One of Chromium's performance counters (CDP Performance.getMetrics). */
export interface BrowserMetric {
  name: string;
  value: number;
}

/**
 * Reads the timings of the open that just ended on `page`, whose total was `totalMs`, with
 * Chromium's counters read at its end.
 */
export async function readOpenBreakdown(
  page: Page,
  totalMs: number,
  metrics: readonly BrowserMetric[],
): Promise<OpenBreakdown> {
  const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? 0;
  const raw: unknown = await page.evaluate(`(() => {
    const navigation = performance.getEntriesByType("navigation")[0];
    const marks = {};
    for (const entry of performance.getEntriesByType("mark")) marks[entry.name] = entry.startTime;
    const measures = {};
    for (const entry of performance.getEntriesByType("measure")) {
      measures[entry.name] = (measures[entry.name] ?? 0) + entry.duration;
    }
    const scripts = performance
      .getEntriesByType("resource")
      .filter((entry) => entry.initiatorType === "script" || /\\.js(\\?|$)/.test(entry.name))
      .map((entry) => ({ transfer: entry.transferSize, decoded: entry.decodedBodySize }));
    return {
      responseEnd: navigation ? navigation.responseEnd : 0,
      marks,
      measures,
      longTasks: window.__longTasks ?? [],
      scripts,
    };
  })()`);
  const timings = timingsSchema.parse(raw);
  const at = (name: string) => timings.marks[name] ?? Number.NaN;
  const mounted = at(OPEN_MARKS.pageMounted);
  const modelLoaded = at(OPEN_MARKS.modelLoaded);
  const socketOpen = at(OPEN_MARKS.socketOpen);
  const docSynced = at(OPEN_MARKS.docSynced);
  const canvasReady = at(OPEN_MARKS.canvasReady);
  const flowsDrawn = at(OPEN_MARKS.flowsDrawn);
  return {
    documentMs: timings.responseEnd,
    scriptsMs: mounted - timings.responseEnd,
    modelMs: modelLoaded - mounted,
    connectMs: socketOpen - mounted,
    syncMs: docSynced - socketOpen,
    renderMs: flowsDrawn - Math.max(modelLoaded, docSynced),
    readyMs: canvasReady - flowsDrawn,
    interactMs: totalMs - canvasReady,
    recordsMs: timings.measures[OPEN_MEASURES.diagramRecords] ?? 0,
    graphMs: timings.measures[OPEN_MEASURES.canvasGraph] ?? 0,
    longTasksMs: timings.longTasks
      .filter((task) => task.start < canvasReady)
      .reduce((sum, task) => sum + task.duration, 0),
    scriptRunMs: metric("ScriptDuration") * 1000,
    styleMs: metric("RecalcStyleDuration") * 1000,
    layoutMs: metric("LayoutDuration") * 1000,
    mainThreadCpuMs: metric("ThreadTime") * 1000,
    domNodes: metric("Nodes"),
    scriptCount: timings.scripts.length,
    scriptTransferBytes: timings.scripts.reduce((sum, script) => sum + script.transfer, 0),
    scriptDecodedBytes: timings.scripts.reduce((sum, script) => sum + script.decoded, 0),
  };
}
