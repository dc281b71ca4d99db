/**
 * How long signing up and signing in take in the browser, as a person sees it: from the click
 * on the form's button until the models page shows the (empty) list of the signed-in account.
 * The real app on loopback with a fresh embedded database and the system Chromium; each run in
 * a new browser context. Every request the page makes in that time is recorded with its
 * duration, so the round trips are seen, not guessed.
 */
import { chromium, type Page, type Request } from "@playwright/test";
import { CHROMIUM_ARGS } from "@/server/chromium-args";
import { hashPassword } from "@/server/auth/password";
import { buildAppIfNeeded, startBenchApp } from "./app-server";

/** One request of a measured sign-up or sign-in, as the browser saw it. */
export interface AuthRequest {
  /** "POST /api/users", "GET /models (page)", "GET /models (RSC)". */
  label: string;
  /** From the click until the request started, and how long it took, in ms. */
  startMs: number;
  durationMs: number;
}

/** One measured sign-up or sign-in. */
export interface AuthRun {
  totalMs: number;
  requests: AuthRequest[];
}

export interface AuthResult {
  signUps: AuthRun[];
  signIns: AuthRun[];
  /** One password hash in this process with the app's parameters, ms (median). */
  hashMs: number;
}

const PASSWORD = "correct horse battery staple 42";

function describeRequest(method: string, url: string, headers: Record<string, string>): string {
  const { pathname } = new URL(url);
  const kind =
    headers.rsc === "1" ? " (RSC)" : headers.accept?.includes("text/html") ? " (page)" : "";
  return `${method} ${pathname}${kind}`;
}

/** Runs `action` and records the requests the page makes until `isDone` resolves. */
async function measure(page: Page, action: () => Promise<void>, isDone: () => Promise<void>) {
  const requests: AuthRequest[] = [];
  let started = 0;
  const handleFinished = (request: Request) => {
    const timing = request.timing();
    const url = request.url();
    if (!url.startsWith("http") || /\/_next\/static\//.test(url)) return;
    requests.push({
      label: describeRequest(request.method(), url, request.headers()),
      startMs: timing.startTime - started,
      durationMs: timing.responseEnd,
    });
  };
  page.on("requestfinished", handleFinished);
  // Request timings use the wall clock; so does `started`.
  started = Date.now();
  const clock = performance.now();
  await action();
  await isDone();
  const totalMs = performance.now() - clock;
  page.off("requestfinished", handleFinished);
  requests.sort((a, b) => a.startMs - b.startMs);
  return { totalMs, requests };
}

/** Measures `runs` sign-ups and as many sign-ins, each in a new browser context. */
export async function measureAuth(options: { runs: number }): Promise<AuthResult> {
  buildAppIfNeeded();
  const app = await startBenchApp();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [...CHROMIUM_ARGS],
  });
  try {
    const signUps: AuthRun[] = [];
    const signIns: AuthRun[] = [];
    // One unmeasured round warms the server (compiled routes, database), not the browser.
    for (let run = 0; run <= options.runs; run += 1) {
      const email = `bench-auth-${run}-${Date.now()}@example.test`;
      const name = `Bench ${run}`;
      const signUpContext = await browser.newContext({ baseURL: app.baseUrl });
      const signUpPage = await signUpContext.newPage();
      await signUpPage.goto("/signup");
      const signUpForm = signUpPage.getByRole("form", { name: "Create account" });
      await signUpForm.getByRole("textbox", { name: "Name" }).fill(name);
      await signUpForm.getByRole("textbox", { name: "Email" }).fill(email);
      await signUpForm.getByLabel("Password", { exact: true }).fill(PASSWORD);
      const signedUp = await measure(
        signUpPage,
        () => signUpForm.getByRole("button", { name: "Create account" }).click(),
        () => waitForModelsPage(signUpPage),
      );
      await signUpContext.close();

      const signInContext = await browser.newContext({ baseURL: app.baseUrl });
      const signInPage = await signInContext.newPage();
      await signInPage.goto("/signin");
      const signInForm = signInPage.getByRole("form", { name: "Sign in" });
      await signInForm.getByRole("textbox", { name: "Email" }).fill(email);
      await signInForm.getByLabel("Password", { exact: true }).fill(PASSWORD);
      const signedIn = await measure(
        signInPage,
        () => signInForm.getByRole("button", { name: "Sign in" }).click(),
        () => waitForModelsPage(signInPage),
      );
      await signInContext.close();
      if (run > 0) {
        signUps.push(signedUp);
        signIns.push(signedIn);
      }
    }
    return { signUps, signIns, hashMs: await measureHash() };
  } finally {
    await browser.close();
    await app.stop();
  }
}

async function waitForModelsPage(page: Page): Promise<void> {
  await page.waitForURL("**/models", { timeout: 60_000 });
  await page.getByRole("heading", { name: "No threat models yet" }).waitFor({ timeout: 60_000 });
}

async function measureHash(): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < 5; index += 1) {
    const started = performance.now();
    await hashPassword(PASSWORD);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}
