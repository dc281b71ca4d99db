import { WorkspacePage } from "./pages/workspace-page";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

test("changing the DREAD scale converts the ratings after a confirmation; editors cannot change it", async ({
  alice,
  bob,
  openSession,
}) => {
  const aliceSession = await openSession(alice);
  const bobSession = await openSession(bob);
  const model = await aliceSession.api.createSharedModel(buildTitle("Scales"), [
    { email: bob.user.email, role: "editor" },
  ]);
  const created = await aliceSession.page.request.post(`/api/models/${model.id}/threats`, {
    data: {
      title: "Session replay",
      category: "spoofing",
      dread: {
        damage: 3,
        reproducibility: 3,
        exploitability: 3,
        affectedUsers: 2,
        discoverability: 2,
      },
    },
  });
  expect(created.status()).toBe(201);
  const atAlice = new WorkspacePage(aliceSession.page);
  const atBob = new WorkspacePage(bobSession.page);
  await atAlice.open(model.id);
  await atBob.open(model.id);
  const aliceMain = aliceSession.page.getByRole("main");
  const bobMain = bobSession.page.getByRole("main");
  await expect(aliceMain).toContainText("13 / 15");
  await expect(aliceMain).toContainText("High");

  await expect(bobSession.page.getByLabel("DREAD scale")).toBeDisabled();

  await aliceSession.page.getByLabel("DREAD scale").selectOption("0-10");
  const dialog = aliceSession.page.getByRole("dialog", { name: /Change the DREAD scale/ });
  await expect(dialog).toContainText("1 rated threat will be converted");
  await dialog.getByRole("button", { name: "Change the scale" }).click();
  await expect(dialog).toBeHidden();
  // The rating keeps its meaning on the new scale, for everyone in the room.
  await expect(bobMain).toContainText("8 / 10");
  await expect(bobMain).toContainText("High");
  await expect(bobSession.page.getByLabel("DREAD scale")).toHaveValue("0-10");
});
