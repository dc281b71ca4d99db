import { randomBytes } from "node:crypto";

/**
 * Browser features no page of the app uses, switched off for every page, so that injected
 * script (or a framed page) cannot ask for them. Clipboard writing stays for copy and export.
 */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "bluetooth=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "serial=()",
  "usb=()",
  "clipboard-read=()",
  "clipboard-write=(self)",
  "fullscreen=(self)",
].join(", ");

/**
 * Headers every response carries. Next.js adds them to what it answers (next.config.mjs lists
 * the same; a test keeps the two equal); the server sets them on what it answers itself.
 */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
};

/** A fresh, unguessable nonce for one page's scripts (128 bits, base64). */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The Content-Security-Policy of a page. Scripts run only from this origin with the page's
 * nonce (and what those load, through 'strict-dynamic'): an injected <script> or inline handler
 * does not run. Styles allow inline `style` attributes, which the diagram canvas positions
 * everything with; that cannot run code. Next.js reads the nonce from this same header on the
 * request and puts it on the scripts it renders. The development server also needs eval.
 */
export function buildContentSecurityPolicy(options: { nonce: string; isDev: boolean }): string {
  const scripts = [`'self'`, `'nonce-${options.nonce}'`, `'strict-dynamic'`];
  if (options.isDev) scripts.push(`'unsafe-eval'`);
  return [
    `default-src 'self'`,
    `script-src ${scripts.join(" ")}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'`,
    `worker-src 'self' blob:`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join("; ");
}
