import { WorkspacePage } from "./pages/workspace-page";
import { pushThreatPastTheUi } from "./support/collab-probe";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

test.describe("read-only members", () => {
  test("a viewer follows the model live but cannot edit it, and the server refuses their edits", async ({
    alice,
    bob,
    openSession,
  }) => {
    const aliceSession = await openSession(alice);
    const bobSession = await openSession(bob);
    const model = await aliceSession.api.createSharedModel(buildTitle("Identity provider"), [
      { email: bob.user.email, role: "viewer" },
    ]);
    const atAlice = new WorkspacePage(aliceSession.page);
    const atBob = new WorkspacePage(bobSession.page);
    const threat = "Password reset link leaks in the referrer";

    await atAlice.open(model.id);
    await atAlice.addThreat(threat, "Information disclosure");

    await test.step("the viewer sees the threats and a read-only notice", async () => {
      await atBob.open(model.id);
      await expect(atBob.readOnlyNotice).toHaveText("Read-only: you are a viewer");
      await expect(atBob.main.getByText("Your role: Viewer")).toBeVisible();
      await expect(atBob.threat(threat)).toBeVisible();
      await expect(atBob.statusOf(threat)).toHaveValue("open");
      await expect(atAlice.participant(bob.user.name)).toBeVisible();
    });

    await test.step("no control that edits is offered", async () => {
      await expect(atBob.newThreatTitle).toHaveCount(0);
      await expect(atBob.addThreatButton).toHaveCount(0);
      await expect(atBob.statusOf(threat)).toBeDisabled();
      await expect(atBob.categoryOf(threat)).toBeDisabled();
      await expect(atBob.editTitleButtonOf(threat)).toHaveCount(0);
      await expect(atBob.deleteButtonOf(threat)).toHaveCount(0);
      await expect(atBob.renameButton).toHaveCount(0);
      await expect(atBob.membersButton).toHaveCount(0);
    });

    await test.step("the viewer still sees other people's edits live", async () => {
      await atAlice.setStatus(threat, "Needs investigation");
      await expect(atBob.statusOf(threat)).toHaveValue("needs-investigation");
    });

    await test.step("an update sent past the UI with the viewer's session is dropped", async () => {
      const forged = buildTitle("Forged by the viewer");
      const serverThreats = await pushThreatPastTheUi(bobSession.page, {
        modelId: model.id,
        title: forged,
        authorId: bob.user.id,
      });
      expect(serverThreats.map((stored) => stored.title)).toEqual([threat]);
      await expect(atAlice.threats.getByRole("listitem")).toHaveCount(1);
      await expect(atAlice.threat(forged)).toHaveCount(0);
      await expect(atBob.threat(forged)).toHaveCount(0);
    });

    await test.step("control: the same update sent with the owner's session is applied", async () => {
      const accepted = buildTitle("Sent by the owner past the UI");
      const serverThreats = await pushThreatPastTheUi(aliceSession.page, {
        modelId: model.id,
        title: accepted,
        authorId: alice.user.id,
      });
      expect(serverThreats.map((stored) => stored.title)).toContain(accepted);
      await expect(atBob.threat(accepted)).toBeVisible();
      await expect(atAlice.threat(accepted)).toBeVisible();
    });

    await test.step("after the viewer's visit the stored list is unchanged", async () => {
      await aliceSession.page.reload();
      await atAlice.expectConnected();
      await expect(atAlice.threats.getByRole("listitem")).toHaveCount(2);
      await expect(atAlice.threat(threat)).toBeVisible();
      await expect(atAlice.statusOf(threat)).toHaveValue("needs-investigation");
    });
  });
});
