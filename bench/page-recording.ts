/**
 * Records what a page's main thread did during part of a benchmark, for Chrome's DevTools
 * (Performance panel): a sampled CPU profile of its script (`.cpuprofile`), or a full trace
 * with style, layout, paint and raster work (`.json`).
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, CDPSession, Page } from "@playwright/test";

/** "cpu": script only, light enough to keep timings close; "trace": everything, heavier. */
export type RecordingKind = "cpu" | "trace";

/** A recording in progress; `stop` writes it into the folder and returns the file. */
export interface PageRecording {
  stop(): Promise<string>;
}

const TRACE_CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "blink",
  "cc",
  "viz",
  "v8",
];

/** Starts recording `page` into `folder`, the file named after `name`. */
export async function startPageRecording(options: {
  browser: Browser;
  page: Page;
  cdp: CDPSession;
  kind: RecordingKind;
  folder: string;
  name: string;
}): Promise<PageRecording> {
  const { browser, page, cdp, kind, folder, name } = options;
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${name}-${Date.now()}.${kind === "cpu" ? "cpuprofile" : "json"}`);
  if (kind === "trace") {
    await browser.startTracing(page, { path: file, categories: TRACE_CATEGORIES });
    return {
      async stop() {
        await browser.stopTracing();
        return file;
      },
    };
  }
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  await cdp.send("Profiler.start");
  return {
    async stop() {
      const { profile } = await cdp.send("Profiler.stop");
      fs.writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}

/** The recording asked for in the environment: DFD_PROFILE_DIR and DFD_PROFILE_KIND. */
export function readRecordingRequest(): { folder: string; kind: RecordingKind } | null {
  const folder = process.env.DFD_PROFILE_DIR;
  if (folder === undefined || folder === "") return null;
  return { folder, kind: process.env.DFD_PROFILE_KIND === "trace" ? "trace" : "cpu" };
}
