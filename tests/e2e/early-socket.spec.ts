import { WorkspacePage } from "./pages/workspace-page";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

/**
 * Records, in the page's own clock, when each websocket is created: before the page's scripts
 * run, so the app's first script is seen too.
 */
const RECORD_SOCKETS = `(() => {
  const created = [];
  window.__socketsCreated = created;
  const Native = window.WebSocket;
  window.WebSocket = new Proxy(Native, {
    construct(target, args) {
      created.push({ url: String(args[0]), at: performance.now() });
      return Reflect.construct(target, args);
    },
  });
})()`;

test("a model's page opens its document socket and asks for the model before it has mounted", async ({
  alice,
  openSession,
}) => {
  const session = await openSession(alice);
  const model = await session.api.createModel(buildTitle("Ledger"));
  await session.page.addInitScript(RECORD_SOCKETS);
  const workspace = new WorkspacePage(session.page);

  await workspace.open(model.id);

  // Without the page's first script, both would start once the page has mounted (the mark is
  // set by the first effect of the model's page, before the effects that connect and fetch).
  const { sockets, modelRequests, userRequests, lateScripts, mountedAt } =
    await session.page.evaluate((modelId) => {
      const mounted = performance.getEntriesByName("open:page-mounted")[0]?.startTime ?? null;
      const parsed = performance.getEntriesByType("navigation")[0];
      const parsedAt = parsed instanceof PerformanceNavigationTiming ? parsed.domInteractive : 0;
      return {
        sockets: (window as unknown as { __socketsCreated: { url: string; at: number }[] })
          .__socketsCreated,
        modelRequests: performance
          .getEntriesByType("resource")
          .filter((entry) => new URL(entry.name).pathname === `/api/models/${modelId}`)
          .map((entry) => entry.startTime),
        userRequests: performance
          .getEntriesByType("resource")
          .filter((entry) => new URL(entry.name).pathname === "/api/users/me")
          .map((entry) => entry.startTime),
        lateScripts: performance
          .getEntriesByType("resource")
          .filter((entry) => new URL(entry.name).pathname.endsWith(".js"))
          .filter((entry) => entry.startTime > parsedAt && entry.startTime < (mounted ?? 0))
          .map((entry) => new URL(entry.name).pathname),
        mountedAt: mounted,
      };
    }, model.id);
  const documentSockets = sockets.filter((socket) => socket.url.includes(`/collab/${model.id}`));
  expect(mountedAt).not.toBeNull();
  expect(documentSockets).toHaveLength(1);
  expect(documentSockets[0]?.at).toBeLessThan(mountedAt ?? 0);
  // Asked once, early: the page took that answer instead of asking again.
  expect(modelRequests).toHaveLength(1);
  expect(modelRequests[0]).toBeLessThan(mountedAt ?? 0);
  // The user is asked for early too: the workspace takes that answer, the email banner asks again.
  expect(userRequests[0]).toBeLessThan(mountedAt ?? 0);
  // Every script the page ran before it mounted was named in its HTML: none was fetched on its
  // own while the page hydrated, a round trip the page would have waited for.
  expect(lateScripts).toEqual([]);

  // The early socket carries the live document as any other would.
  await workspace.addThreat("Replayed refund request", "Tampering");
  await session.page.reload();
  await workspace.expectConnected();
  await expect(workspace.threats).toContainText("Replayed refund request");
});

test("a signed-out visit to a model's page opens no socket and asks for no model", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.addInitScript(RECORD_SOCKETS);
  await page.goto("/models/some-model");
  await expect(page).toHaveURL(/\/signin/);
  const sockets = await page.evaluate(
    () => (window as unknown as { __socketsCreated: unknown[] }).__socketsCreated,
  );
  expect(sockets).toEqual([]);
  const modelRequests = await page.evaluate(
    () =>
      performance
        .getEntriesByType("resource")
        .filter((entry) => new URL(entry.name).pathname.startsWith("/api/models/")).length,
  );
  expect(modelRequests).toBe(0);
  await context.close();
});
