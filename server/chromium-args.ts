/**
 * How this project starts the system Chromium headless (the PDF report, the browser tests):
 * no sandbox (it runs as root in containers), no GPU, and none of the background connections
 * Chromium makes at start, which a closed network refuses.
 *
 * Nor the address bar's popups: Chromium 156 loads them as web pages in a renderer of their
 * own for every new window, which headless never shows. That took 1.3 s of CPU per browser
 * context, on the cores the page being printed or tested needs (0.3 s without).
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
  "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup",
] as const;
