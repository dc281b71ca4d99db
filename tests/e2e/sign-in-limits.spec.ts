import { LIMITS } from "@/lib/limits";
import { SignInPage } from "./pages/sign-in-page";
import { ThreatRoomApi } from "./support/api";
import { buildAccount } from "./support/factories";
import { expect, test } from "./support/fixtures";

test.describe("sign-in limits", () => {
  test("repeated wrong passwords lock that account for a while; others at the same address still sign in", async ({
    page,
    playwright,
    appOrigin,
  }) => {
    const anonymous = await playwright.request.newContext({ baseURL: appOrigin });
    const api = new ThreatRoomApi(anonymous, appOrigin);
    const target = buildAccount({ name: "Gus Guessed" });
    await api.createUser(target);

    await test.step("every wrong guess up to the limit is answered as a wrong password", async () => {
      for (let i = 0; i < LIMITS.failedSignInsPerAccount; i++) {
        await expect(
          api.signIn({ email: target.email, password: `guess number ${i}` }),
        ).rejects.toThrow(/error=CredentialsSignin/);
      }
    });

    await test.step("then even the right password is refused, and the form says why", async () => {
      await expect(api.signIn(target)).rejects.toThrow(/error=RateLimited/);
      const signIn = new SignInPage(page);
      await signIn.goto();
      await signIn.submitCredentials(target);
      await expect(signIn.error).toHaveText(/Too many failed sign-in attempts/);
    });

    await test.step("successful sign-ins of many colleagues from the same address are not limited", async () => {
      // More people than the per-account limit, all behind one address (one office, one proxy).
      for (let i = 0; i < LIMITS.failedSignInsPerAccount + 2; i++) {
        const colleague = buildAccount({ name: `Colleague ${i}` });
        await api.createUser(colleague);
        const context = await playwright.request.newContext({ baseURL: appOrigin });
        const user = await new ThreatRoomApi(context, appOrigin).signIn(colleague);
        expect(user.email).toBe(colleague.email);
        await context.dispose();
      }
    });
    await anonymous.dispose();
  });
});
