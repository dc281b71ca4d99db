import { expect, type Locator, type Page } from "@playwright/test";

/** The sign-in page (/signin): email and password form. */
export class SignInPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  /** The form-level error (wrong password, rate limit). */
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Sign in to your account" });
    this.form = page.getByRole("form", { name: "Sign in" });
    this.email = this.form.getByRole("textbox", { name: "Email" });
    // A password input has no ARIA role; its label is how a user finds it.
    this.password = this.form.getByLabel("Password", { exact: true });
    this.submit = this.form.getByRole("button", { name: "Sign in" });
    this.error = this.form.getByRole("alert");
  }

  async goto(callbackUrl?: string): Promise<void> {
    const query = callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : "";
    await this.page.goto(`/signin${query}`);
    await expect(this.heading).toBeVisible();
  }

  /** Fills the form and submits it; does not wait for the outcome. */
  async submitCredentials(credentials: { email: string; password: string }): Promise<void> {
    await this.email.fill(credentials.email);
    await this.password.fill(credentials.password);
    await this.submit.click();
  }
}
