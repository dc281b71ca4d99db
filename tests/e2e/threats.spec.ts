import { WorkspacePage } from "./pages/workspace-page";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

test.describe("the threat list", () => {
  test("finds threats with filters and search, and orders and groups them", async ({
    alice,
    openSession,
  }) => {
    const session = await openSession(alice);
    const model = await session.api.createModel(buildTitle("Payments gateway"));
    const workspace = new WorkspacePage(session.page);
    await workspace.open(model.id);

    const replay = "Attacker replays a captured card token";
    const logs = "Card numbers written to the request log";
    const flood = "Bulk fake orders flood the checkout";
    await workspace.addThreat(replay, "Spoofing");
    await workspace.addThreat(logs, "Information disclosure");
    await workspace.addThreat(flood, "Denial of service");
    await workspace.setStatus(logs, "Mitigated");

    await test.step("newest first by default", async () => {
      await workspace.expectThreatOrder([flood, logs, replay]);
      await expect(workspace.threatCount).toHaveText("3 threats");
    });

    await test.step("a category filter and a status filter narrow the list", async () => {
      await workspace.filterBy("category").selectOption({ label: "Information disclosure" });
      await workspace.expectThreatOrder([logs]);
      await expect(workspace.threatCount).toHaveText("1 of 3 threats shown");
      await workspace.filterBy("status").selectOption({ label: "Open" });
      await expect(workspace.noMatchingThreats).toBeVisible();
      await workspace.clearFiltersButton.click();
      await workspace.expectThreatOrder([flood, logs, replay]);
      await expect(workspace.filterBy("category")).toHaveValue("all");
    });

    await test.step("the search matches words of the titles in any case", async () => {
      await workspace.threatSearch.fill("CARD");
      await workspace.expectThreatOrder([logs, replay]);
      await workspace.threatSearch.fill("card token");
      await workspace.expectThreatOrder([replay]);
      await workspace.threatSearch.fill("");
    });

    await test.step("sorted by title, then oldest first", async () => {
      await workspace.sortBy.selectOption({ label: "Title (A to Z)" });
      await workspace.expectThreatOrder([replay, flood, logs]);
      await workspace.sortBy.selectOption({ label: "Oldest first" });
      await workspace.expectThreatOrder([replay, logs, flood]);
    });

    await test.step("grouped by status, in the order of the lifecycle", async () => {
      await workspace.groupBy.selectOption({ label: "Status" });
      await expect(workspace.threatGroup("Open").getByRole("listitem")).toHaveCount(2);
      await expect(workspace.threatGroup("Mitigated").getByRole("listitem")).toHaveCount(1);
      await expect(workspace.threatGroup("Mitigated").getByRole("listitem")).toHaveAccessibleName(
        logs,
      );
      await workspace.groupBy.selectOption({ label: "No grouping" });
    });

    await test.step("arrow keys move between rows and Enter opens the details", async () => {
      await workspace.threat(replay).focus();
      await session.page.keyboard.press("ArrowDown");
      await expect(workspace.threat(logs)).toBeFocused();
      await session.page.keyboard.press("End");
      await expect(workspace.threat(flood)).toBeFocused();
      await session.page.keyboard.press("ArrowUp");
      await expect(workspace.threat(logs)).toBeFocused();
      await session.page.keyboard.press("Enter");
      const details = session.page.getByRole("dialog", { name: "Threat details" });
      await expect(details).toHaveAccessibleDescription(logs);
      await session.page.keyboard.press("Escape");
      await expect(details).toBeHidden();
      await expect(workspace.threat(logs)).toBeFocused();
    });
  });

  test("the details dialog edits the description, severity, response and DREAD ratings", async ({
    alice,
    openSession,
  }) => {
    const session = await openSession(alice);
    const model = await session.api.createModel(buildTitle("Mobile wallet"));
    const workspace = new WorkspacePage(session.page);
    await workspace.open(model.id);
    const weak = "Weak PIN brute-forced on a stolen phone";
    const strong = "Push token leaked to another app";
    await workspace.addThreat(weak, "Elevation of privilege");
    await workspace.addThreat(strong, "Information disclosure");

    await test.step("the description and DREAD ratings are saved, with the score", async () => {
      const details = await workspace.openDetails(weak);
      await details.description.fill(
        "Four digits and no lockout:\n- steal the phone\n- try all PINs",
      );
      await expect(details.score).toHaveText("No score yet: 0 of 5 factors rated.");
      await details.rate({
        "Damage potential": 3,
        Reproducibility: 3,
        Exploitability: 2,
        "Affected users": 2,
      });
      await expect(details.score).toHaveText("No score yet: 4 of 5 factors rated.");
      await details.rate({ Discoverability: 2 });
      await expect(details.score).toContainText("Score 12 / 15");
      await expect(details.score).toContainText("High risk");
      await details.severity.selectOption({ label: "Important" });
      await details.bugLink.fill("javascript:alert(1)");
      await details.doneButton.click();
      await expect(
        details.dialog.getByText("Enter a link that starts with http:// or https://."),
      ).toBeVisible();
      await expect(details.dialog).toBeVisible();
      await details.bugLink.fill("https://tracker.example.com/browse/SEC-42");
      await details.close();
      await expect(workspace.threat(weak)).toContainText("DREAD 12 / 15 · High");
      await expect(workspace.threat(weak)).toContainText("Important");
    });

    await test.step("accepting asks who approved, defaulting to the current user", async () => {
      const details = await workspace.openDetails(strong);
      await details.rate({
        "Damage potential": 1,
        Reproducibility: 2,
        Exploitability: 1,
        "Affected users": 1,
        Discoverability: 1,
      });
      await expect(details.score).toContainText("Score 6 / 15");
      await expect(details.score).toContainText("Low risk");
      await details.response.selectOption({ label: "Accept" });
      await expect(details.approvedBy).toHaveValue(alice.user.id);
      await expect(details.approvedBy.locator("option:checked")).toHaveText(
        `${alice.user.name} (you)`,
      );
      await details.recordAcceptanceButton.click();
      await expect(details.recordAcceptanceButton).toBeHidden();
      await expect(details.dialog.getByText(/^Accepted /)).toBeVisible();
      await details.close();
      await expect(workspace.threat(strong)).toContainText("Accepted");
    });

    await test.step("sorting by risk puts the higher score first", async () => {
      await workspace.sortBy.selectOption({ label: "Risk (high to low)" });
      await workspace.expectThreatOrder([weak, strong]);
    });

    await test.step("after a reload every field is still there", async () => {
      await session.page.reload();
      await workspace.expectConnected();
      const details = await workspace.openDetails(weak);
      await expect(details.description).toHaveValue(
        "Four digits and no lockout:\n- steal the phone\n- try all PINs",
      );
      await expect(details.factor("Damage potential")).toHaveValue("3");
      await expect(details.factor("Discoverability")).toHaveValue("2");
      await expect(details.severity).toHaveValue("important");
      await expect(details.bugLink).toHaveValue("https://tracker.example.com/browse/SEC-42");
      await expect(details.score).toContainText("Score 12 / 15");
      await details.close();
    });
  });

  test("a bulk edit sets the status of the selected threats, and the board shows them", async ({
    alice,
    openSession,
  }) => {
    const session = await openSession(alice);
    const model = await session.api.createModel(buildTitle("Order service"));
    const workspace = new WorkspacePage(session.page);
    await workspace.open(model.id);
    const first = "Order id guessed by another customer";
    const second = "Discount applied twice";
    const third = "Order history reveals addresses";
    for (const title of [first, second, third]) await workspace.addThreat(title, "Tampering");

    await test.step("two selected threats change status together", async () => {
      await workspace.selectCheckboxOf(first).check();
      await workspace.selectCheckboxOf(third).check();
      await expect(workspace.bulkEdit.getByText("2 threats selected")).toBeVisible();
      await workspace.bulkEdit
        .getByRole("combobox", { name: "Set status of the selected threats" })
        .selectOption({ label: "Mitigated" });
      await expect(session.page.getByText("Status set to Mitigated for 2 threats.")).toBeVisible();
      await expect(workspace.statusOf(first)).toHaveValue("mitigated");
      await expect(workspace.statusOf(third)).toHaveValue("mitigated");
      await expect(workspace.statusOf(second)).toHaveValue("open");
    });

    await test.step("the board has a column per status; a card moves by keyboard", async () => {
      await workspace.viewButton("Board").click();
      await expect(workspace.viewButton("Board")).toHaveAttribute("aria-pressed", "true");
      await expect(workspace.boardColumn("Open").getByRole("listitem")).toHaveCount(1);
      await expect(workspace.boardColumn("Mitigated").getByRole("listitem")).toHaveCount(2);
      const card = workspace.boardColumn("Open").getByRole("listitem", { name: second });
      await card.focus();
      await session.page.keyboard.press("Shift+ArrowRight");
      const moved = workspace.boardColumn("Needs investigation").getByRole("listitem", {
        name: second,
      });
      await expect(moved).toBeVisible();
      await expect(moved).toBeFocused();
      await workspace.statusOf(second).selectOption({ label: "Not applicable" });
      await expect(
        workspace.boardColumn("Not applicable").getByRole("listitem", { name: second }),
      ).toBeVisible();
      await workspace.viewButton("List").click();
      await expect(workspace.statusOf(second)).toHaveValue("not-applicable");
    });
  });

  test("two people editing different fields of one threat at the same time both keep their edit", async ({
    alice,
    bob,
    openSession,
  }) => {
    const aliceSession = await openSession(alice);
    const bobSession = await openSession(bob);
    const model = await aliceSession.api.createSharedModel(buildTitle("Identity service"), [
      { email: bob.user.email, role: "editor" },
    ]);
    const atAlice = new WorkspacePage(aliceSession.page);
    const atBob = new WorkspacePage(bobSession.page);
    await atAlice.open(model.id);
    await atBob.open(model.id);

    const original = "Session fixation on sign-in";
    const renamed = "Session id not rotated at sign-in";
    const description = "The session cookie set before sign-in stays valid after it.";
    await atAlice.addThreat(original, "Spoofing");
    await expect(atBob.threat(original)).toBeVisible();

    await test.step("Bob edits title and description while Alice changes the status", async () => {
      const bobDetails = await atBob.openDetails(original);
      await bobDetails.description.fill(description);
      await bobDetails.title.fill(renamed);
      // Alice's change arrives while Bob's text is still being typed in the dialog.
      await atAlice.setStatus(original, "Needs investigation");
      await expect(bobDetails.status).toHaveValue("needs-investigation");
      await expect(bobDetails.description).toHaveValue(description);
      await Promise.all([
        bobDetails.close(),
        atAlice.statusOf(original).selectOption({ label: "Mitigated" }),
      ]);
    });

    await test.step("both edits are on both screens", async () => {
      for (const workspace of [atAlice, atBob]) {
        await expect(workspace.threat(renamed)).toBeVisible();
        await expect(workspace.statusOf(renamed)).toHaveValue("mitigated");
        await expect(workspace.threats.getByRole("listitem")).toHaveCount(1);
      }
      const aliceDetails = await atAlice.openDetails(renamed);
      await expect(aliceDetails.description).toHaveValue(description);
      await expect(aliceDetails.status).toHaveValue("mitigated");
      await aliceDetails.close();
    });

    await test.step("and stored: a reload shows the merged threat", async () => {
      await bobSession.page.reload();
      await atBob.expectConnected();
      await expect(atBob.statusOf(renamed)).toHaveValue("mitigated");
      const bobDetails = await atBob.openDetails(renamed);
      await expect(bobDetails.description).toHaveValue(description);
      await bobDetails.close();
    });
  });

  test("a viewer can open the details and the board but change nothing", async ({
    alice,
    bob,
    openSession,
  }) => {
    const aliceSession = await openSession(alice);
    const bobSession = await openSession(bob);
    const model = await aliceSession.api.createSharedModel(buildTitle("Audit log"), [
      { email: bob.user.email, role: "viewer" },
    ]);
    const atAlice = new WorkspacePage(aliceSession.page);
    const atBob = new WorkspacePage(bobSession.page);
    const threat = "Audit entries deleted by an administrator";
    await atAlice.open(model.id);
    await atAlice.addThreat(threat, "Repudiation");
    const aliceDetails = await atAlice.openDetails(threat);
    await aliceDetails.description.fill("Nothing stops an admin from truncating the table.");
    await aliceDetails.close();

    await atBob.open(model.id);
    await expect(atBob.threat(threat)).toBeVisible();
    await expect(atBob.selectCheckboxOf(threat)).toHaveCount(0);
    await expect(atBob.bulkEdit).toHaveCount(0);

    const details = await atBob.openDetails(threat);
    await expect(details.description).toHaveValue(
      "Nothing stops an admin from truncating the table.",
    );
    for (const control of [
      details.title,
      details.description,
      details.status,
      details.severity,
      details.response,
      details.bugLink,
      details.factor("Damage potential"),
    ]) {
      await expect(control).toBeDisabled();
    }
    await details.close();

    await atBob.viewButton("Board").click();
    await expect(atBob.statusOf(threat)).toBeDisabled();
    const card = atBob.boardColumn("Open").getByRole("listitem", { name: threat });
    await card.focus();
    await bobSession.page.keyboard.press("Shift+ArrowRight");
    await expect(card).toBeVisible();
    await expect(atAlice.statusOf(threat)).toHaveValue("open");
  });
});
