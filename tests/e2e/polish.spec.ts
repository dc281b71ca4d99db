import { expect, test } from "./support/fixtures";
import { ModelsPage } from "./pages/models-page";
import { buildTitle } from "./support/factories";

test("the front page says what the product is, shows a live session and leads in", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/");
  await expect(
    page.getByRole("heading", { level: 1, name: "Threat-model together, in one live workspace" }),
  ).toBeVisible();
  const picture = page.getByRole("img", { name: /Three people in one threat model/ });
  await expect(picture).toBeVisible();
  await expect
    .poll(() => picture.evaluate((image: HTMLImageElement) => image.naturalWidth))
    .toBeGreaterThan(1000);
  await page.getByRole("link", { name: "Create an account" }).first().click();
  await page.waitForURL("**/signup");
  await page.goBack();
  await page
    .getByRole("navigation", { name: "Account" })
    .getByRole("link", { name: "Sign in" })
    .click();
  await page.waitForURL("**/signin");
  await context.close();
});

test("an unknown address shows the 404 page, which leads back to the front page", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const answer = await page.goto("/no-such-page");
  expect(answer?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to Threat Room" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Threat-model together, in one live workspace" }),
  ).toBeVisible();
  await context.close();
});

test("signed in, the front page goes to the models; at 390 px the model title stays visible", async ({
  alice,
  openSession,
}) => {
  const session = await openSession(alice);
  const { page } = session;
  await page.goto("/");
  await page.waitForURL("**/models");
  const model = await session.api.createModel(buildTitle("A rather long model title for phones"));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/models/${model.id}`);
  const title = page.getByRole("heading", { level: 1 });
  await expect(title).toBeVisible();
  const box = await title.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(200);
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
});

test("the delete-model question names only what the model holds", async ({
  alice,
  openSession,
}) => {
  const session = await openSession(alice);
  const models = new ModelsPage(session.page);
  const title = buildTitle("Doomed");
  const model = await session.api.createModel(title);
  await models.goto();
  const empty = await models.startDeletingModel(title);
  await expect(empty).toContainText("is empty");
  await empty.getByRole("button", { name: "Cancel" }).click();

  const added = await session.page.request.post(`/api/models/${model.id}/threats`, {
    data: { title: "Replay", category: "spoofing" },
    headers: { origin: new URL(session.page.url()).origin },
  });
  expect(added.status()).toBe(201);
  const holding = await models.startDeletingModel(title);
  await expect(holding).toContainText("what it holds (1 threat)");
  await expect(holding).not.toContainText("diagram");
  await expect(holding).not.toContainText("notes");
});
