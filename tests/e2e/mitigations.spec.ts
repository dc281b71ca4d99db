import { linkedThreatText, MitigationsPage } from "./pages/mitigations-page";
import { WorkspacePage } from "./pages/workspace-page";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";
import { NetworkSwitch } from "./support/network";

test.describe("mitigations", () => {
  test("a mitigation linked to a threat shows in the matrix and reaches a second member live", async ({
    alice,
    bob,
    openSession,
  }) => {
    const aliceSession = await openSession(alice);
    const bobSession = await openSession(bob);
    const model = await aliceSession.api.createSharedModel(buildTitle("Payments API"), [
      { email: bob.user.email, role: "editor" },
    ]);
    const workspaceAtAlice = new WorkspacePage(aliceSession.page);
    const atAlice = new MitigationsPage(aliceSession.page);
    const atBob = new MitigationsPage(bobSession.page);
    const threat = "Attacker replays a captured session token";
    const signTokens = "Sign session tokens";
    const training = "Security awareness training";

    await test.step("the threats tab is the default; the arrow keys move to Mitigations", async () => {
      await workspaceAtAlice.open(model.id);
      await workspaceAtAlice.addThreat(threat, "Spoofing");
      await expect(atAlice.threatsTab).toHaveAttribute("aria-selected", "true");
      await atAlice.threatsTab.focus();
      await aliceSession.page.keyboard.press("ArrowRight");
      await expect(atAlice.tab).toBeFocused();
      await expect(atAlice.tab).toHaveAttribute("aria-selected", "true");
      await expect(aliceSession.page).toHaveURL(/\?tab=mitigations$/);
      await expect(atAlice.noMitigations).toBeVisible();
    });

    await test.step("a reload keeps the Mitigations tab", async () => {
      await aliceSession.page.reload();
      await workspaceAtAlice.expectConnected();
      await expect(atAlice.tab).toHaveAttribute("aria-selected", "true");
      await expect(atAlice.noMitigations).toBeVisible();
    });

    await test.step("Bob follows on the Mitigations tab", async () => {
      await new WorkspacePage(bobSession.page).open(model.id);
      await atBob.open();
      await expect(atBob.noMitigations).toBeVisible();
    });

    await test.step("a mitigation Alice adds appears for Bob", async () => {
      await atAlice.addMitigation(signTokens, "Technical", "Preventive");
      await expect(atBob.mitigation(signTokens)).toBeVisible();
      await expect(atBob.mitigation(signTokens)).toContainText("Technical");
      await expect(atBob.mitigation(signTokens)).toContainText("Preventive");
      await expect(atBob.mitigation(signTokens)).toContainText("Not linked to any threat yet.");
    });

    await test.step("Alice links the threat; Bob sees the link with its STRIDE letter", async () => {
      await atAlice.linkThreats(signTokens, [threat]);
      await expect(atAlice.linkedThreats(signTokens).getByRole("listitem")).toHaveText([
        linkedThreatText("S", "Spoofing", threat),
      ]);
      await expect(atBob.linkedThreats(signTokens).getByRole("listitem")).toHaveText([
        linkedThreatText("S", "Spoofing", threat),
      ]);
    });

    await test.step("the matrix counts it in its cell, and a cell filters the list", async () => {
      await atBob.addMitigation(training, "Administrative", "Deterrent");
      await expect(atAlice.mitigation(training)).toBeVisible();

      const cell = atAlice.matrixCell("Technical", "preventive");
      await expect(cell).toContainText("1");
      await expect(cell).toContainText(signTokens);
      await expect(atAlice.matrixCell("Administrative", "deterrent")).toContainText(training);
      await expect(atAlice.matrixCell("Physical", "preventive")).toHaveAccessibleName(
        "Physical preventive: no mitigations",
      );

      await cell.click();
      await expect(cell).toHaveAttribute("aria-pressed", "true");
      await expect(atAlice.filterSummary).toHaveText(
        "Showing 1 of 2 mitigations: Technical preventive",
      );
      await expect(atAlice.mitigations.getByRole("listitem", { name: /./ })).toHaveCount(1);
      await expect(atAlice.mitigation(training)).toHaveCount(0);
      await cell.click();
      await expect(cell).toHaveAttribute("aria-pressed", "false");
      await expect(atAlice.mitigation(training)).toBeVisible();
    });

    await test.step("Bob's change of status and title reach Alice", async () => {
      await atBob.detailsButtonOf(signTokens).click();
      await atBob.fieldOf("Status", signTokens).selectOption({ label: "Implemented" });
      await atBob.fieldOf("Cost", signTokens).selectOption({ label: "Low" });
      await atBob.fieldOf("Owner", signTokens).selectOption(alice.user.name);
      await expect(atAlice.mitigation(signTokens)).toContainText("Implemented");
      await expect(atAlice.mitigation(signTokens)).toContainText(`Owner: ${alice.user.name}`);

      const renamed = "Sign and verify session tokens";
      await atBob.renameMitigation(signTokens, renamed);
      await expect(atAlice.mitigation(renamed)).toBeVisible();
      await atBob.renameMitigation(renamed, signTokens);
      await expect(atAlice.mitigation(signTokens)).toBeVisible();
    });

    await test.step("a recommended control is added already linked to the threat", async () => {
      await atAlice.recommendationSubject.selectOption({ label: `Threat: S · ${threat}` });
      const first = atAlice.recommendations.getByRole("listitem").first();
      await expect(first).toHaveAccessibleName("Authenticated, encrypted channels (TLS)");
      await first.getByRole("button", { name: "Add and link to the threat" }).click();
      await expect(first).toContainText("Linked to this threat");
      const tls = "Authenticated, encrypted channels (TLS)";
      await expect(atBob.linkedThreats(tls).getByRole("listitem")).toHaveText([
        linkedThreatText("S", "Spoofing", threat),
      ]);
    });

    await test.step("a mitigation deleted after confirmation disappears for both", async () => {
      await atAlice.deleteMitigation(training);
      await expect(atAlice.mitigation(training)).toHaveCount(0);
      await expect(atBob.mitigation(training)).toHaveCount(0);
      await expect(atBob.matrixCell("Administrative", "deterrent")).toHaveAccessibleName(
        "Administrative deterrent: no mitigations",
      );
    });
  });

  test("a viewer sees mitigations and their links but cannot edit them", async ({
    alice,
    bob,
    openSession,
  }) => {
    const aliceSession = await openSession(alice);
    const bobSession = await openSession(bob);
    const model = await aliceSession.api.createSharedModel(buildTitle("Audit service"), [
      { email: bob.user.email, role: "viewer" },
    ]);
    const workspaceAtAlice = new WorkspacePage(aliceSession.page);
    const workspaceAtBob = new WorkspacePage(bobSession.page);
    const atAlice = new MitigationsPage(aliceSession.page);
    const atBob = new MitigationsPage(bobSession.page);
    const threat = "Operator denies deleting audit records";
    const mitigation = "Append-only, hash-chained audit log";

    await workspaceAtAlice.open(model.id);
    await workspaceAtAlice.addThreat(threat, "Repudiation");
    await atAlice.open();
    await atAlice.addMitigation(mitigation, "Technical", "Detective");
    await atAlice.linkThreats(mitigation, [threat]);

    await test.step("the viewer opens the Mitigations tab from the URL and sees everything", async () => {
      await atBob.goto(model.id);
      await workspaceAtBob.expectConnected();
      await expect(workspaceAtBob.readOnlyNotice).toHaveText("Read-only: you are a viewer");
      await expect(atBob.tab).toHaveAttribute("aria-selected", "true");
      await expect(atBob.mitigation(mitigation)).toBeVisible();
      await expect(atBob.linkedThreats(mitigation).getByRole("listitem")).toHaveText([
        linkedThreatText("R", "Repudiation", threat),
      ]);
      await expect(atBob.matrixCell("Technical", "detective")).toContainText(mitigation);
    });

    await test.step("no control that edits is offered", async () => {
      await expect(atBob.addForm).toHaveCount(0);
      await expect(atBob.editTitleButtonOf(mitigation)).toHaveCount(0);
      await expect(atBob.linkButtonOf(mitigation)).toHaveCount(0);
      await expect(atBob.deleteButtonOf(mitigation)).toHaveCount(0);
      await expect(
        atBob.linkedThreats(mitigation).getByRole("button", { name: /^Unlink / }),
      ).toHaveCount(0);
      await atBob.detailsButtonOf(mitigation).click();
      for (const field of ["Status", "Owner", "Cost", "Effectiveness", "Control type"]) {
        await expect(atBob.fieldOf(field, mitigation)).toBeDisabled();
      }
      await expect(
        atBob.panel.getByRole("textbox", { name: `Description of ${mitigation}` }),
      ).toBeDisabled();
      await atBob.recommendationSubject.selectOption({ label: `Threat: R · ${threat}` });
      await expect(atBob.recommendations.getByRole("listitem").first()).toBeVisible();
      await expect(atBob.recommendations.getByRole("button")).toHaveCount(0);
    });

    await test.step("the viewer still sees the owner's edits live", async () => {
      await atAlice.detailsButtonOf(mitigation).click();
      await atAlice.fieldOf("Status", mitigation).selectOption({ label: "In progress" });
      await expect(atBob.fieldOf("Status", mitigation)).toHaveValue("in-progress");
      await expect(atBob.mitigation(mitigation)).toContainText("In progress");
    });
  });

  test("a link to a threat someone deleted meanwhile reads “deleted threat” and can be unlinked", async ({
    alice,
    bob,
    openSession,
  }) => {
    const aliceSession = await openSession(alice);
    const bobSession = await openSession(bob);
    const bobNetwork = await NetworkSwitch.install(bobSession.context);
    const model = await aliceSession.api.createSharedModel(buildTitle("Document store"), [
      { email: bob.user.email, role: "editor" },
    ]);
    const workspaceAtAlice = new WorkspacePage(aliceSession.page);
    const workspaceAtBob = new WorkspacePage(bobSession.page);
    const atAlice = new MitigationsPage(aliceSession.page);
    const atBob = new MitigationsPage(bobSession.page);
    const threat = "Backup bucket readable by anyone";
    const mitigation = "Encrypt backups at rest";

    await workspaceAtAlice.open(model.id);
    await workspaceAtAlice.addThreat(threat, "Information disclosure");
    await atBob.goto(model.id);
    await workspaceAtBob.expectConnected();

    await test.step("offline, Bob links the threat while Alice deletes it", async () => {
      await atBob.addMitigation(mitigation, "Technical", "Preventive");
      await atAlice.open();
      await expect(atAlice.mitigation(mitigation)).toBeVisible();
      await bobNetwork.goOffline();
      await atBob.linkThreats(mitigation, [threat]);
      await expect(atBob.linkedThreats(mitigation).getByRole("listitem")).toHaveText([
        linkedThreatText("I", "Information disclosure", threat),
      ]);
      await atAlice.threatsTab.click();
      await workspaceAtAlice.deleteThreat(threat);
      await atAlice.open();
    });

    await test.step("back online, both see the link as a deleted threat", async () => {
      await bobNetwork.goOnline();
      await workspaceAtBob.expectConnected();
      for (const workspace of [atAlice, atBob]) {
        await expect(workspace.linkedThreats(mitigation).getByRole("listitem")).toHaveText([
          /deleted threat$/,
        ]);
      }
    });

    await test.step("Alice unlinks it and the mitigation is linked to nothing", async () => {
      await atAlice.panel
        .getByRole("button", { name: `Unlink deleted threat from ${mitigation}`, exact: true })
        .click();
      for (const workspace of [atAlice, atBob]) {
        await expect(workspace.mitigation(mitigation)).toContainText(
          "Not linked to any threat yet.",
        );
      }
    });
  });
});
