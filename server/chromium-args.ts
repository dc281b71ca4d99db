/**
 * How this project starts the system Chromium headless (the PDF report, the browser tests):
 * no sandbox (it runs as root in containers), no GPU, and none of the background connections
 * Chromium makes at start, which a closed network refuses.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
] as const;
