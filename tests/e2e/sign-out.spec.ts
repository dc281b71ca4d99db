import { ThreatRoomApi } from "./support/api";
import { buildAccount } from "./support/factories";
import { expect, test } from "./support/fixtures";

test("signing out ends the session on the server: the old cookie no longer works", async ({
  playwright,
  appOrigin,
}) => {
  const browserLike = await playwright.request.newContext({ baseURL: appOrigin });
  const api = new ThreatRoomApi(browserLike, appOrigin);
  const account = buildAccount({ name: "Olle Outgoing" });
  await api.createUser(account);
  await api.signIn(account);
  // What someone who copied the cookie keeps.
  const state = await browserLike.storageState();
  const copied = state.cookies.filter((cookie) => cookie.name.includes("session-token"));
  expect(copied.length).toBeGreaterThan(0);

  await api.signOut();

  const thief = await playwright.request.newContext({
    baseURL: appOrigin,
    storageState: { cookies: copied, origins: [] },
  });
  const answer = await thief.get("/api/users/me");
  expect(answer.status()).toBe(401);
  await thief.dispose();
  await browserLike.dispose();
});

test("changing the password on the account page signs the other browsers out", async ({
  browser,
  baseURL,
  appOrigin,
}) => {
  const account = buildAccount({ name: "Pia Password" });
  const here = await browser.newContext({ baseURL });
  const elsewhere = await browser.newContext({ baseURL });
  try {
    const api = new ThreatRoomApi(here.request, appOrigin);
    await api.createUser(account);
    await api.signIn(account);
    await new ThreatRoomApi(elsewhere.request, appOrigin).signIn(account);

    const page = await here.newPage();
    await page.goto("/settings/account");
    await expect(page.getByText("Confirmed", { exact: true })).toBeVisible();
    await page.getByLabel("Current password").fill("not the password");
    await page.getByLabel("New password").fill("a fresh passphrase for pia");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("This is not your current password")).toBeVisible();

    await page.getByLabel("Current password").fill(account.password);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(
      page.getByText("Your password was changed, and 1 other session was signed out."),
    ).toBeVisible();

    expect((await elsewhere.request.get("/api/users/me")).status()).toBe(401);
    expect((await here.request.get("/api/users/me")).status()).toBe(200);
    const other = await elsewhere.newPage();
    await other.goto("/models");
    await other.waitForURL(/\/signin/);
  } finally {
    await here.close();
    await elsewhere.close();
  }
});
