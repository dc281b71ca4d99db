import { expect, type Locator, type Page } from "@playwright/test";
import type { AccountInput } from "../support/factories";

/** The sign-up page (/signup): name, email and password. */
export class SignUpPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly name: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Create your account" });
    this.form = page.getByRole("form", { name: "Create account" });
    this.name = this.form.getByRole("textbox", { name: "Name" });
    this.email = this.form.getByRole("textbox", { name: "Email" });
    this.password = this.form.getByLabel("Password", { exact: true });
    this.submit = this.form.getByRole("button", { name: "Create account" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/signup");
    await expect(this.heading).toBeVisible();
  }

  /** Fills every field and submits; does not wait for the outcome. */
  async submitAccount(account: AccountInput): Promise<void> {
    await this.name.fill(account.name);
    await this.email.fill(account.email);
    await this.password.fill(account.password);
    await this.submit.click();
  }
}
