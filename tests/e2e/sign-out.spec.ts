import { ThreatRoomApi } from "./support/api";
import { buildAccount } from "./support/factories";
import { expect, test } from "./support/fixtures";

test("signing out ends the session on the server: the old cookie no longer works", async ({
  playwright,
  appOrigin,
}) => {
  const browserLike = await playwright.request.newContext({ baseURL: appOrigin });
  const api = new ThreatRoomApi(browserLike, appOrigin);
  const account = buildAccount({ name: "Olle Outgoing" });
  await api.createUser(account);
  await api.signIn(account);
  // What someone who copied the cookie keeps.
  const state = await browserLike.storageState();
  const copied = state.cookies.filter((cookie) => cookie.name.includes("session-token"));
  expect(copied.length).toBeGreaterThan(0);

  await api.signOut();

  const thief = await playwright.request.newContext({
    baseURL: appOrigin,
    storageState: { cookies: copied, origins: [] },
  });
  const answer = await thief.get("/api/users/me");
  expect(answer.status()).toBe(401);
  await thief.dispose();
  await browserLike.dispose();
});
