import { WorkspacePage } from "./pages/workspace-page";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";
import { NetworkSwitch } from "./support/network";

test.describe("working offline", () => {
  test("edits made offline are kept, sent on reconnect and merged with edits made meanwhile", async ({
    alice,
    bob,
    openSession,
  }) => {
    const aliceSession = await openSession(alice);
    const bobSession = await openSession(bob);
    const aliceNetwork = await NetworkSwitch.install(aliceSession.context);
    const model = await aliceSession.api.createSharedModel(buildTitle("Mobile banking app"), [
      { email: bob.user.email, role: "editor" },
    ]);
    const atAlice = new WorkspacePage(aliceSession.page);
    const atBob = new WorkspacePage(bobSession.page);
    await atAlice.open(model.id);
    await atBob.open(model.id);
    await expect(atAlice.participant(bob.user.name)).toBeVisible();

    const offlineThreat = "Jailbroken device reads the keychain";
    const onlineThreat = "Push notification reveals the balance";

    await test.step("Alice goes offline and the workspace says so", async () => {
      await aliceNetwork.goOffline();
      await expect(atAlice.connectionStatus).toHaveText(/^(Offline|Reconnecting…)$/);
      await expect(atAlice.offlineNotice).toBeVisible();
    });

    await test.step("Alice keeps working offline; the change is marked unsaved", async () => {
      await atAlice.addThreat(offlineThreat, "Information disclosure");
      await expect(atAlice.connectionStatus).toHaveText(
        /^(Offline|Reconnecting…) \(unsaved changes\)$/,
      );
      await expect(atAlice.offlineNotice).toContainText("your changes stay in this tab");
    });

    await test.step("meanwhile Bob adds a threat that Alice cannot receive yet", async () => {
      await atBob.addThreat(onlineThreat, "Information disclosure");
      // Bob's change has left his browser ("Saving…" back to "Connected")…
      await atBob.expectConnected();
      // …and nothing crosses Alice's outage.
      await expect(atAlice.threat(onlineThreat)).toHaveCount(0);
      await expect(atBob.threat(offlineThreat)).toHaveCount(0);
    });

    await test.step("back online, both changes reach both people", async () => {
      await aliceNetwork.goOnline();
      await atAlice.expectConnected();
      await expect(atAlice.offlineNotice).toBeHidden();
      await expect(atBob.threat(offlineThreat)).toBeVisible();
      await expect(atAlice.threat(onlineThreat)).toBeVisible();
      await expect(atAlice.threats.getByRole("listitem")).toHaveCount(2);
      await expect(atBob.threats.getByRole("listitem")).toHaveCount(2);
    });

    await test.step("the merged list was stored", async () => {
      await bobSession.page.reload();
      await atBob.expectConnected();
      await expect(atBob.threat(offlineThreat)).toBeVisible();
      await expect(atBob.threat(onlineThreat)).toBeVisible();
    });
  });
});

test("a model opened on its diagram keeps every tab at hand after going offline", async ({
  alice,
  openSession,
}) => {
  const { page, api, context } = await openSession(alice);
  const network = await NetworkSwitch.install(context);
  const model = await api.createModel(buildTitle("Payroll export"));
  const workspace = new WorkspacePage(page);
  await page.goto(`/models/${model.id}`);
  await workspace.expectConnected();
  // The other tabs' script arrives a moment after the open.
  await expect(page.locator("html")).toHaveAttribute("data-workspace-parts-loaded", "true", {
    timeout: 15_000,
  });

  await network.goOffline();
  await expect(workspace.offlineNotice).toBeVisible();
  const tabs = page.getByRole("tablist");
  await tabs.getByRole("tab", { name: "Threats" }).click();
  await expect(workspace.addThreatButton).toBeVisible();
  await workspace.addThreat("Payroll file left on a shared drive", "Information disclosure");
  await expect(workspace.threat("Payroll file left on a shared drive")).toBeVisible();
  // Each tab draws its content (a tab whose script could not load would take the page down).
  for (const name of ["Mitigations", "Context", "Discussion", "Notes"]) {
    await tabs.getByRole("tab", { name }).click();
    await expect(page.getByRole("tabpanel", { name })).toBeVisible();
    await expect(
      page.getByRole("tabpanel", { name }).getByText("Loading", { exact: true }),
    ).toHaveCount(0);
  }
  await expect(page.getByRole("heading", { name: "Description and scope" })).toHaveCount(0);
  await tabs.getByRole("tab", { name: "Context" }).click();
  await expect(page.getByRole("heading", { name: "Description and scope" })).toBeVisible();
});
