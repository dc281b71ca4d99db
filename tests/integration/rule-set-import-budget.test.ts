import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRuleSetFile } from "@/server/services/rule-sets/read-rule-set-file";
import { readRuleSetFileInWorker } from "@/server/services/rule-sets/read-rule-set-file-in-worker";
import { api, signUp, type TestUser } from "./support/api-client";
import { buildLargeTemplate } from "./support/large-template";
import { startTestServer, type TestServer } from "./support/test-server";

/** How long the event loop would stall reading `bytes` on the thread that serves requests. */
function measureSynchronousRead(bytes: Buffer): number {
  const started = performance.now();
  try {
    readRuleSetFile({ kind: "tb7", bytes });
  } catch {
    // Too many threat types: refused after the whole file was parsed, which is what costs.
  }
  return performance.now() - started;
}

describe("importing a large template", () => {
  let server: TestServer;
  let admin: TestUser;
  let bytes: Buffer;
  let synchronousMs: number;

  beforeAll(async () => {
    // The synchronous read blocks this thread for seconds: done before any connection to the
    // server exists, so that no pooled keep-alive connection goes stale meanwhile (the server
    // closes idle ones after 5 s, and a request written on one that is closing is reset).
    bytes = buildLargeTemplate(8 * 1024 * 1024);
    synchronousMs = measureSynchronousRead(bytes);
    server = await startTestServer("pglite");
    // The first account administers rule sets.
    admin = await signUp(server, "Ida Importer");
  });
  afterAll(() => server.destroy());

  it("reads an 8 MB template off the request thread: /api/health keeps answering", async () => {
    let isImporting = true;
    const healthLatencies: number[] = [];
    const polling = (async () => {
      while (isImporting) {
        const started = performance.now();
        const response = await fetch(`${server.url}/api/health`);
        await response.arrayBuffer();
        healthLatencies.push(performance.now() - started);
      }
    })();
    const answer = await api(server, "POST", "/api/rule-sets/import", {
      user: admin,
      body: bytes.toString("utf8"),
      headers: { "content-type": "application/xml" },
    });
    isImporting = false;
    await polling;

    // The whole file was read: it has more threat types than a rule set may hold.
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { message: /more than 2000 threat types/ } });
    const slowest = Math.max(...healthLatencies);
    console.info(
      `8 MB template: ${synchronousMs.toFixed(0)} ms to read on one thread; ` +
        `${healthLatencies.length} health checks meanwhile, slowest ${slowest.toFixed(0)} ms`,
    );
    expect(healthLatencies.length).toBeGreaterThan(3);
    // Relative to the stall a synchronous read causes on this machine right now, so a loaded
    // machine slows both sides alike.
    expect(slowest).toBeLessThan(synchronousMs / 3);
  });

  it("refuses a file that needs more time or memory than its budget", async () => {
    const bytes = buildLargeTemplate(4 * 1024 * 1024);
    const file = { kind: "tb7" as const, bytes: new Uint8Array(bytes) };
    await expect(readRuleSetFileInWorker(file, { timeMs: 5, heapMb: 512 })).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/took too long/),
    });
    await expect(
      readRuleSetFileInWorker(file, { timeMs: 60_000, heapMb: 4 }),
    ).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/too much memory/),
    });
    // The queue goes on after refusals: the project's own template reads fine.
    const template = buildLargeTemplate(0);
    const content = await readRuleSetFileInWorker({ kind: "tb7", bytes: new Uint8Array(template) });
    expect(content.rules.length).toBeGreaterThan(40);
  });
});
