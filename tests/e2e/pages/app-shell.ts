import type { Locator, Page } from "@playwright/test";

/** The frame of every signed-in page: who is signed in, and signing out. */
export class AppShell {
  readonly signOutButton: Locator;

  constructor(readonly page: Page) {
    this.signOutButton = page.getByRole("button", { name: "Sign out" });
  }

  /** The avatar naming the signed-in user. */
  signedInAs(name: string): Locator {
    return this.page.getByRole("img", { name: `Signed in as ${name}`, exact: true });
  }
}
