import { WorkspacePage } from "./pages/workspace-page";
import { ThreatRoomApi } from "./support/api";
import { pushUpdatePastTheUi } from "./support/collab-probe";
import { buildDiagramUpdate } from "./support/diagram-factory";
import { buildAccount, buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";
import { E2E_RULE_SET_ADMIN_EMAIL } from "./support/rule-set-admin";

test.describe("organisation rule sets", () => {
  test("an administrator disables a rule and generation skips it", async ({
    browser,
    baseURL,
    appOrigin,
    bob,
    openSession,
  }) => {
    const context = await browser.newContext({ baseURL });
    try {
      const page = await context.newPage();
      const api = new ThreatRoomApi(context.request, appOrigin);
      const account = buildAccount({ name: "Rita Rules", email: E2E_RULE_SET_ADMIN_EMAIL });
      // The account survives a retry within the run: create it only once.
      await api.createUser(account).catch(() => null);
      await api.signIn(account);

      const setName = buildTitle("Card rules");
      const rule = (id: string, title: string) => ({
        id,
        title,
        description: "",
        category: "information-disclosure",
        scope: { kind: "element", elementKinds: ["external-entity"] },
        include: { op: "always" },
        enabled: true,
      });
      const created = await context.request.post("/api/rule-sets", {
        headers: { origin: appOrigin },
        data: {
          name: setName,
          rules: [
            rule(`skim-${Date.now()}`, "{element.name} card data skimmed"),
            rule(`receipts-${Date.now()}`, "{element.name} receipts leak"),
          ],
        },
      });
      expect(created.status()).toBe(201);

      await test.step("the administrator disables one rule on the rule sets page", async () => {
        await page.goto("/settings/rule-sets");
        const card = page.getByRole("region", { name: setName });
        await card.getByText(`Show rules of ${setName}`).click();
        const toggle = card.getByRole("checkbox", {
          name: "Rule “{element.name} card data skimmed” enabled",
        });
        await expect(toggle).toBeChecked();
        await toggle.click();
        await expect(toggle).not.toBeChecked();
      });

      await test.step("a member without rights sees the set read-only", async () => {
        const member = await openSession(bob);
        await member.page.goto("/settings/rule-sets");
        const card = member.page.getByRole("region", { name: setName });
        await expect(card).toBeVisible();
        await expect(card.getByRole("button", { name: "Delete" })).toBeHidden();
        await expect(member.page.getByRole("button", { name: "New rule set" })).toBeHidden();
      });

      await test.step("generation uses the enabled rule only", async () => {
        const model = await api.createModel(buildTitle("Receipts"));
        const room = new WorkspacePage(page);
        await room.open(model.id);
        const entity = buildTitle("Shopper");
        await pushUpdatePastTheUi(page, {
          modelId: model.id,
          update: buildDiagramUpdate({
            externalEntity: entity,
            process: "Shop",
            dataStore: "Orders",
          }),
        });
        await room.generateThreatsButton.click();
        await expect(room.threat(`${entity} receipts leak`)).toBeVisible();
        await expect(room.threat(`${entity} could be impersonated`)).toBeVisible();
        await expect(room.threat(`${entity} card data skimmed`)).toHaveCount(0);
      });
    } finally {
      await context.close();
    }
  });
});
