import { expect, type Locator, type Page } from "@playwright/test";

/** The rule dialog of a rule set card ("Add rule" or "Edit rule"). */
export class RuleDialog {
  readonly dialog: Locator;
  readonly titleField: Locator;
  readonly category: Locator;
  readonly submitButton: Locator;

  constructor(page: Page, heading: "Add rule" | "Edit rule") {
    this.dialog = page.getByRole("dialog", { name: heading });
    this.titleField = this.dialog.getByRole("textbox", { name: "Title" });
    this.category = this.dialog.getByRole("combobox", { name: "STRIDE category" });
    this.submitButton = this.dialog.getByRole("button", {
      name: heading === "Add rule" ? "Add rule" : "Save rule",
      exact: true,
    });
  }

  /** A kind checkbox in the "Source kinds", "Target kinds" or "Element kinds" group. */
  kind(group: string, kindLabel: string): Locator {
    return this.dialog
      .getByRole("group", { name: group })
      .getByRole("checkbox", { name: kindLabel, exact: true });
  }

  /** An "unless" exclusion, e.g. "the data flow is authenticated". */
  exclusion(label: string): Locator {
    return this.dialog
      .getByRole("group", { name: "Unless" })
      .getByRole("checkbox", { name: label, exact: true });
  }
}

/** The rule sets page (/settings/rule-sets). */
export class RuleSetsPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/settings/rule-sets");
  }

  /** The card of a rule set, by name. */
  card(name: string): Locator {
    return this.page.getByRole("region", { name, exact: true });
  }

  /** Unfolds the rules table of a set. */
  async showRules(name: string): Promise<void> {
    await this.card(name).getByText(`Show rules of ${name}`).click();
  }

  /** The rules table of a set. */
  rules(name: string): Locator {
    return this.card(name).getByRole("table", { name: `Rules of ${name}` });
  }

  /** The row of a rule, by its name (its title with the placeholders in words). */
  rule(setName: string, name: string): Locator {
    return this.rules(setName)
      .getByRole("row")
      .filter({
        has: this.page.getByRole("rowheader").filter({ hasText: name }),
      });
  }

  async openAddRule(setName: string): Promise<RuleDialog> {
    await this.card(setName).getByRole("button", { name: "Add rule", exact: true }).click();
    const dialog = new RuleDialog(this.page, "Add rule");
    await expect(dialog.dialog).toBeVisible();
    return dialog;
  }
}
