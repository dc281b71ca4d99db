import { LIMITS } from "@/lib/limits";
import { SignInPage } from "./pages/sign-in-page";
import { ThreatRoomApi } from "./support/api";
import { buildAccount } from "./support/factories";
import { expect, test } from "./support/fixtures";

test.describe("sign-in limits", () => {
  test("repeated wrong passwords slow that address for that account only; the owner elsewhere and colleagues still sign in", async ({
    page,
    playwright,
    appOrigin,
  }) => {
    const anonymous = await playwright.request.newContext({ baseURL: appOrigin });
    const api = new ThreatRoomApi(anonymous, appOrigin);
    const target = buildAccount({ name: "Gus Guessed" });
    await api.createUser(target);

    await test.step("every wrong guess up to the limit is answered as a wrong password", async () => {
      for (let i = 0; i < LIMITS.signInFailuresBeforeBackoff; i++) {
        await expect(
          api.signIn({ email: target.email, password: `guess number ${i}` }),
        ).rejects.toThrow(/error=CredentialsSignin/);
      }
    });

    await test.step("then even the right password from that address waits, and the form says why", async () => {
      await expect(api.signIn(target)).rejects.toThrow(/error=RateLimited/);
      const signIn = new SignInPage(page);
      await signIn.goto();
      await signIn.submitCredentials(target);
      await expect(signIn.error).toHaveText(/Too many failed sign-in attempts/);
    });

    await test.step("the owner signs in from another address at once", async () => {
      // The server trusts one proxy (TRUST_PROXY=1): the address it appended is the client's.
      const elsewhere = await playwright.request.newContext({
        baseURL: appOrigin,
        extraHTTPHeaders: { "x-forwarded-for": "203.0.113.50" },
      });
      const user = await new ThreatRoomApi(elsewhere, appOrigin).signIn(target);
      expect(user.email).toBe(target.email);
      await elsewhere.dispose();
    });

    await test.step("successful sign-ins of many colleagues from the same address are not limited", async () => {
      // More people than the failures before back-off, all behind one address (one office).
      for (let i = 0; i < LIMITS.signInFailuresBeforeBackoff + 2; i++) {
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
