import { ModelsPage } from "./pages/models-page";
import { WorkspacePage } from "./pages/workspace-page";
import { buildAccount, buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

test.describe("models page", () => {
  test("creates, lists, renames and deletes a model, with the empty state before and after", async ({
    openNewAccountSession,
  }) => {
    // A new account, so that the list holds only what this test creates.
    const { page } = await openNewAccountSession(buildAccount({ name: "Mia Models" }));
    const models = new ModelsPage(page);
    const title = buildTitle("Payments API");
    const newTitle = buildTitle("Payments API v2");

    await test.step("a new account sees the empty state", async () => {
      await models.goto();
      await expect(models.emptyState).toBeVisible();
      await expect(models.list).toBeHidden();
    });

    await test.step("the create dialog refuses an empty title", async () => {
      await models.newModelButton.click();
      const dialog = page.getByRole("dialog", { name: "New threat model" });
      await dialog.getByRole("button", { name: "Create model" }).click();
      const field = dialog.getByRole("textbox", { name: "Title" });
      await expect(field).toHaveAccessibleDescription("Enter a title.");
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(dialog).toBeHidden();
    });

    await test.step("creating a model opens it", async () => {
      await models.createModel(title);
      const workspace = new WorkspacePage(page);
      await expect(workspace.title).toHaveText(title);
      await workspace.expectConnected();
    });

    await test.step("the model is listed with the Owner role", async () => {
      await models.goto();
      await expect(models.list.getByRole("listitem")).toHaveCount(1);
      await expect(models.row(title)).toContainText("Your role: Owner");
      await expect(models.emptyState).toBeHidden();
    });

    await test.step("renaming it changes the listed title", async () => {
      await models.renameModel(title, newTitle);
      await expect(models.row(newTitle)).toBeVisible();
      await expect(models.row(title)).toHaveCount(0);
      await page.reload();
      await expect(models.row(newTitle)).toBeVisible();
    });

    await test.step("deleting asks first; cancelling keeps the model", async () => {
      const dialog = await models.startDeletingModel(newTitle);
      await expect(dialog).toContainText(newTitle);
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(dialog).toBeHidden();
      await expect(models.row(newTitle)).toBeVisible();
    });

    await test.step("confirming deletes it and the empty state returns", async () => {
      const dialog = await models.startDeletingModel(newTitle);
      await dialog.getByRole("button", { name: "Delete model" }).click();
      await expect(dialog).toBeHidden();
      await expect(models.emptyState).toBeVisible();
      await page.reload();
      await expect(models.emptyState).toBeVisible();
    });
  });
});
