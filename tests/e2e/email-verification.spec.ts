import { ModelsPage } from "./pages/models-page";
import { SignUpPage } from "./pages/sign-up-page";
import { buildAccount } from "./support/factories";
import { expect, test } from "./support/fixtures";
import { mailTo, waitForVerificationToken } from "./support/mail";

test("a new account is asked to confirm its address, and the emailed link confirms it", async ({
  page,
}) => {
  const account = buildAccount({ name: "Vera Verify" });
  const signUp = new SignUpPage(page);
  const models = new ModelsPage(page);
  const banner = page.getByText("Confirm your email address", { exact: true });

  await test.step("signing up lands on the models page with a request to confirm", async () => {
    await signUp.goto();
    await signUp.submitAccount(account);
    await page.waitForURL("**/models");
    await expect(models.heading).toBeVisible();
    await expect(banner).toBeVisible();
    await expect(
      page.getByText(`We emailed a confirmation link to ${account.email}`),
    ).toBeVisible();
  });

  await test.step("the link can be sent again", async () => {
    await expect.poll(() => mailTo(account.email).length).toBe(1);
    await page.getByRole("button", { name: "Send the link again" }).click();
    await expect(page.getByText(`We sent a new link to ${account.email}.`)).toBeVisible();
    await expect.poll(() => mailTo(account.email).length).toBe(2);
  });

  await test.step("opening the link and confirming marks the address confirmed", async () => {
    const token = await waitForVerificationToken(account.email);
    await page.goto(`/verify-email?token=${encodeURIComponent(token)}`);
    await page.getByRole("button", { name: "Confirm email address" }).click();
    await expect(page.getByText("Email address confirmed")).toBeVisible();
    await page.getByRole("link", { name: "Go to your models" }).click();
    await expect(models.heading).toBeVisible();
    await expect(banner).toBeHidden();
  });

  await test.step("a damaged link says so and confirms nothing", async () => {
    await page.goto("/verify-email?token=not-a-real-token");
    await page.getByRole("button", { name: "Confirm email address" }).click();
    await expect(
      page.getByText("This confirmation link is not valid or has expired"),
    ).toBeVisible();
  });
});
