import { expect, type Locator, type Page } from "@playwright/test";

/** The Notes tab of a workspace: the shared editor, its toolbar and the decisions list. */
export class NotesPage {
  readonly main: Locator;
  readonly tab: Locator;
  readonly editor: Locator;
  readonly toolbar: Locator;
  readonly readOnlyLabel: Locator;
  readonly mentionMenu: Locator;
  readonly items: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole("main");
    this.tab = this.main.getByRole("tab", { name: "Notes", exact: true });
    this.editor = this.main.getByRole("textbox", { name: "Meeting notes" });
    this.toolbar = this.main.getByRole("toolbar", { name: "Formatting" });
    this.readOnlyLabel = this.main.getByText("Read-only", { exact: true });
    this.mentionMenu = page.getByRole("listbox", { name: "Mention" });
    this.items = this.main.getByRole("list", { name: "Decisions and action items" });
  }

  /** Opens the Notes tab and waits for the editor. */
  async open(): Promise<void> {
    await this.tab.click();
    await expect(this.editor).toBeVisible();
  }

  /** Someone else's caret in the notes, labelled with their name. */
  caretOf(name: string): Locator {
    return this.editor.locator(".collaboration-carets__label", { hasText: name });
  }

  /** A live mention showing this name. */
  mention(name: string): Locator {
    return this.editor.getByRole("button", { name: `#${name}`, exact: true });
  }

  /** Types at the end of the notes. */
  async typeAtEnd(text: string): Promise<void> {
    await this.editor.click();
    await this.page.keyboard.press("Control+End");
    await this.page.keyboard.type(text);
  }

  /** Types `#query` and picks the named option of the mention menu. */
  async mentionByName(query: string, option: string): Promise<void> {
    await this.page.keyboard.type(`#${query}`);
    await expect(this.mentionMenu.getByRole("option", { name: new RegExp(option) })).toBeVisible();
    await this.mentionMenu.getByRole("option", { name: new RegExp(option) }).click();
    await expect(this.mentionMenu).toBeHidden();
  }
}
