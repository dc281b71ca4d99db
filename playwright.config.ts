import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS } from "./server/chromium-args";
import { SERVER_NODE_FLAGS } from "./server/node-flags";
import { E2E_RULE_SET_ADMIN_EMAIL } from "./tests/e2e/support/rule-set-admin";
import { E2E_SERVER_LOG } from "./tests/e2e/support/server-log";
import {
  E2E_OIDC_CLIENT_ID,
  E2E_OIDC_CLIENT_SECRET,
  E2E_OIDC_ISSUER,
  E2E_OIDC_NAME,
} from "./tests/e2e/support/oidc-settings";

const port = Number(process.env.E2E_PORT ?? 3217);
const baseURL = `http://localhost:${port}`;

/**
 * Browser tests against the real app (built Next.js + API + websocket on one port) on a fresh
 * embedded database. Playwright cannot download a browser here: the system Chromium is used.
 */
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    baseURL,
    // Recording a trace (screenshots of every frame) nearly doubles each test's time on two
    // cores; a failing test is retried once on CI, and that retry records one.
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [...CHROMIUM_ARGS],
    },
  },
  webServer: {
    command: `rm -rf data-e2e && tsx scripts/build-if-needed.ts && node --enable-source-maps ${SERVER_NODE_FLAGS.join(" ")} dist/server/start.mjs 2>&1 | tee ${E2E_SERVER_LOG}`,
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATA_DIR: "./data-e2e",
      NEXTAUTH_URL: baseURL,
      LOG_LEVEL: "warn",
      ROOM_UNLOAD_GRACE_MS: "1000",
      // Shared test accounts create many models in one run.
      MAX_MODELS_PER_USER_PER_HOUR: "100000",
      // Sign-in tests stand for clients at other addresses with X-Forwarded-For.
      TRUST_PROXY: "1",
      ADMIN_EMAILS: E2E_RULE_SET_ADMIN_EMAIL,
      // Single sign-on against the provider single-sign-on.spec.ts starts on loopback.
      OIDC_ISSUER: E2E_OIDC_ISSUER,
      OIDC_CLIENT_ID: E2E_OIDC_CLIENT_ID,
      OIDC_CLIENT_SECRET: E2E_OIDC_CLIENT_SECRET,
      OIDC_NAME: E2E_OIDC_NAME,
    },
  },
});
