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
});
