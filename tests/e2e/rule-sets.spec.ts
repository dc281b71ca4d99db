import type { APIRequestContext } from "@playwright/test";
import { RuleSetsPage } from "./pages/rule-sets-page";
import { WorkspacePage } from "./pages/workspace-page";
import { ThreatRoomApi } from "./support/api";
import { pushUpdatePastTheUi } from "./support/collab-probe";
import { buildDiagramUpdate } from "./support/diagram-factory";
import { buildAccount, buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";
import { E2E_RULE_SET_ADMIN_EMAIL } from "./support/rule-set-admin";

/** Signs the rule-set administrator in on this context, creating the account once per run. */
async function signInAdministrator(api: ThreatRoomApi): Promise<void> {
  const account = buildAccount({ name: "Rita Rules", email: E2E_RULE_SET_ADMIN_EMAIL });
  // The account survives a retry within the run: create it only once.
  await api.createUser(account).catch(() => null);
  await api.signIn(account);
}

/** Creates an organisation rule set without rules through the API. */
async function createEmptyRuleSet(
  request: APIRequestContext,
  appOrigin: string,
  name: string,
): Promise<void> {
  const created = await request.post("/api/rule-sets", {
    headers: { origin: appOrigin },
    data: { name, rules: [] },
  });
  expect(created.status()).toBe(201);
}

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
      await signInAdministrator(api);

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
          name: "Rule “[external entity] card data skimmed” enabled",
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

  test("an administrator adds a rule with the builder, generation uses it, then deletes it", async ({
    browser,
    baseURL,
    appOrigin,
  }) => {
    const context = await browser.newContext({ baseURL });
    try {
      const page = await context.newPage();
      const api = new ThreatRoomApi(context.request, appOrigin);
      await signInAdministrator(api);
      const setName = buildTitle("Builder rules");
      await createEmptyRuleSet(context.request, appOrigin, setName);
      const ruleSets = new RuleSetsPage(page);
      const title = "Spoofing of {source.name} over unauthenticated flows";
      // The rule's name: its title with the placeholders in words.
      const name = "Spoofing of [source] over unauthenticated flows";

      await test.step("the administrator builds the rule; a missing title is refused", async () => {
        await ruleSets.goto();
        const dialog = await ruleSets.openAddRule(setName);
        await dialog.submitButton.click();
        await expect(dialog.dialog.getByText("Enter a title.")).toBeVisible();

        await dialog.titleField.fill(title);
        await expect(dialog.dialog.getByText("{source.name}").first()).toBeVisible();
        await dialog.category.selectOption({ label: "Spoofing" });
        await dialog.kind("Source kinds", "External entity").check();
        await dialog.exclusion("the data flow is authenticated").check();
        await dialog.submitButton.click();
        await expect(dialog.dialog).toBeHidden();

        await ruleSets.showRules(setName);
        const row = ruleSets.rule(setName, name);
        await expect(row).toContainText("if the source is an external entity");
        await expect(row).toContainText("unless the flow is authenticated");
      });

      await test.step("generation in a model produces a threat from the new rule", async () => {
        const model = await api.createModel(buildTitle("Builder"));
        const room = new WorkspacePage(page);
        await room.open(model.id);
        const entity = buildTitle("Courier");
        await pushUpdatePastTheUi(page, {
          modelId: model.id,
          update: buildDiagramUpdate({
            externalEntity: entity,
            process: "Depot",
            dataStore: "Log",
          }),
        });
        await room.generateThreatsButton.click();
        await expect(room.threat(`Spoofing of ${entity} over unauthenticated flows`)).toBeVisible();
        // The process is a source too, but not of a kind the rule asks for.
        await expect(room.threat("Spoofing of Depot over unauthenticated flows")).toHaveCount(0);
      });

      await test.step("the administrator deletes the rule after confirming", async () => {
        await ruleSets.goto();
        await ruleSets.showRules(setName);
        await ruleSets
          .card(setName)
          .getByRole("button", { name: `Delete rule “${name}”` })
          .click();
        const confirm = page.getByRole("dialog", { name: "Delete rule?" });
        await confirm.getByRole("button", { name: "Delete rule" }).click();
        await expect(confirm).toBeHidden();
        await expect(ruleSets.card(setName).getByText("No rules yet.")).toBeVisible();
        await expect(ruleSets.card(setName).getByText("0 rules")).toBeVisible();
      });
    } finally {
      await context.close();
    }
  });
});
