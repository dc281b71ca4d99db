import { DiagramPage } from "./pages/diagram-page";
import { WorkspacePage } from "./pages/workspace-page";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

test("a saved version is compared with now and restored, and the other person sees the restore live", async ({
  alice,
  bob,
  openSession,
}) => {
  const aliceSession = await openSession(alice);
  const bobSession = await openSession(bob);
  const model = await aliceSession.api.createSharedModel(buildTitle("Versioned shop"), [
    { email: bob.user.email, role: "editor" },
  ]);
  const atAlice = new WorkspacePage(aliceSession.page);
  const atBob = new WorkspacePage(bobSession.page);
  const kept = "Attacker replays a captured session token";
  const later = "Attacker tampers with the basket total";

  await atAlice.open(model.id);
  await atBob.open(model.id);
  await atAlice.addThreat(kept, "Tampering");
  await expect(atBob.threat(kept)).toBeVisible();

  const versions = aliceSession.page.getByRole("dialog", { name: "Versions" });
  await test.step("Alice saves a version", async () => {
    await aliceSession.page.getByRole("button", { name: "Versions" }).click();
    await versions.getByLabel("Save the model as it is now").fill("Before the review");
    await versions.getByRole("button", { name: "Save version" }).click();
    await expect(versions.getByRole("list", { name: "Versions" })).toContainText(
      "Before the review",
    );
    await versions.getByRole("button", { name: "Close dialog" }).click();
  });

  await test.step("Bob adds a threat; comparing the version with now shows it as added", async () => {
    await atBob.addThreat(later, "Tampering");
    await expect(atAlice.threat(later)).toBeVisible();
    await aliceSession.page.getByRole("button", { name: "Versions" }).click();
    await versions.getByRole("button", { name: "Compare “Before the review” with now" }).click();
    const changes = versions.getByRole("list", { name: "Changed entities" });
    await expect(changes).toContainText(`Added · Threat “${later}”`);
  });

  await test.step("Alice restores it: the threat disappears for Bob without a reload", async () => {
    await versions.getByRole("button", { name: "Restore “Before the review”" }).click();
    const confirm = aliceSession.page.getByRole("dialog", { name: "Restore “Before the review”?" });
    await confirm.getByRole("button", { name: "Restore" }).click();
    await expect(aliceSession.page.getByText("Restored “Before the review”.")).toBeVisible();
    await expect(atBob.threat(later)).toBeHidden();
    await expect(atBob.threat(kept)).toBeVisible();
    await expect(versions.getByRole("list", { name: "Versions" })).toContainText(
      "Before restoring “Before the review”",
    );
  });

  await test.step("the activity feed says who did what", async () => {
    await versions.getByRole("button", { name: "Close dialog" }).click();
    await aliceSession.page.getByRole("button", { name: "Activity" }).click();
    const activity = aliceSession.page.getByRole("dialog", { name: "Activity" });
    await expect(activity).toContainText(`${bob.user.name} added the threat “${later}”`);
    await expect(activity).toContainText("restored the version “Before the review”");
  });
});

test("a version opens read-only, and comparing it with now marks the diagram's changes", async ({
  alice,
  openSession,
}) => {
  const session = await openSession(alice);
  const { page } = session;
  const model = await session.api.createSharedModel(buildTitle("Drawn shop"), []);
  const diagram = new DiagramPage(page);
  await diagram.open(model.id);

  await test.step("Alice draws a process and saves a version", async () => {
    await diagram.dropFromPalette("Process", { x: 200, y: 140 });
    await diagram.element("Process", "Process").click();
    await diagram.renameSelected("Checkout");
    await expect(diagram.element("Process", "Checkout")).toBeVisible();
    await page.getByRole("button", { name: "Versions" }).click();
    const versions = page.getByRole("dialog", { name: "Versions" });
    await versions.getByLabel("Save the model as it is now").fill("First sketch");
    await versions.getByRole("button", { name: "Save version" }).click();
    await expect(versions.getByRole("list", { name: "Versions" })).toContainText("First sketch");
    await versions.getByRole("button", { name: "Close dialog" }).click();
  });

  await test.step("then renames it and adds a data store", async () => {
    await diagram.element("Process", "Checkout").click();
    await diagram.renameSelected("Checkout API");
    await diagram.dropFromPalette("Data store", { x: 520, y: 140 });
    await expect(diagram.element("Data store", "Data store")).toBeVisible();
  });

  await test.step("the version opens read-only, as it was", async () => {
    await page.getByRole("button", { name: "Versions" }).click();
    await page.getByRole("link", { name: "Open “First sketch” read-only" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("First sketch");
    await expect(page.getByText("Read-only", { exact: true })).toBeVisible();
    await page.getByRole("tab", { name: "Diagram" }).click();
    await expect(diagram.element("Process", "Checkout")).toBeVisible();
    await expect(diagram.element("Data store", "Data store")).toHaveCount(0);
    await expect(diagram.palette).toHaveCount(0);
  });

  await test.step("comparing with now: added green, changed amber", async () => {
    await page.getByRole("button", { name: "Compare with now" }).click();
    await expect(page.getByText("added in green")).toBeVisible();
    await expect(diagram.canvas.locator(".react-flow__node.diff-added")).toContainText(
      "Data store",
    );
    await expect(diagram.canvas.locator(".react-flow__node.diff-changed")).toContainText(
      "Checkout API",
    );
    await page.getByRole("button", { name: "Stop comparing" }).click();
    await expect(diagram.canvas.locator(".react-flow__node.diff-added")).toHaveCount(0);
  });
});
