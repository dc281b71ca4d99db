import type { Page } from "@playwright/test";
import { ThreatRoomApi } from "./support/api";
import { buildAccount, buildTitle, uniqueSuffix } from "./support/factories";
import { expect, test } from "./support/fixtures";
import {
  startOidcProvider,
  type ProviderAccount,
  type RunningProvider,
} from "./support/oidc-provider";
import { E2E_OIDC_ISSUER, E2E_OIDC_NAME } from "./support/oidc-settings";

let provider: RunningProvider;

test.beforeAll(async ({ appOrigin }) => {
  provider = await startOidcProvider(appOrigin);
});
test.afterAll(async () => {
  await provider.close();
});

function providerAccount(overrides: Partial<ProviderAccount> = {}): ProviderAccount {
  const suffix = uniqueSuffix();
  const account = {
    login: `sso-${suffix}`,
    email: `sso-${suffix}@example.test`,
    name: "Sasha Single",
    emailVerified: true,
    ...overrides,
  };
  provider.addAccount(account);
  return account;
}

/** Starts single sign-on from the app's sign-in page and signs in at the provider. */
async function signInAtProvider(page: Page, account: ProviderAccount): Promise<void> {
  await page.goto("/signin");
  await page.getByRole("button", { name: `Sign in with ${E2E_OIDC_NAME}` }).click();
  await page.waitForURL(`${E2E_OIDC_ISSUER}/**`);
  await page.locator('input[name="login"]').fill(account.login);
  await page.locator('input[name="password"]').fill("any password: the provider's test login");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // The consent page, the first time this account meets the app.
  const consent = page.getByRole("button", { name: "Continue" });
  if (await consent.isVisible().catch(() => false)) await consent.click();
}

async function currentUser(page: Page) {
  const answer = await page.request.get("/api/users/me");
  return {
    status: answer.status(),
    body: answer.ok()
      ? ((await answer.json()) as { user: { id: string; email: string; emailVerified: boolean } })
      : null,
  };
}

test("a first sign-in with PKCE and state creates the account, its address verified", async ({
  page,
}) => {
  const account = providerAccount({ name: "Ada Firstcomer" });
  const before = provider.authorizationRequests.length;
  await signInAtProvider(page, account);
  await page.waitForURL("**/models");
  await expect(page.getByText("Ada Firstcomer")).toBeVisible();

  const request = provider.authorizationRequests.at(before);
  expect(request?.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(request?.searchParams.get("code_challenge_method")).toBe("S256");
  expect(request?.searchParams.get("state")).toBeTruthy();

  const me = await currentUser(page);
  expect(me.status).toBe(200);
  expect(me.body?.user.email).toBe(account.email);
  expect(me.body?.user.emailVerified).toBe(true);
  // A verified address: no request to confirm it.
  await expect(page.getByText("Confirm your email address", { exact: true })).toBeHidden();
});

test("a verified email links the sign-in to the existing account", async ({
  browser,
  baseURL,
  appOrigin,
}) => {
  const existing = buildAccount({ name: "Lin Linked" });
  const passwordContext = await browser.newContext({ baseURL });
  const api = new ThreatRoomApi(passwordContext.request, appOrigin);
  const user = await api.createUser(existing);
  await api.signIn(existing);
  const title = buildTitle("Linked model");
  await api.createModel(title);
  await passwordContext.close();

  const account = providerAccount({ email: existing.email, name: "Lin at the provider" });
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signInAtProvider(page, account);
  await page.waitForURL("**/models");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  const me = await currentUser(page);
  expect(me.body?.user.id).toBe(user.id);
  await context.close();
});

test("an unverified email is refused and no session is made", async ({ page }) => {
  const account = providerAccount({ emailVerified: false, name: "Una Unverified" });
  await signInAtProvider(page, account);
  await page.waitForURL(/\/signin\?/);
  await expect(
    page.getByText("Single sign-on was refused: your provider must confirm"),
  ).toBeVisible();
  expect((await currentUser(page)).status).toBe(401);
});

test("a tampered state is refused and no session is made", async ({ page }) => {
  const account = providerAccount({ name: "Tess Tampered" });
  const callbackPath = "/api/auth/callback/oidc";
  let tampered = 0;
  // The browser reaches the app's callback through the provider's redirects, which routes do
  // not see; so the form posts at the provider are followed here, and the redirect that would
  // lead to the callback is answered with one whose state was changed.
  await page.route(
    (url) => url.origin === E2E_OIDC_ISSUER && url.pathname.startsWith("/interaction/"),
    async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      let response = await route.fetch({ maxRedirects: 0 });
      let location = response.headers()["location"];
      for (let hop = 0; location && hop < 5; hop += 1) {
        const next = new URL(location, E2E_OIDC_ISSUER);
        if (next.pathname === callbackPath && next.searchParams.has("state")) {
          next.searchParams.set("state", `${next.searchParams.get("state") ?? ""}x`);
          tampered += 1;
          return route.fulfill({ status: 302, headers: { location: next.toString() } });
        }
        if (next.origin !== E2E_OIDC_ISSUER || next.pathname.startsWith("/interaction/")) break;
        response = await page.context().request.get(next.toString(), { maxRedirects: 0 });
        location = response.headers()["location"];
      }
      return route.fulfill({
        status: 302,
        headers: { location: new URL(location ?? "/", E2E_OIDC_ISSUER).toString() },
      });
    },
  );
  await signInAtProvider(page, account);
  await page.waitForURL(/\/signin\?/);
  expect(tampered).toBe(1);
  await expect(page.getByText("Single sign-on could not be completed")).toBeVisible();
  expect((await currentUser(page)).status).toBe(401);
});
