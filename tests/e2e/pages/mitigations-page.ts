import { expect, type Locator, type Page } from "@playwright/test";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The text of a linked threat in a mitigation's list: the STRIDE letter, the category for
 * screen readers, then the title ("S" + "Spoofing: " + title).
 */
export function linkedThreatText(code: string, categoryLabel: string, title: string): RegExp {
  return new RegExp(`^${escapeRegExp(code)}\\s*${escapeRegExp(`${categoryLabel}: ${title}`)}$`);
}

/** The Mitigations tab of the workspace (/models/<id>?tab=mitigations). */
export class MitigationsPage {
  readonly main: Locator;
  readonly threatsTab: Locator;
  readonly tab: Locator;
  readonly panel: Locator;
  readonly mitigations: Locator;
  readonly noMitigations: Locator;
  readonly addForm: Locator;
  readonly newTitle: Locator;
  readonly newControlType: Locator;
  readonly newControlFunction: Locator;
  readonly addButton: Locator;
  readonly filterSummary: Locator;
  readonly clearFiltersButton: Locator;
  readonly matrix: Locator;
  readonly recommendationSubject: Locator;
  readonly recommendations: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.threatsTab = this.main.getByRole("tab", { name: "Threats", exact: true });
    this.tab = this.main.getByRole("tab", { name: "Mitigations", exact: true });
    this.panel = this.main.getByRole("tabpanel", { name: "Mitigations", exact: true });
    this.mitigations = this.panel.getByRole("list", { name: "Mitigations", exact: true });
    this.noMitigations = this.panel.getByRole("heading", { name: "No mitigations yet" });
    this.addForm = this.panel.getByRole("form", { name: "Add a mitigation" });
    this.newTitle = this.addForm.getByRole("textbox", { name: "Mitigation title" });
    this.newControlType = this.addForm.getByRole("combobox", { name: "Control type" });
    this.newControlFunction = this.addForm.getByRole("combobox", { name: "Control function" });
    this.addButton = this.addForm.getByRole("button", { name: "Add mitigation" });
    this.filterSummary = this.panel.getByRole("status").filter({ hasText: /^Showing / });
    this.clearFiltersButton = this.panel.getByRole("button", { name: "Clear filters" });
    this.matrix = this.panel.getByRole("table", { name: /control function .* control type/ });
    this.recommendationSubject = this.panel.getByRole("combobox", {
      name: "Recommend controls for",
    });
    this.recommendations = this.panel.getByRole("list", { name: "Recommended controls" });
  }

  /** Opens the model straight on the Mitigations tab. */
  async goto(modelId: string): Promise<void> {
    await this.page.goto(`/models/${encodeURIComponent(modelId)}?tab=mitigations`);
  }

  /** Switches to the Mitigations tab with a click and waits until its panel shows. */
  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.tab).toHaveAttribute("aria-selected", "true");
    await expect(this.panel).toBeVisible();
  }

  /** The list item of the mitigation with this exact title. */
  mitigation(title: string): Locator {
    return this.mitigations.getByRole("listitem", { name: title, exact: true });
  }

  /** The threats shown as linked to a mitigation. */
  linkedThreats(title: string): Locator {
    return this.panel.getByRole("list", { name: `Threats linked to ${title}`, exact: true });
  }

  /** A cell of the type x function matrix, e.g. ("Technical", "preventive"). */
  matrixCell(typeLabel: string, functionWord: string): Locator {
    return this.matrix.getByRole("button", {
      name: new RegExp(`^${escapeRegExp(`${typeLabel} ${functionWord}:`)}`),
    });
  }

  detailsButtonOf(title: string): Locator {
    return this.panel.getByRole("button", { name: `Details of ${title}`, exact: true });
  }

  linkButtonOf(title: string): Locator {
    return this.panel.getByRole("button", { name: `Link threats to ${title}`, exact: true });
  }

  deleteButtonOf(title: string): Locator {
    return this.panel.getByRole("button", { name: `Delete mitigation ${title}`, exact: true });
  }

  editTitleButtonOf(title: string): Locator {
    return this.panel.getByRole("button", { name: `Edit title of ${title}`, exact: true });
  }

  /** A select of a mitigation's details ("Status", "Owner", "Cost", …); details must be open. */
  fieldOf(field: string, title: string): Locator {
    return this.panel.getByRole("combobox", { name: `${field} of ${title}`, exact: true });
  }

  /** Records a mitigation with a control type and function label ("Technical", "Preventive"). */
  async addMitigation(title: string, typeLabel: string, functionLabel: string): Promise<void> {
    await this.newTitle.fill(title);
    await this.newControlType.selectOption({ label: typeLabel });
    await this.newControlFunction.selectOption({ label: functionLabel });
    await this.addButton.click();
    await expect(this.mitigation(title)).toBeVisible();
    await expect(this.newTitle).toHaveValue("");
  }

  /** Links threats through the "Link threats" dialog, finding each with the search field. */
  async linkThreats(title: string, threatTitles: readonly string[]): Promise<void> {
    await this.linkButtonOf(title).click();
    const dialog = this.page.getByRole("dialog", { name: "Link threats" });
    await expect(dialog).toContainText(title);
    const search = dialog.getByRole("searchbox", { name: "Search threats" });
    for (const threatTitle of threatTitles) {
      await search.fill(threatTitle);
      const checkbox = dialog.getByRole("checkbox", { name: threatTitle, exact: true });
      await checkbox.check();
      await expect(checkbox).toBeChecked();
    }
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(dialog).toBeHidden();
  }

  /** Renames a mitigation in place: edit button, type, Enter. */
  async renameMitigation(title: string, newTitle: string): Promise<void> {
    await this.editTitleButtonOf(title).click();
    const field = this.mitigations.getByRole("textbox", { name: "Mitigation title" });
    await field.fill(newTitle);
    await field.press("Enter");
    await expect(this.mitigation(newTitle)).toBeVisible();
  }

  /** Deletes a mitigation through its button and the confirmation dialog. */
  async deleteMitigation(title: string): Promise<void> {
    await this.deleteButtonOf(title).click();
    const dialog = this.page.getByRole("dialog", { name: "Delete mitigation?" });
    await expect(dialog).toContainText(title);
    await dialog.getByRole("button", { name: "Delete mitigation" }).click();
    await expect(dialog).toBeHidden();
  }
}
