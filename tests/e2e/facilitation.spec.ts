import { DiagramPage } from "./pages/diagram-page";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

test("a facilitator walks the group through an item, a vote and the end; a participant follows and cannot steer", async ({
  alice,
  bob,
  openSession,
  openNewAccountSession,
}) => {
  // Three people through a whole session, two group ratings and the summary page.
  test.setTimeout(150_000);
  const aliceSession = await openSession(alice);
  const bobSession = await openSession(bob);
  const carolSession = await openNewAccountSession();
  const model = await aliceSession.api.createSharedModel(buildTitle("Guided shop"), [
    { email: bob.user.email, role: "editor" },
    { email: carolSession.user.email, role: "commenter" },
  ]);
  const carolBar = carolSession.page.getByRole("region", { name: "Facilitated session" });
  const atAlice = new DiagramPage(aliceSession.page);
  const atBob = new DiagramPage(bobSession.page);
  const aliceBar = aliceSession.page.getByRole("region", { name: "Facilitated session" });
  const bobBar = bobSession.page.getByRole("region", { name: "Facilitated session" });

  await test.step("Alice draws the system", async () => {
    await atAlice.open(model.id);
    await atAlice.dropFromPalette("Process", { x: 220, y: 160 });
    await atAlice.element("Process", "Process").click();
    await atAlice.renameSelected("Checkout");
    await expect(atAlice.element("Process", "Checkout")).toBeVisible();
  });

  await test.step("Alice starts a session; Bob follows to the current item", async () => {
    await atBob.open(model.id);
    await new DiagramPage(carolSession.page).open(model.id);
    await bobSession.page.getByRole("tab", { name: "Threats" }).click();
    await aliceSession.page.getByRole("button", { name: "Start session" }).click();
    const start = aliceSession.page.getByRole("dialog", { name: "Start a facilitated session" });
    await start.getByLabel("The whole model").check();
    await start.getByRole("button", { name: "Start session" }).click();
    for (const bar of [aliceBar, bobBar, carolBar]) {
      await expect(bar.getByLabel("Current item")).toHaveText("Checkout");
      await expect(bar.getByLabel("Current category")).toHaveText("Spoofing");
    }
    // Following: Bob's workspace switched to the diagram with the item selected.
    await expect(bobSession.page.getByRole("tab", { name: "Diagram" })).toHaveAttribute(
      "aria-selected",
      "true",
    );
    await expect(bobSession.page).toHaveURL(/select=/);
    await expect(bobBar.getByRole("button", { name: "Next" })).toHaveCount(0);
  });

  await test.step("Bob records a threat on the item and parks a fix idea", async () => {
    await bobBar.getByLabel("New threat on this item").fill("Stolen session replayed at checkout");
    // The others see what Bob is writing before he records it.
    await expect(aliceBar.getByRole("list", { name: "What others are typing" })).toContainText(
      `${bob.user.name} is writing a threat: “Stolen session replayed at checkout”`,
    );
    await bobBar.getByRole("button", { name: "Record threat" }).click();
    await expect(aliceBar.getByRole("list", { name: "What others are typing" })).toHaveCount(0);
    await expect(aliceBar.getByRole("list", { name: "Threats recorded here" })).toContainText(
      "Stolen session replayed at checkout",
    );
    await bobBar.getByLabel("Park an idea").fill("Bind sessions to the device");
    await bobBar.getByRole("button", { name: "Park it" }).click();
    await expect(aliceBar.getByText("Parking lot (1)")).toBeVisible();
  });

  await test.step("Bob cannot move the agenda, even by calling the API", async () => {
    const refused = await bobSession.page.request.post(`/api/models/${model.id}/session/commands`, {
      data: { command: { type: "next" } },
    });
    expect(refused.status()).toBe(403);
    await expect(bobBar.getByLabel("Current category")).toHaveText("Spoofing");
  });

  await test.step("Alice moves on: both see the next category", async () => {
    await aliceBar.getByRole("button", { name: "Next" }).click();
    for (const bar of [aliceBar, bobBar]) {
      await expect(bar.getByLabel("Current category")).toHaveText("Tampering");
    }
  });

  await test.step("In Fix the group rates the threat: Bob votes in secret, Alice reveals and records", async () => {
    await aliceBar
      .getByLabel("Phase", { exact: true })
      .last()
      .selectOption({ label: "Fix threats" });
    await expect(bobBar.getByLabel("Current threat")).toHaveText(
      "Stolen session replayed at checkout",
    );
    await aliceBar
      .getByRole("list", { name: "Parked ideas" })
      .getByRole("button", { name: "Use as mitigation" })
      .click();
    await aliceBar.getByRole("button", { name: "Rate together: severity" }).click();
    await bobBar
      .getByRole("group", { name: "Your vote" })
      .getByRole("button", { name: "Important" })
      .click();
    await carolBar
      .getByRole("group", { name: "Your vote" })
      .getByRole("button", { name: "Moderate" })
      .click();
    await expect(aliceBar.getByLabel("Voters")).toContainText(bob.user.name);
    await expect(aliceBar.getByLabel("Voters")).toContainText(carolSession.user.name);
    await expect(aliceBar.getByRole("list", { name: "Votes" })).toHaveCount(0);
    await aliceBar.getByRole("button", { name: "Reveal votes" }).click();
    await expect(bobBar.getByRole("list", { name: "Votes" })).toContainText("Important: 1");
    await expect(carolBar.getByRole("list", { name: "Votes" })).toContainText("Moderate: 1");
    await expect(aliceBar).toContainText("The group disagrees");
    await aliceBar.getByRole("button", { name: "Record Important" }).click();
    await expect(aliceBar.getByLabel("Group rating")).toHaveCount(0);
  });

  await test.step("The group rates it with DREAD on the model's scale; the spread shows", async () => {
    await aliceBar.getByRole("button", { name: "Rate together: DREAD" }).click();
    const ballots = [
      { bar: bobBar, values: ["3", "3", "2", "3", "2"] },
      { bar: carolBar, values: ["1", "1", "1", "2", "2"] },
    ];
    const factors = [
      "Damage potential",
      "Reproducibility",
      "Exploitability",
      "Affected users",
      "Discoverability",
    ];
    for (const { bar, values } of ballots) {
      const ballot = bar.getByRole("form", { name: "Your vote" });
      for (const [index, factor] of factors.entries()) {
        await ballot.getByLabel(factor).selectOption(values[index] ?? "1");
      }
      await ballot.getByRole("button", { name: "Cast my vote" }).click();
      await expect(bar).toContainText("Your vote is in");
    }
    await expect(aliceBar.getByLabel("Voters")).toContainText(carolSession.user.name);
    await aliceBar.getByRole("button", { name: "Reveal votes" }).click();
    const votes = bobBar.getByRole("table", { name: "Votes" });
    await expect(votes).toContainText("13 / 15");
    await expect(votes).toContainText("7 / 15");
    await expect(bobBar).toContainText("The group disagrees on Damage potential");
    await aliceBar.getByRole("button", { name: /Record the group’s mean/ }).click();
    await expect(aliceBar.getByLabel("Group rating")).toHaveCount(0);
  });

  await test.step("Alice ends the session; both see what was covered", async () => {
    await aliceBar.getByRole("button", { name: "End session" }).click();
    for (const bar of [aliceBar, bobBar]) {
      await expect(bar).toContainText("The facilitated session has ended.");
      await expect(bar).toContainText("1 idea was parked");
    }
    const summary = aliceBar.getByLabel("Session summary");
    await expect(summary.getByRole("list", { name: "Threats found per category" })).toHaveText(
      "Spoofing: 1",
    );
    await expect(
      summary.getByRole("img", { name: "Checkout, Spoofing: threats found" }),
    ).toBeVisible();
    // Leaving Tampering for the Fix phase recorded that the group looked and found nothing.
    await expect(
      summary.getByRole("img", { name: "Checkout, Tampering: discussed, none found" }),
    ).toBeVisible();
    await expect(
      summary.getByRole("img", { name: "Checkout, Repudiation: not visited" }),
    ).toBeVisible();
    // The parked idea became a mitigation of the threat in Fix.
    await bobSession.page.getByRole("tab", { name: "Mitigations" }).click();
    await expect(bobSession.page.getByRole("main")).toContainText("Bind sessions to the device");
    // The coverage as a heat map on the diagram: Checkout was walked in part.
    await aliceBar.getByRole("button", { name: "Show coverage on the diagram" }).click();
    await aliceSession.page.getByRole("tab", { name: "Diagram" }).click();
    await expect(atAlice.canvas.locator(".react-flow__node.diff-coverage-partial")).toContainText(
      "Checkout",
    );
  });

  await test.step("The summary has a page of its own: who took part, threats, the end version", async () => {
    await bobBar.getByRole("link", { name: "Open the summary page" }).click();
    await expect(bobSession.page).toHaveURL(/\/sessions\//);
    const page = bobSession.page.getByRole("main");
    await expect(page.getByRole("heading", { name: /Session summary/ })).toBeVisible();
    const tookPart = page.getByLabel("Who took part");
    await expect(tookPart).toContainText(`${alice.user.name} (facilitator)`);
    await expect(tookPart).toContainText(bob.user.name);
    await expect(tookPart).toContainText(carolSession.user.name);
    await expect(page.getByRole("list", { name: "Threats found per category" })).toHaveText(
      "Spoofing: 1",
    );
    await page.getByRole("link", { name: "The model as the session left it" }).click();
    await expect(
      bobSession.page.getByRole("heading", { name: /End of the session/ }),
    ).toBeVisible();
  });
});
