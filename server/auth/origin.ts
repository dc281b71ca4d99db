import type { IncomingHttpHeaders } from "node:http";

/**
 * The origins a browser request may come from: the app's own (from the public URL and from the
 * Host the request was sent to) plus TRUSTED_ORIGINS.
 */
export function allowedOrigins(
  headers: IncomingHttpHeaders,
  options: { publicUrl: string; trustedOrigins: string; isTls: boolean },
): Set<string> {
  const origins = new Set<string>();
  origins.add(new URL(options.publicUrl).origin);
  if (headers.host) origins.add(`${options.isTls ? "https" : "http"}://${headers.host}`);
  for (const origin of options.trustedOrigins.split(","))
    if (origin.trim()) origins.add(origin.trim());
  return origins;
}

/**
 * True when a state-changing request or websocket upgrade may proceed: a browser always sends
 * Origin on these, so a foreign Origin is refused; a request without one is not a browser's
 * cross-site request (scripts, curl) and passes.
 */
export function isOriginAllowed(
  headers: IncomingHttpHeaders,
  options: { publicUrl: string; trustedOrigins: string; isTls: boolean },
): boolean {
  const origin = headers.origin;
  if (origin === undefined) {
    // A browser that omits Origin still sends Sec-Fetch-Site; cross-site is refused.
    const site = headers["sec-fetch-site"];
    return site === undefined || site === "same-origin" || site === "none";
  }
  return allowedOrigins(headers, options).has(origin);
}
