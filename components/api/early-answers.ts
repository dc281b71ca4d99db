/**
 * GET requests that the page's first script (instrumentation-client) sends before the page's
 * own script has loaded, for answers the page asks for as soon as it mounts: the request then
 * travels while the page loads, and api-client's `send` takes the answer instead of asking
 * again, for a request that says it may (`early`; the workspace's first load of its model and
 * user). Other requests of the same address, such as the email banner's, ask the server.
 *
 * What it promises:
 * - The early request is the one api-client would send (same address, credentials and
 *   headers), so its answer, error answers included, reads the same.
 * - An answer is taken once, for the same address, and only within EARLY_ANSWER_TTL_MS of the
 *   request: later calls ask the server as usual, so nothing older than that is ever shown.
 * - A request that failed to reach the server is not handed out: the caller asks again itself.
 */

/** How long an early answer may be taken after it was asked for. */
export const EARLY_ANSWER_TTL_MS = 15_000;

/** The Accept header api-client sends with every request. */
export const ACCEPT_JSON = { Accept: "application/json" } as const;

const waiting = new Map<string, { answer: Promise<Response | null>; askedAt: number }>();

/** Sends a GET of `url` now, for `takeEarlyAnswer`; nothing when one is waiting already. */
export function requestEarly(url: string): void {
  if (waiting.has(url) || typeof fetch !== "function") return;
  const answer = fetch(url, { credentials: "same-origin", headers: ACCEPT_JSON }).catch(() => null);
  waiting.set(url, { answer, askedAt: Date.now() });
  setTimeout(() => {
    if (waiting.get(url)?.answer === answer) waiting.delete(url);
  }, EARLY_ANSWER_TTL_MS);
}

/** The early answer of a GET of `url`, once; null when there is none (or it is too old). */
export function takeEarlyAnswer(url: string): Promise<Response | null> | null {
  const early = waiting.get(url);
  waiting.delete(url);
  if (!early || Date.now() - early.askedAt > EARLY_ANSWER_TTL_MS) return null;
  return early.answer;
}
