import { expect, type Locator, type Page } from "@playwright/test";
import { MembersDialog } from "./members-dialog";
import { ThreatDetailsDialog } from "./threat-details-dialog";

/** The live workspace of one model (/models/<id>). */
export class WorkspacePage {
  readonly main: Locator;
  readonly title: Locator;
  readonly renameButton: Locator;
  readonly connectionStatus: Locator;
  readonly presence: Locator;
  readonly threats: Locator;
  readonly noThreats: Locator;
  readonly newThreatTitle: Locator;
  readonly newThreatCategory: Locator;
  readonly addThreatButton: Locator;
  readonly membersButton: Locator;
  /** The banner a member without write access sees. */
  readonly readOnlyNotice: Locator;
  /** The danger notice of a connection the server ended (access removed, signed out, …). */
  readonly closedNotice: Locator;
  readonly offlineNotice: Locator;
  readonly notFoundHeading: Locator;
  /** The search box and filters above the threats. */
  readonly threatSearch: Locator;
  readonly threatFinder: Locator;
  readonly sortBy: Locator;
  readonly groupBy: Locator;
  readonly noMatchingThreats: Locator;
  readonly clearFiltersButton: Locator;
  /** The bar above the list that changes several selected threats at once. */
  readonly bulkEdit: Locator;
  readonly threatCount: Locator;
  /** Runs the threat-generation rules over the whole model. */
  readonly generateThreatsButton: Locator;

  constructor(readonly page: Page) {
    // Next's route announcer also has role="alert": look inside <main> only.
    this.main = page.getByRole("main");
    this.title = this.main.getByRole("heading", { level: 1 });
    this.renameButton = this.main.getByRole("button", { name: "Rename model" });
    this.connectionStatus = this.main.getByRole("status", { name: "Connection status" });
    this.presence = this.main.getByRole("list", { name: "People in this model" });
    this.threats = this.main.getByRole("list", { name: "Threats" });
    this.noThreats = this.main.getByRole("heading", { name: "No threats recorded yet" });
    const addForm = this.main.getByRole("form", { name: "Add a threat" });
    this.newThreatTitle = addForm.getByRole("textbox", { name: "Threat title" });
    this.newThreatCategory = addForm.getByRole("combobox", { name: "STRIDE category" });
    this.addThreatButton = addForm.getByRole("button", { name: "Add threat" });
    this.membersButton = this.main.getByRole("button", { name: "Members" });
    this.readOnlyNotice = this.main.getByText(/^Read-only: you are an? /);
    this.closedNotice = this.main.getByRole("alert");
    this.offlineNotice = this.main.getByRole("status").filter({ hasText: "You are offline" });
    this.notFoundHeading = this.main.getByRole("heading", { name: "Model not found", level: 1 });
    this.threatFinder = this.main.getByRole("search", { name: "Find threats" });
    this.threatSearch = this.threatFinder.getByRole("searchbox", { name: "Search threats" });
    this.sortBy = this.threatFinder.getByRole("combobox", { name: "Sort by" });
    this.groupBy = this.threatFinder.getByRole("combobox", { name: "Group by" });
    this.noMatchingThreats = this.main.getByRole("heading", {
      name: "No threats match the filters",
    });
    this.clearFiltersButton = this.main.getByRole("button", { name: "Clear filters" });
    this.bulkEdit = this.main.getByRole("group", { name: "Bulk edit" });
    this.generateThreatsButton = this.main.getByRole("button", { name: "Generate threats" });
    this.threatCount = this.main
      .getByRole("region", { name: "Threats" })
      .getByText(/^\d+ (of \d+ )?threats?( shown)?$/);
  }

  /** A filter above the list by what it filters: "category", "status", "severity", "review". */
  filterBy(
    what: "category" | "status" | "severity" | "review" | "diagram" | "element or flow",
  ): Locator {
    return this.threatFinder.getByRole("combobox", { name: `Filter by ${what}` });
  }

  /** The List / Board switch. */
  viewButton(view: "List" | "Board"): Locator {
    return this.threatFinder.getByRole("button", { name: view, exact: true });
  }

  /** The section list of a group ("Spoofing threats") when the list is grouped. */
  threatGroup(label: string): Locator {
    return this.main.getByRole("list", { name: `${label} threats`, exact: true });
  }

  /** A column of the board ("Open", "Mitigated", …). */
  boardColumn(label: string): Locator {
    return this.main.getByRole("list", { name: label, exact: true });
  }

  /** Checks the rows of the (ungrouped) list show exactly these titles, in this order. */
  async expectThreatOrder(titles: readonly string[]): Promise<void> {
    const rows = this.threats.getByRole("listitem");
    await expect(rows).toHaveCount(titles.length);
    for (const [index, title] of titles.entries()) {
      await expect(rows.nth(index)).toHaveAccessibleName(title);
    }
  }

  selectCheckboxOf(title: string): Locator {
    return this.main.getByRole("checkbox", { name: `Select ${title}`, exact: true });
  }

  detailsButtonOf(title: string): Locator {
    return this.main.getByRole("button", { name: `Details of ${title}`, exact: true });
  }

  /** Opens the details dialog of a threat with its Details button. */
  async openDetails(title: string): Promise<ThreatDetailsDialog> {
    await this.detailsButtonOf(title).click();
    const details = new ThreatDetailsDialog(this.page);
    await expect(details.dialog).toBeVisible();
    await expect(details.dialog).toHaveAccessibleDescription(title);
    return details;
  }

  async goto(modelId: string): Promise<void> {
    await this.page.goto(`/models/${encodeURIComponent(modelId)}?tab=threats`);
  }

  /** Opens the model and waits until its document is live. */
  async open(modelId: string): Promise<void> {
    await this.goto(modelId);
    await this.expectConnected();
  }

  async expectConnected(): Promise<void> {
    await expect(this.connectionStatus).toHaveText("Connected");
  }

  /** Someone's avatar in the presence list ("Name (you)" for the signed-in user). */
  participant(name: string): Locator {
    return this.presence.getByRole("img", { name, exact: true });
  }

  /** The list item of the threat with this exact title. */
  threat(title: string): Locator {
    return this.threats.getByRole("listitem", { name: title, exact: true });
  }

  statusOf(title: string): Locator {
    return this.main.getByRole("combobox", { name: `Status of ${title}`, exact: true });
  }

  categoryOf(title: string): Locator {
    return this.main.getByRole("combobox", { name: `Category of ${title}`, exact: true });
  }

  editTitleButtonOf(title: string): Locator {
    return this.main.getByRole("button", { name: `Edit title of ${title}`, exact: true });
  }

  deleteButtonOf(title: string): Locator {
    return this.main.getByRole("button", { name: `Delete threat ${title}`, exact: true });
  }

  /** Records a threat through the add form, with a STRIDE category label ("Tampering"). */
  async addThreat(title: string, categoryLabel: string): Promise<void> {
    await this.newThreatTitle.fill(title);
    await this.newThreatCategory.selectOption({ label: categoryLabel });
    await this.addThreatButton.click();
    await expect(this.threat(title)).toBeVisible();
    await expect(this.newThreatTitle).toHaveValue("");
  }

  /** Renames a threat in place: edit button, type, Enter. */
  async renameThreat(title: string, newTitle: string): Promise<void> {
    await this.editTitleButtonOf(title).click();
    const field = this.threats.getByRole("textbox", { name: "Threat title" });
    await field.fill(newTitle);
    await field.press("Enter");
    await expect(this.threat(newTitle)).toBeVisible();
  }

  async setStatus(title: string, statusLabel: string): Promise<void> {
    await this.statusOf(title).selectOption({ label: statusLabel });
  }

  /** Deletes a threat through its button and the confirmation dialog. */
  async deleteThreat(title: string): Promise<void> {
    await this.deleteButtonOf(title).click();
    const dialog = this.page.getByRole("dialog", { name: "Delete threat?" });
    await expect(dialog).toContainText(title);
    await dialog.getByRole("button", { name: "Delete threat" }).click();
    await expect(dialog).toBeHidden();
  }

  /** Renames the model in the header: edit button, type, Enter. */
  async renameModel(newTitle: string): Promise<void> {
    await this.renameButton.click();
    const field = this.main.getByRole("textbox", { name: "Model title" });
    await field.fill(newTitle);
    await field.press("Enter");
    await expect(this.title).toHaveText(newTitle);
  }

  async openMembers(): Promise<MembersDialog> {
    await this.membersButton.click();
    const dialog = new MembersDialog(this.page);
    await expect(dialog.members).toBeVisible();
    return dialog;
  }
}
