import { ThreatRoomApi } from "./support/api";
import { buildAccount } from "./support/factories";
import { expect, test } from "./support/fixtures";
import { E2E_RULE_SET_ADMIN_EMAIL } from "./support/rule-set-admin";

test("an administrator reads the audit trail and verifies its chain; others are told it is not for them", async ({
  browser,
  baseURL,
  appOrigin,
  openNewAccountSession,
}) => {
  const context = await browser.newContext({ baseURL });
  try {
    const api = new ThreatRoomApi(context.request, appOrigin);
    const admin = buildAccount({ name: "Rita Rules", email: E2E_RULE_SET_ADMIN_EMAIL });
    // The account may exist already (created by another spec of this run).
    await api.createUser(admin).catch(() => null);
    await api.signIn(admin);
    const page = await context.newPage();
    await page.goto("/settings/account");
    await page.getByRole("link", { name: "Open the audit trail" }).click();
    await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Audit trail" })).toContainText("user.signed-up");
    await page.getByRole("button", { name: "Verify chain" }).click();
    await expect(page.getByText("The chain is intact")).toBeVisible();
  } finally {
    await context.close();
  }

  const { page } = await openNewAccountSession();
  await page.goto("/settings/audit");
  await expect(page.getByText("Only administrators see the audit trail")).toBeVisible();
});
