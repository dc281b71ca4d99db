import { expect, type Locator, type Page } from "@playwright/test";

/** The details dialog of one threat, opened from its row or board card. */
export class ThreatDetailsDialog {
  readonly dialog: Locator;
  readonly title: Locator;
  readonly description: Locator;
  readonly status: Locator;
  readonly severity: Locator;
  readonly response: Locator;
  readonly approvedBy: Locator;
  readonly recordAcceptanceButton: Locator;
  readonly bugLink: Locator;
  /** The computed DREAD score and band. */
  readonly score: Locator;
  readonly markReviewedButton: Locator;
  readonly doneButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole("dialog", { name: "Threat details" });
    this.title = this.dialog.getByRole("textbox", { name: "Title", exact: true });
    this.description = this.dialog.getByRole("textbox", { name: "Description", exact: true });
    this.status = this.dialog.getByRole("combobox", { name: "Status", exact: true });
    this.severity = this.dialog.getByRole("combobox", { name: "Severity", exact: true });
    this.response = this.dialog.getByRole("combobox", { name: "Response", exact: true });
    this.approvedBy = this.dialog.getByRole("combobox", { name: "Approved by", exact: true });
    this.recordAcceptanceButton = this.dialog.getByRole("button", { name: "Record acceptance" });
    this.bugLink = this.dialog.getByRole("textbox", { name: "Bug link", exact: true });
    this.score = this.dialog.getByRole("status", { name: "DREAD score" });
    this.markReviewedButton = this.dialog.getByRole("button", { name: "Mark as reviewed" });
    this.doneButton = this.dialog.getByRole("button", { name: "Done" });
  }

  /** The select of one DREAD factor, by its label ("Damage potential", …). */
  factor(label: string): Locator {
    return this.dialog.getByRole("combobox", { name: label, exact: true });
  }

  /** Picks a value for each factor; each is saved as soon as it is picked. */
  async rate(ratings: Record<string, number>): Promise<void> {
    for (const [label, value] of Object.entries(ratings)) {
      await this.factor(label).selectOption(String(value));
    }
  }

  /** Closes with Done (saving text still being typed) and waits for the dialog to go. */
  async close(): Promise<void> {
    await this.doneButton.click();
    await expect(this.dialog).toBeHidden();
  }
}
