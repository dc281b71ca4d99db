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

test("a model's page opens its document socket before its first request for the model, and only one", async ({
  alice,
  openSession,
}) => {
  const session = await openSession(alice);
  const model = await session.api.createModel(buildTitle("Ledger"));
  await session.page.addInitScript(RECORD_SOCKETS);
  const workspace = new WorkspacePage(session.page);

  await workspace.open(model.id);

  // The page asks for the model once it has mounted; without the early socket, the document's
  // socket would open in the same moment, after that request.
  const { sockets, modelRequestedAt } = await session.page.evaluate((modelId) => {
    const request = performance
      .getEntriesByType("resource")
      .find((entry) => new URL(entry.name).pathname === `/api/models/${modelId}`);
    return {
      sockets: (window as unknown as { __socketsCreated: { url: string; at: number }[] })
        .__socketsCreated,
      modelRequestedAt: request?.startTime ?? null,
    };
  }, model.id);
  const documentSockets = sockets.filter((socket) => socket.url.includes(`/collab/${model.id}`));
  expect(documentSockets).toHaveLength(1);
  expect(modelRequestedAt).not.toBeNull();
  expect(documentSockets[0]?.at).toBeLessThan(modelRequestedAt ?? 0);

  // The early socket carries the live document as any other would.
  await workspace.addThreat("Replayed refund request", "Tampering");
  await session.page.reload();
  await workspace.expectConnected();
  await expect(workspace.threats).toContainText("Replayed refund request");
});

test("a signed-out visit to a model's page opens no socket", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.addInitScript(RECORD_SOCKETS);
  await page.goto("/models/some-model");
  await expect(page).toHaveURL(/\/signin/);
  const sockets = await page.evaluate(
    () => (window as unknown as { __socketsCreated: unknown[] }).__socketsCreated,
  );
  expect(sockets).toEqual([]);
  await context.close();
});
