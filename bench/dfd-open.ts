/**
 * The cold time to open a large data-flow diagram in the browser until it is interactive
 * (`dfd_open_ms_500`): the real app (Next.js pages, API and realtime server) on loopback with a
 * fresh embedded database, a model of 500 elements and 700 flows on one diagram, and the
 * system Chromium. Each run opens the model in a new browser context (empty cache, new
 * websocket) and stops the clock once the canvas has drawn the synced diagram and answered a
 * click on an element by selecting it.
 *
 * DFD_PROFILE_DIR=/tmp/profiles records the page during the last measured open and during the
 * pan and zoom there (from the opening view, then fitted), for Chrome's DevTools: a CPU
 * profile, or with DFD_PROFILE_KIND=trace a full trace (style, layout, paint, raster).
 * Recording slows the recorded run.
 */
import { chromium, type Page } from "@playwright/test";
import WebSocket from "ws";
import { z } from "zod";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { COLLAB_PATH_PREFIX } from "@/lib/collab/close-codes";
import { SIGN_UP_TICKET_PROVIDER } from "@/lib/api/auth-providers";
import {
  DIAGRAM_DEFAULTS,
  ELEMENT_DEFAULTS,
  FLOW_DEFAULTS,
  addDiagram,
  addElement,
  addFlow,
  isElementKind,
} from "@/lib/model";
import { getDiagramsMap, getElementsMap, getFlowsMap } from "@/lib/model/roots";
import { SCHEMA_VERSION } from "@/lib/model/document";
import { CHROMIUM_ARGS } from "@/server/chromium-args";
import { buildAppIfNeeded, readPath, startBenchApp } from "./app-server";
import { readRecordingRequest, startPageRecording } from "./page-recording";
import { LONG_TASK_OBSERVER_SCRIPT, readOpenBreakdown, type OpenBreakdown } from "./open-breakdown";

/** What one measurement gives: the median and every run, in milliseconds. */
export interface DfdOpenResult {
  medianMs: number;
  runsMs: number[];
  /** Where the time of each measured open went, in the order of `runsMs`. */
  breakdowns: OpenBreakdown[];
  /** Frames drawn per second while the diagram is panned and zoomed with the mouse. */
  panZoomFps: number;
  /** The same after "Zoom to fit", with the whole diagram on screen. */
  panZoomFittedFps: number;
  /** The fewest elements drawn at the end of a round of each, opening view then fitted. */
  panZoomNodes: { opening: number; fitted: number };
  /** Every measurement behind the two rates above, in the order taken. */
  panZoomFpsRuns: { opening: number[]; fitted: number[] };
}

const READY_CANVAS_SELECTOR =
  '[data-testid="diagram-canvas"][data-ready="true"] .react-flow__node-process';

/**
 * Waits until `selector` matches, checking in the page at every animation frame. Playwright's
 * own waits poll with a backoff that grows to 500 ms between checks, which would add up to half
 * a second of idle waiting to a measured open; a check per frame adds at most one frame.
 */
async function waitForSelectorEachFrame(page: Page, selector: string, timeoutMs: number) {
  // A function, not a string: the page's Content-Security-Policy forbids evaluating strings.
  await page.waitForFunction((wanted) => document.querySelector(wanted) !== null, selector, {
    polling: "raf",
    timeout: timeoutMs,
  });
}

const SESSION_COOKIE = "next-auth.session-token";

/**
 * Signs in through next-auth as the sign-up page does, with the ticket sign-up answered, and
 * returns the session cookie's value. Like every real sign-in, the cookie names a session kept
 * on the server, which each page and request then checks.
 */
async function signInWithTicket(baseUrl: string, ticket: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = z.object({ csrfToken: z.string() }).parse(await csrf.json());
  const response = await fetch(`${baseUrl}/api/auth/callback/${SIGN_UP_TICKET_PROVIDER}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: readCookies(csrf.headers).join("; "),
      origin: baseUrl,
    },
    body: new URLSearchParams({ csrfToken, ticket, json: "true" }),
  });
  const session = readCookies(response.headers).find((cookie) =>
    cookie.startsWith(`${SESSION_COOKIE}=`),
  );
  if (session === undefined) throw new Error(`signing in failed (${response.status})`);
  return session.slice(SESSION_COOKIE.length + 1);
}

/** The `name=value` of each cookie a response sets. */
function readCookies(headers: Headers): string[] {
  return headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "");
}

/** Waits until the page has drawn `count` more frames. */
async function waitForFrames(page: Page, count: number) {
  // A string, not a function: the bench runs through a bundler that renames functions.
  await page.evaluate(`new Promise((resolve) => {
    let left = ${count};
    const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  })`);
}

/** How far each pan drags the canvas, in screen pixels; every other pan drags it back. */
const PAN_DISTANCE = { x: 300, y: 200 };

/**
 * How many times each pan and zoom is measured; the median is the figure. One takes about two
 * seconds, short enough for a background task on a shared machine to swing it by a third.
 */
const PAN_ZOOM_REPEATS = 3;

/** What one pan and zoom measurement gives. */
export interface PanZoomResult {
  fps: number;
  /** The fewest elements React Flow had drawn at the end of a round: how much was on screen. */
  fewestNodesDrawn: number;
}

/**
 * A point of the canvas, in page pixels, where the empty canvas (React Flow's pane) is on top and
 * from which a drag by `move` stays inside the canvas; null when there is none.
 */
async function findEmptyCanvasPoint(
  page: Page,
  box: { x: number; y: number; width: number; height: number },
  move: { x: number; y: number },
): Promise<{ x: number; y: number } | null> {
  // A string, not a function: the bench runs through a bundler that renames functions.
  const found: unknown = await page.evaluate(`(() => {
    const box = ${JSON.stringify(box)};
    const move = ${JSON.stringify(move)};
    const inside = (x, y) =>
      x >= box.x + 8 && x <= box.x + box.width - 8 && y >= box.y + 8 && y <= box.y + box.height - 8;
    for (let y = box.y + 8; y < box.y + box.height - 8; y += 12) {
      for (let x = box.x + 8; x < box.x + box.width - 8; x += 12) {
        if (!inside(x + move.x, y + move.y)) continue;
        const element = document.elementFromPoint(x, y);
        if (element && element.classList.contains("react-flow__pane")) return { x, y };
      }
    }
    return null;
  })()`);
  if (found === null) return null;
  return z.object({ x: z.number(), y: z.number() }).parse(found);
}

/**
 * Pans (dragging the empty canvas) and zooms (the wheel) for about two seconds while counting
 * the frames the page draws: how smooth moving around a large diagram feels. Zooms go in and
 * out again about the centre, and pans go towards the rest of the drawing (up and left, as a
 * diagram opens at its top-left) and back, so the view ends where it began and never drifts
 * off the drawing into empty canvas, where there would be nothing to draw.
 */
async function measurePanZoomFps(page: Page): Promise<PanZoomResult> {
  const box = await page.locator('[data-testid="diagram-canvas"]').boundingBox();
  if (box === null) throw new Error("the canvas has no box");
  // A string, not a function: the bench runs through a bundler that renames functions.
  await page.evaluate(`(() => {
    const state = { frames: 0, isRunning: true };
    window.__frameCounter = state;
    const count = () => {
      state.frames += 1;
      if (state.isRunning) requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
  })()`);
  const started = performance.now();
  const center = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  let fewestNodesDrawn = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 4; round += 1) {
    await page.mouse.move(center.x, center.y);
    for (let step = 0; step < 8; step += 1) {
      await page.mouse.wheel(0, round % 2 === 0 ? -120 : 120);
      await page.waitForTimeout(16);
    }
    const sign = round % 2 === 0 ? -1 : 1;
    const move = { x: sign * PAN_DISTANCE.x, y: sign * PAN_DISTANCE.y };
    // A pan starts on empty canvas: pressing on an element would move the element instead.
    const start = await findEmptyCanvasPoint(page, box, move);
    if (start === null) throw new Error("no empty canvas to start a pan from");
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + move.x, start.y + move.y, { steps: 20 });
    await page.mouse.up();
    fewestNodesDrawn = Math.min(fewestNodesDrawn, await page.locator(".react-flow__node").count());
  }
  const seconds = (performance.now() - started) / 1000;
  const frames: unknown = await page.evaluate(`(() => {
    window.__frameCounter.isRunning = false;
    return window.__frameCounter.frames;
  })()`);
  if (typeof frames !== "number") throw new Error("the frame counter did not answer");
  return { fps: frames / seconds, fewestNodesDrawn };
}

/**
 * Measures pan and zoom PAN_ZOOM_REPEATS times, each from the view `resetView` sets before it
 * (the rounds of one measurement do not bring the view back exactly): every rate, and the
 * median.
 */
async function measurePanZoomRepeated(
  page: Page,
  resetView: (repeat: number) => Promise<void>,
): Promise<{ fps: number; runs: number[]; fewestNodesDrawn: number }> {
  const runs: number[] = [];
  let fewestNodesDrawn = Number.POSITIVE_INFINITY;
  for (let repeat = 0; repeat < PAN_ZOOM_REPEATS; repeat += 1) {
    await resetView(repeat);
    const result = await measurePanZoomFps(page);
    runs.push(result.fps);
    fewestNodesDrawn = Math.min(fewestNodesDrawn, result.fewestNodesDrawn);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return { fps: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, runs, fewestNodesDrawn };
}

/**
 * A diagram of `elements` elements (a tenth of them trust boundaries) and `flows` flows, as a
 * Yjs update, with the diagram's id.
 */
export function buildLargeDiagramUpdate(
  elements: number,
  flows: number,
  options: { fullRecords?: boolean } = {},
): { update: Uint8Array; diagramId: string } {
  const doc = new Y.Doc();
  const diagramId = addDiagram(doc, { title: "Large system", layer: 0, parentElementId: null });
  const ends: string[] = [];
  const columns = 25;
  doc.transact(() => {
    for (let index = 0; index < elements; index += 1) {
      const x = (index % columns) * 220;
      const y = Math.floor(index / columns) * 160;
      if (index % 10 === 9) {
        addElement(doc, {
          kind: "trust-boundary",
          diagramId,
          name: `Boundary ${index}`,
          x: x - 20,
          y: y - 20,
          width: 400,
          height: 300,
        });
        continue;
      }
      const kind = index % 3 === 0 ? "process" : index % 3 === 1 ? "data-store" : "external-entity";
      ends.push(addElement(doc, { kind, diagramId, name: `Element ${index}`, x, y }));
    }
    for (let index = 0; index < flows; index += 1) {
      const source = ends[index % ends.length] ?? "";
      const target = ends[(index * 7 + 1) % ends.length] ?? "";
      if (source === target) continue;
      addFlow(doc, { sourceId: source, targetId: target, name: `Flow ${index}` });
    }
    if (options.fullRecords === true) writeEveryField(doc);
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { update, diagramId };
}

/**
 * Writes into every diagram, element and flow the fields it leaves out because they hold their
 * default: the entries as builds before d88ea95 stored them, whose readers take a missing field
 * for a malformed one. BENCH_FULL_RECORDS=1 measures such a build with the document it wrote.
 */
function writeEveryField(doc: Y.Doc): void {
  const fill = (root: Y.Map<unknown>, defaultsOf: (entry: Y.Map<unknown>) => object | null) => {
    root.forEach((entry) => {
      if (!(entry instanceof Y.Map)) return;
      for (const [key, value] of Object.entries(defaultsOf(entry) ?? {})) {
        if (!entry.has(key)) entry.set(key, Array.isArray(value) ? new Y.Map() : value);
      }
    });
  };
  fill(getDiagramsMap(doc), () => DIAGRAM_DEFAULTS);
  fill(getElementsMap(doc), (entry) => {
    const kind: unknown = entry.get("kind");
    return isElementKind(kind) ? ELEMENT_DEFAULTS[kind] : null;
  });
  fill(getFlowsMap(doc), () => FLOW_DEFAULTS);
}

/** Sends a whole document update to a model's room and waits until the server has it. */
async function pushUpdate(baseUrl: string, modelId: string, cookie: string, update: Uint8Array) {
  const url = `${baseUrl.replace("http", "ws")}${COLLAB_PATH_PREFIX}${modelId}?schema=${SCHEMA_VERSION}`;
  const socket = new WebSocket(url, { headers: { cookie, origin: baseUrl } });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  socket.send(encoding.toUint8Array(encoder));
  // The server handles one connection's messages in order: once it answers a sync step 1
  // sent after the update, the update is applied; then the persistence interval passes.
  const probe = encoding.createEncoder();
  encoding.writeVarUint(probe, 0);
  syncProtocol.writeSyncStep1(probe, new Y.Doc());
  await new Promise<void>((resolve, reject) => {
    socket.on("message", () => resolve());
    socket.once("close", (code) => reject(new Error(`the room closed the socket (${code})`)));
    socket.send(encoding.toUint8Array(probe));
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  socket.close();
}

/**
 * Measures `runs` cold opens of a 500-element, 700-flow diagram, then pan and zoom after the
 * last one (unless `withPanZoom` is false: the rates are NaN then). Builds the app first when
 * its build is missing or stale (as `npm start` does).
 */
export async function measureDfdOpen(options: {
  runs: number;
  withPanZoom?: boolean;
}): Promise<DfdOpenResult> {
  buildAppIfNeeded();
  const app = await startBenchApp();
  const { baseUrl } = app;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [...CHROMIUM_ARGS],
  });
  const recording = readRecordingRequest();
  try {
    const email = `bench-${Date.now()}@example.test`;
    const signUp = await fetch(`${baseUrl}/api/users`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, name: "Bench", password: "correct horse battery staple" }),
    });
    const signUpBody: unknown = await signUp.json();
    const token = await signInWithTicket(baseUrl, readPath(signUpBody, ["signInTicket"]));
    const cookie = `${SESSION_COOKIE}=${token}`;
    const created = await fetch(`${baseUrl}/api/models`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: baseUrl },
      body: JSON.stringify({ title: "Large diagram" }),
    });
    const modelId = readPath(await created.json(), ["model", "id"]);
    const large = buildLargeDiagramUpdate(500, 700, {
      fullRecords: process.env.BENCH_FULL_RECORDS === "1",
    });
    await pushUpdate(baseUrl, modelId, cookie, large.update);

    const runsMs: number[] = [];
    const breakdowns: OpenBreakdown[] = [];
    let panZoomFps = Number.NaN;
    let panZoomFittedFps = Number.NaN;
    const panZoomNodes = { opening: 0, fitted: 0 };
    const panZoomFpsRuns: DfdOpenResult["panZoomFpsRuns"] = { opening: [], fitted: [] };
    // One unmeasured open warms the server (compiled routes, loaded room), not the browser.
    for (let run = 0; run <= options.runs; run += 1) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addCookies([
        { name: SESSION_COOKIE, value: token, url: baseUrl, httpOnly: true },
      ]);
      await context.addInitScript(LONG_TASK_OBSERVER_SCRIPT);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Performance.enable");
      const isRecorded = recording !== null && run === options.runs;
      const record = (name: string) =>
        recording === null ? null : startPageRecording({ browser, page, cdp, name, ...recording });
      const openRecording = isRecorded ? await record("dfd-open") : null;
      const started = performance.now();
      await page.goto(`${baseUrl}/models/${modelId}?tab=diagram&diagram=${large.diagramId}`, {
        waitUntil: "commit",
      });
      await waitForSelectorEachFrame(page, READY_CANVAS_SELECTOR, 120_000);
      await page.locator(".react-flow__node-process").first().click({ timeout: 60_000 });
      await waitForSelectorEachFrame(page, ".react-flow__node-process.selected", 60_000);
      const elapsed = performance.now() - started;
      const { metrics } = await cdp.send("Performance.getMetrics");
      if (openRecording) console.info(`Recording of the open: ${await openRecording.stop()}`);
      if (run > 0) {
        runsMs.push(elapsed);
        breakdowns.push(await readOpenBreakdown(page, elapsed, metrics));
      }
      if (run === options.runs && options.withPanZoom !== false) {
        const panRecording = isRecorded ? await record("dfd-pan-zoom") : null;
        const openAgain = async (repeat: number) => {
          // The first measurement starts from the open just measured.
          if (repeat === 0) return;
          await page.reload({ waitUntil: "commit" });
          await waitForSelectorEachFrame(page, READY_CANVAS_SELECTOR, 120_000);
        };
        const opening = await measurePanZoomRepeated(page, openAgain);
        panZoomFps = opening.fps;
        panZoomFpsRuns.opening = opening.runs;
        panZoomNodes.opening = opening.fewestNodesDrawn;
        if (panRecording) console.info(`Recording of pan and zoom: ${await panRecording.stop()}`);
        const fitWhole = async (_repeat: number) => {
          await page.getByRole("button", { name: "Zoom to fit" }).click();
          // The fit animates nothing; two frames later the whole diagram is drawn.
          await waitForFrames(page, 2);
        };
        const fittedRecording = isRecorded ? await record("dfd-pan-zoom-fitted") : null;
        const fitted = await measurePanZoomRepeated(page, fitWhole);
        panZoomFittedFps = fitted.fps;
        panZoomFpsRuns.fitted = fitted.runs;
        panZoomNodes.fitted = fitted.fewestNodesDrawn;
        if (fittedRecording) {
          console.info(`Recording of pan and zoom, fitted: ${await fittedRecording.stop()}`);
        }
      }
      await context.close();
    }
    const sorted = [...runsMs].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    return {
      medianMs: median,
      runsMs,
      breakdowns,
      panZoomFps,
      panZoomFittedFps,
      panZoomNodes,
      panZoomFpsRuns,
    };
  } finally {
    await browser.close();
    await app.stop();
  }
}
