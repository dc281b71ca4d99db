import type { Duplex } from "node:stream";
import { COLLAB_PATH_PREFIX } from "@/lib/collab/close-codes";
import type { ErrorCode } from "@/lib/errors";

/** Where an HTTP upgrade request goes. */
export type UpgradeRoute = "collab" | "next-dev" | "not-found";

/** Next's development server keeps its hot-reload socket under this prefix. */
const NEXT_DEV_PREFIX = "/_next/";

/**
 * Decides who answers an upgrade to `pathname`: the realtime endpoint, Next's development
 * server (hot reload, only when it runs), or nobody. Every route ends with an answer: a socket
 * left unanswered would stay half-open (CLOSE_WAIT) for as long as the client keeps it.
 */
export function routeUpgrade(pathname: string, options: { hasNextDev: boolean }): UpgradeRoute {
  if (pathname.startsWith(COLLAB_PATH_PREFIX)) return "collab";
  if (options.hasNextDev && pathname.startsWith(NEXT_DEV_PREFIX)) return "next-dev";
  return "not-found";
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  503: "Service Unavailable",
};
const ERROR_CODES: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  503: "unavailable",
};

/**
 * Answers an upgrade request with a plain HTTP error (JSON `{ error }` body, like every other
 * answer of the API) and closes the socket, so that nothing of it is left open on the server.
 */
export function refuseUpgrade(
  socket: Duplex,
  status: 400 | 401 | 403 | 404 | 503,
  message: string,
): void {
  socket.on("error", () => socket.destroy());
  const body = JSON.stringify({ error: { code: ERROR_CODES[status], message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  // A client that never reads would keep the socket half-closed; the answer is small, so a
  // second is plenty for it to leave.
  setTimeout(() => socket.destroy(), 1_000).unref();
}
