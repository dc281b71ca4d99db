/**
 * The signed-in user's event stream (GET /api/events), shared by everything on the page: one
 * EventSource however many components listen, opened with the first listener and closed with
 * the last. The server ends each stream after a minute and the browser reconnects; every
 * (re)connection is reported as "open", because events sent while disconnected are lost and
 * listeners should fetch what they show again.
 */

/** "inbox": the user's inbox changed. "open": the stream (re)connected. */
export type UserEventType = "inbox" | "open";

type Listener = (type: UserEventType) => void;

const EVENTS_URL = "/api/events";
/** When the server refused the stream (the browser then gives up), the next try. */
const RETRY_AFTER_REFUSAL_MS = 15_000;

const listeners = new Set<Listener>();
let source: EventSource | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;

function emit(type: UserEventType) {
  for (const listener of [...listeners]) listener(type);
}

function close() {
  source?.close();
  source = null;
  if (retryTimer !== null) clearTimeout(retryTimer);
  retryTimer = null;
}

function open() {
  if (source !== null || typeof EventSource === "undefined") return;
  if (retryTimer !== null) clearTimeout(retryTimer);
  retryTimer = null;
  const next = new EventSource(EVENTS_URL);
  next.addEventListener("open", () => emit("open"));
  next.addEventListener("inbox", () => emit("inbox"));
  next.addEventListener("error", () => {
    // A dropped connection is retried by the browser itself; a refused one (e.g. the session
    // ended) is not, so try again later while someone still listens.
    if (next.readyState !== EventSource.CLOSED || source !== next) return;
    close();
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (listeners.size > 0) open();
    }, RETRY_AFTER_REFUSAL_MS);
  });
  source = next;
}

/**
 * Listens to the user's events; opens the page's stream if it is not open yet. Call only for a
 * signed-in user. Returns the function that stops listening (and closes the stream when no
 * one else listens).
 */
export function subscribeUserEvents(listener: Listener): () => void {
  listeners.add(listener);
  open();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) close();
  };
}
