/** Where the browser tests' server writes its output (see playwright.config.ts). */
export const E2E_SERVER_LOG = "e2e-server.log";
