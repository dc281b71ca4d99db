import { WorkspacePage } from "./pages/workspace-page";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

test.describe("access to a model", () => {
  test("an editor removed mid-session is told their access was removed", async ({
    alice,
    bob,
    openSession,
  }) => {
    const aliceSession = await openSession(alice);
    const bobSession = await openSession(bob);
    const model = await aliceSession.api.createSharedModel(buildTitle("Partner portal"), [
      { email: bob.user.email, role: "editor" },
    ]);
    const atBob = new WorkspacePage(bobSession.page);
    await atBob.open(model.id);
    await expect(atBob.newThreatTitle).toBeEditable();

    await aliceSession.api.replaceMembers(model.id, [{ email: alice.user.email, role: "owner" }]);

    await expect(atBob.closedNotice).toContainText("Your access was removed");
    await expect(atBob.closedNotice).toContainText(
      "An owner removed you from this model or changed your access. Changes you make here are no longer saved.",
    );
    await expect(atBob.connectionStatus).toHaveText("Disconnected");
    await expect(atBob.newThreatTitle).toHaveCount(0);
    await expect(atBob.closedNotice.getByRole("link", { name: "Back to models" })).toBeVisible();

    await bobSession.page.reload();
    await expect(atBob.notFoundHeading).toBeVisible();
  });

  test("someone who is not a member sees Model not found", async ({ alice, bob, openSession }) => {
    const aliceSession = await openSession(alice);
    const bobSession = await openSession(bob);
    const model = await aliceSession.api.createModel(buildTitle("Internal HR tool"));
    const atBob = new WorkspacePage(bobSession.page);

    await atBob.goto(model.id);
    await expect(atBob.notFoundHeading).toBeVisible();
    await expect(atBob.main).toContainText("you are not a member of it");
    await expect(atBob.main).not.toContainText(model.title);
    await expect(atBob.connectionStatus).toHaveCount(0);
    await expect(atBob.main.getByRole("link", { name: "Back to your models" })).toBeVisible();

    await atBob.goto("no-such-model-id");
    await expect(atBob.notFoundHeading).toBeVisible();
  });
});
