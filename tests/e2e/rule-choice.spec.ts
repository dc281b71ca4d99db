import { ModelRuleSetsSection } from "./pages/model-rule-sets";
import { RuleSetsPage } from "./pages/rule-sets-page";
import { WorkspacePage } from "./pages/workspace-page";
import { pushUpdatePastTheUi } from "./support/collab-probe";
import { buildDiagramUpdate } from "./support/diagram-factory";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

test.describe("rule sets chosen per model", () => {
  test("a model turns a rule set off, generation respects it, and agreeing rules make one threat", async ({
    alice,
    bob,
    openSession,
  }) => {
    const owner = await openSession(alice);
    const viewer = await openSession(bob);
    const model = await owner.api.createSharedModel(buildTitle("Card checkout"), [
      { email: bob.user.email, role: "viewer" },
    ]);
    const ownerRoom = new WorkspacePage(owner.page);
    const viewerRoom = new WorkspacePage(viewer.page);
    await ownerRoom.open(model.id);
    await viewerRoom.open(model.id);
    const entity = buildTitle("Card holder");
    await pushUpdatePastTheUi(owner.page, {
      modelId: model.id,
      update: buildDiagramUpdate({
        externalEntity: entity,
        process: "Payments API",
        dataStore: "Ledger",
        trustBoundary: "Data center",
      }),
    });
    const ownerSettings = new ModelRuleSetsSection(owner.page);
    const viewerSettings = new ModelRuleSetsSection(viewer.page);
    // "Card details" crosses the boundary: STRIDE per element and STRIDE per interaction both
    // say it could be interrupted.
    const interrupted = "Card details could be interrupted";
    const perElementOnly = `${entity} could be impersonated`;
    const perInteraction = `${entity} could be impersonated when calling Payments API`;

    await test.step("the owner turns STRIDE per element off for this model", async () => {
      await ownerSettings.open();
      const perElement = ownerSettings.ruleSet("STRIDE per element");
      await expect(perElement).toBeChecked();
      await expect(perElement).toBeEnabled();
      await perElement.uncheck();
      await expect(perElement).not.toBeChecked();
      await expect(ownerSettings.region.getByText("Chosen for this model")).toBeVisible();
      await expect(ownerSettings.useDefaultsButton).toBeVisible();
    });

    await test.step("the viewer sees the choice live, read-only", async () => {
      await viewerSettings.open();
      const perElement = viewerSettings.ruleSet("STRIDE per element");
      await expect(perElement).not.toBeChecked();
      await expect(perElement).toBeDisabled();
      await expect(viewerSettings.ruleSet("STRIDE per interaction")).toBeChecked();
      await expect(viewerSettings.useDefaultsButton).toBeHidden();
    });

    await test.step("generation leaves the set that is off out", async () => {
      await owner.page.getByRole("main").getByRole("tab", { name: "Threats" }).click();
      await ownerRoom.generateThreatsButton.click();
      await expect(
        owner.page.getByText(/^Added \d+ threats; 0 already listed; 0 flagged for review$/),
      ).toBeVisible();
      await expect(ownerRoom.threat(perInteraction)).toBeVisible();
      await expect(ownerRoom.threat(interrupted)).toHaveCount(1);
      await expect(ownerRoom.threat(perElementOnly)).toHaveCount(0);
    });

    await test.step("turned back on, both sets agree on one denial-of-service threat", async () => {
      await ownerSettings.open();
      await ownerSettings.ruleSet("STRIDE per element").check();
      await owner.page.getByRole("main").getByRole("tab", { name: "Threats" }).click();
      await ownerRoom.generateThreatsButton.click();
      await expect(
        owner.page.getByText(/^Added \d+ threats; [1-9]\d* already listed; 0 flagged for review$/),
      ).toBeVisible();
      await expect(ownerRoom.threat(perElementOnly)).toBeVisible();
      await expect(ownerRoom.threat(interrupted)).toHaveCount(1);
    });

    await test.step("the threat names both rules by name, not by id", async () => {
      const details = await ownerRoom.openDetails(interrupted);
      await expect(
        details.dialog.getByText(
          "From rules: “[data flow] could be interrupted” (STRIDE per interaction), “[data flow] could be interrupted” (STRIDE per element)",
        ),
      ).toBeVisible();
      await expect(details.dialog).not.toContainText("deny-data-flow");
      await expect(details.dialog).not.toContainText("deny-flow-interrupted-crossing");
      await details.doneButton.click();
    });

    await test.step("the rule sets page shows names and conditions in words", async () => {
      const ruleSets = new RuleSetsPage(owner.page);
      await ruleSets.goto();
      await ruleSets.showRules("STRIDE per interaction");
      const row = ruleSets.rule("STRIDE per interaction", "[data flow] could be interrupted");
      await expect(row).toContainText("if the flow crosses a trust boundary");
      const table = ruleSets.rules("STRIDE per interaction");
      await expect(table).not.toContainText("deny-flow-interrupted-crossing");
      await expect(table).not.toContainText("flow.authenticated");
      const impersonated = ruleSets.rule(
        "STRIDE per interaction",
        "[source] could be impersonated when calling [target]",
      );
      await expect(impersonated).toContainText(
        "if the source is an external entity and the target is a process",
      );
      await expect(impersonated).toContainText(
        "unless the source's authentication is filled in or the flow is authenticated",
      );
    });
  });
});
