import { WorkspacePage } from "./pages/workspace-page";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

test.describe("live collaboration", () => {
  test("two members see each other and each other's edits without reloading", async ({
    alice,
    bob,
    openSession,
  }) => {
    const aliceSession = await openSession(alice);
    const bobSession = await openSession(bob);
    const model = await aliceSession.api.createModel(buildTitle("Checkout service"));
    const atAlice = new WorkspacePage(aliceSession.page);
    const atBob = new WorkspacePage(bobSession.page);

    await test.step("Bob cannot open the model before he is a member", async () => {
      await atBob.goto(model.id);
      await expect(atBob.notFoundHeading).toBeVisible();
    });

    await test.step("Alice adds Bob as an editor in the Members dialog", async () => {
      await atAlice.open(model.id);
      const members = await atAlice.openMembers();
      await expect(members.roleOf(alice.user.name)).toHaveValue("owner");
      await members.addMember(bob.user.email, "Editor");
      await members.save();
      await expect(aliceSession.page.getByText("Members saved.")).toBeVisible();

      const reopened = await atAlice.openMembers();
      await expect(reopened.roleOf(bob.user.name)).toHaveValue("editor");
      await reopened.dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(reopened.dialog).toBeHidden();
    });

    await test.step("both are connected and see each other in the presence list", async () => {
      await atBob.open(model.id);
      await expect(atBob.title).toHaveText(model.title);
      await atAlice.expectConnected();
      await expect(atAlice.participant(`${alice.user.name} (you)`)).toBeVisible();
      await expect(atAlice.participant(bob.user.name)).toBeVisible();
      await expect(atBob.participant(`${bob.user.name} (you)`)).toBeVisible();
      await expect(atBob.participant(alice.user.name)).toBeVisible();
      await expect(atBob.noThreats).toBeVisible();
    });

    const threat = "Attacker replays a captured session token";
    const renamed = "Attacker replays a stolen session token";

    await test.step("a threat Alice adds appears for Bob", async () => {
      await atAlice.addThreat(threat, "Tampering");
      await expect(atBob.threat(threat)).toBeVisible();
      await expect(atBob.categoryOf(threat)).toHaveValue("tampering");
      await expect(atBob.statusOf(threat)).toHaveValue("open");
      await expect(atBob.main.getByText("1 threat", { exact: true })).toBeVisible();
    });

    await test.step("Bob's status change and new title reach Alice", async () => {
      await atBob.setStatus(threat, "Mitigated");
      await expect(atAlice.statusOf(threat)).toHaveValue("mitigated");
      await atBob.renameThreat(threat, renamed);
      await expect(atAlice.threat(renamed)).toBeVisible();
      await expect(atAlice.threat(threat)).toHaveCount(0);
      await expect(atAlice.statusOf(renamed)).toHaveValue("mitigated");
      await expect(atAlice.categoryOf(renamed)).toHaveValue("tampering");
    });

    await test.step("Alice renames the model in the header and Bob sees the new title", async () => {
      const newTitle = buildTitle("Checkout and refunds");
      await atAlice.renameModel(newTitle);
      await expect(atBob.title).toHaveText(newTitle);
      await expect(bobSession.page).toHaveTitle(`${newTitle} · Threat Room`);
    });

    await test.step("threats added at the same moment by both end up on both screens", async () => {
      const fromAlice = "Card data sniffed in transit";
      const fromBob = "Refund amount tampered in the request";
      await Promise.all([
        atAlice.addThreat(fromAlice, "Information disclosure"),
        atBob.addThreat(fromBob, "Tampering"),
      ]);
      for (const workspace of [atAlice, atBob]) {
        await expect(workspace.threat(fromAlice)).toBeVisible();
        await expect(workspace.threat(fromBob)).toBeVisible();
        await expect(workspace.threats.getByRole("listitem")).toHaveCount(3);
      }
      // Both lists show the same threats in the same order.
      const aliceOrder = await atAlice.threats.getByRole("listitem").allInnerTexts();
      await expect(atBob.threats.getByRole("listitem")).toHaveText(aliceOrder, {
        useInnerText: true,
      });
    });

    await test.step("a threat deleted after confirmation disappears for both", async () => {
      await atAlice.deleteThreat(renamed);
      await expect(atAlice.threat(renamed)).toHaveCount(0);
      await expect(atBob.threat(renamed)).toHaveCount(0);
      await expect(atBob.threats.getByRole("listitem")).toHaveCount(2);
    });

    await test.step("everything was stored: a reload shows the same", async () => {
      await bobSession.page.reload();
      await atBob.expectConnected();
      await expect(atBob.threats.getByRole("listitem")).toHaveCount(2);
      await expect(atBob.threat(renamed)).toHaveCount(0);
      await expect(atBob.title).toHaveText(await atAlice.title.innerText());
      await atAlice.expectConnected();
    });
  });
});
