import { AppShell } from "./pages/app-shell";
import { ModelsPage } from "./pages/models-page";
import { SignInPage } from "./pages/sign-in-page";
import { SignUpPage } from "./pages/sign-up-page";
import { ThreatRoomApi } from "./support/api";
import { buildAccount } from "./support/factories";
import { expect, test } from "./support/fixtures";

test.describe("accounts", () => {
  test("signing up validates the form, signs in and lands on the models page; signing out ends the session", async ({
    page,
  }) => {
    const account = buildAccount({ name: "Sam Signup" });
    const signUp = new SignUpPage(page);
    const models = new ModelsPage(page);
    const shell = new AppShell(page);

    await test.step("a too short password is refused before anything is sent", async () => {
      await signUp.goto();
      await signUp.submitAccount({ ...account, password: "short" });
      await expect(signUp.password).toHaveAttribute("aria-invalid", "true");
      await expect(signUp.password).toHaveAccessibleDescription("At least 10 characters");
      await expect(signUp.password).toBeFocused();
      await expect(page).toHaveURL(/\/signup$/);
    });

    await test.step("a valid form creates the account and signs in", async () => {
      await signUp.password.fill(account.password);
      await signUp.submit.click();
      await page.waitForURL("**/models");
      await expect(models.heading).toBeVisible();
      await expect(shell.signedInAs(account.name)).toBeVisible();
      await expect(models.emptyState).toBeVisible();
    });

    await test.step("signing out returns to the sign-in page", async () => {
      await shell.signOutButton.click();
      await page.waitForURL("**/signin");
      await expect(new SignInPage(page).heading).toBeVisible();
    });

    await test.step("the session is gone: /models sends the visitor to sign in", async () => {
      await page.goto("/models");
      await page.waitForURL(/\/signin\?callbackUrl=%2Fmodels$/);
      await expect(new SignInPage(page).form).toBeVisible();
      await expect(shell.signOutButton).toBeHidden();
    });
  });

  test("signing in with a wrong password shows an error and stays signed out", async ({
    page,
    request,
    appOrigin,
  }) => {
    const account = buildAccount({ name: "Wanda Wrong" });
    await new ThreatRoomApi(request, appOrigin).createUser(account);
    const signIn = new SignInPage(page);

    await signIn.goto();
    await signIn.submitCredentials({ email: account.email, password: "not the right password" });

    await expect(signIn.error).toHaveText("The email or password is incorrect.");
    await expect(page).toHaveURL(/\/signin$/);
    await expect(signIn.password).toHaveValue("not the right password");
  });

  test("a signed-out visit to /models goes to sign in, and signing in comes back to it", async ({
    page,
    request,
    appOrigin,
  }) => {
    const account = buildAccount({ name: "Rita Return" });
    await new ThreatRoomApi(request, appOrigin).createUser(account);
    const signIn = new SignInPage(page);

    await page.goto("/models");
    await page.waitForURL(/\/signin\?callbackUrl=%2Fmodels$/);
    await expect(signIn.heading).toBeVisible();

    await signIn.submitCredentials(account);
    await page.waitForURL("**/models");
    await expect(new ModelsPage(page).heading).toBeVisible();
    await expect(new AppShell(page).signedInAs(account.name)).toBeVisible();
  });
});
