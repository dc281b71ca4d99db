import { expect, type Locator, type Page } from "@playwright/test";

/** The owner's Members dialog in the workspace. */
export class MembersDialog {
  readonly dialog: Locator;
  readonly members: Locator;
  readonly addForm: Locator;
  readonly saveButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole("dialog", { name: "Members" });
    this.members = this.dialog.getByRole("list", { name: "Members" });
    this.addForm = this.dialog.getByRole("form", { name: "Add a member" });
    this.saveButton = this.dialog.getByRole("button", { name: "Save changes" });
  }

  /** The role select of a listed member, by name (or email for someone not saved yet). */
  roleOf(nameOrEmail: string): Locator {
    return this.members.getByRole("combobox", { name: `Role of ${nameOrEmail}`, exact: true });
  }

  /** Adds a row for an account by email with a role label ("Editor", "Viewer", …). */
  async addMember(email: string, roleLabel: string): Promise<void> {
    await this.addForm.getByRole("textbox", { name: "Email" }).fill(email);
    await this.addForm.getByRole("combobox", { name: "Role", exact: true }).selectOption({
      label: roleLabel,
    });
    await this.addForm.getByRole("button", { name: "Add" }).click();
    await expect(this.roleOf(email)).toHaveValue(roleLabel.toLowerCase());
  }

  async save(): Promise<void> {
    await this.saveButton.click();
    await expect(this.dialog).toBeHidden();
  }
}
