import { expect, type Locator, type Page } from "@playwright/test";

/** The inbox page (/inbox) and the Inbox link of the main navigation with its unread badge. */
export class InboxPage {
  readonly heading: Locator;
  /** The navigation's Inbox link: named "Inbox", or "Inbox, 3 unread" with its badge. */
  readonly navLink: Locator;
  readonly grid: Locator;
  readonly filters: Locator;
  readonly emptyHeading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Inbox", level: 1 });
    this.navLink = page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: /^Inbox\b/ });
    this.grid = page.getByRole("grid", { name: "Inbox" });
    this.filters = page.getByRole("navigation", { name: "Inbox filters" });
    this.emptyHeading = page.getByRole("heading", { name: "Nothing here" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/inbox");
    await expect(this.heading).toBeVisible();
  }

  /** The row of an item, by its thread's subject. */
  row(subject: string): Locator {
    return this.grid.getByRole("row").filter({ hasText: subject });
  }

  /** A filter tab: "All", "Unread", "Mentions", "Reviews", "Archived". */
  filter(label: string): Locator {
    return this.filters.getByRole("link", { name: label, exact: true });
  }

  /** Checks the navigation's badge: none for 0, else the count in the link's name and text. */
  async expectUnreadBadge(count: number): Promise<void> {
    if (count === 0) {
      await expect(this.navLink).toHaveAccessibleName("Inbox");
      return;
    }
    await expect(this.navLink).toHaveAccessibleName(`Inbox, ${count} unread`);
    await expect(this.navLink).toHaveText(`Inbox${count}`);
  }
}
