import { expect, type Locator, type Page } from "@playwright/test";

/** The models page (/models): the user's threat models with create, rename and delete. */
export class ModelsPage {
  readonly heading: Locator;
  readonly list: Locator;
  readonly emptyState: Locator;
  readonly newModelButton: Locator;
  readonly loading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Threat models", level: 1 });
    this.list = page.getByRole("list", { name: "Threat models" });
    this.emptyState = page.getByRole("heading", { name: "No threat models yet" });
    this.newModelButton = page.getByRole("button", { name: "New model" });
    this.loading = page.getByRole("status").filter({ hasText: "Loading your models" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/models");
    await expect(this.heading).toBeVisible();
    await expect(this.loading).toBeHidden();
  }

  /** The row of the model with this exact title. */
  row(title: string): Locator {
    return this.list
      .getByRole("listitem")
      .filter({ has: this.page.getByRole("link", { name: title, exact: true }) });
  }

  /** Creates a model through the dialog; the app then opens it. Returns the new model's id. */
  async createModel(title: string): Promise<string> {
    await this.newModelButton.click();
    const dialog = this.page.getByRole("dialog", { name: "New threat model" });
    await dialog.getByRole("textbox", { name: "Title" }).fill(title);
    await dialog.getByRole("button", { name: "Create model" }).click();
    await expect(dialog).toBeHidden();
    await this.page.waitForURL(/\/models\/[^/]+$/);
    const id = new URL(this.page.url()).pathname.split("/").pop();
    if (!id) throw new Error(`No model id in ${this.page.url()}`);
    return decodeURIComponent(id);
  }

  /** Renames a model through its row's Rename button and the dialog. */
  async renameModel(title: string, newTitle: string): Promise<void> {
    await this.list.getByRole("button", { name: `Rename ${title}`, exact: true }).click();
    const dialog = this.page.getByRole("dialog", { name: "Rename model" });
    const field = dialog.getByRole("textbox", { name: "Title" });
    await expect(field).toHaveValue(title);
    await field.fill(newTitle);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
  }

  /** Opens the delete confirmation of a model; returns the dialog. */
  async startDeletingModel(title: string): Promise<Locator> {
    await this.list.getByRole("button", { name: `Delete ${title}`, exact: true }).click();
    const dialog = this.page.getByRole("dialog", { name: "Delete model?" });
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
