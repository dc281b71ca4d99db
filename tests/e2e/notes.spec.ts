import { NotesPage } from "./pages/notes-page";
import { WorkspacePage } from "./pages/workspace-page";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

test("two people write the notes at once and see each other's caret and words", async ({
  alice,
  bob,
  openSession,
}) => {
  const aliceSession = await openSession(alice);
  const bobSession = await openSession(bob);
  const model = await aliceSession.api.createSharedModel(buildTitle("Notes together"), [
    { email: bob.user.email, role: "editor" },
  ]);
  const atAlice = new WorkspacePage(aliceSession.page);
  const atBob = new WorkspacePage(bobSession.page);
  await atAlice.open(model.id);
  await atBob.open(model.id);
  const aliceNotes = new NotesPage(aliceSession.page);
  const bobNotes = new NotesPage(bobSession.page);
  await aliceNotes.open();
  await bobNotes.open();

  await test.step("both type in the same moment, each in their line; neither loses a word", async () => {
    await aliceNotes.editor.click();
    await aliceSession.page.keyboard.type("Alice: the login form needs rate limiting.");
    await expect(bobNotes.editor).toContainText("rate limiting.");
    // Bob starts a line of his own under Alice's.
    await bobNotes.editor.click();
    await bobSession.page.keyboard.press("Control+End");
    await bobSession.page.keyboard.press("Enter");
    await Promise.all([
      aliceSession.page.keyboard.type(" Also lock the account after ten tries."),
      bobSession.page.keyboard.type("Bob: the session cookie lacks SameSite."),
    ]);
    for (const notes of [aliceNotes, bobNotes]) {
      // Alice's words stay together in her line (the other person's caret label may follow).
      await expect(notes.editor.locator("p").first()).toContainText(
        "Alice: the login form needs rate limiting. Also lock the account after ten tries.",
      );
      await expect(notes.editor).toContainText("Bob: the session cookie lacks SameSite.");
    }
  });

  await test.step("each sees the other's caret with their name", async () => {
    await expect(aliceNotes.caretOf(bob.user.name)).toBeVisible();
    await expect(bobNotes.caretOf(alice.user.name)).toBeVisible();
  });

  await test.step("formatting from the toolbar reaches the other person", async () => {
    await aliceNotes.typeAtEnd("");
    await aliceSession.page.keyboard.press("Enter");
    await aliceNotes.toolbar.getByRole("button", { name: "Heading 2" }).click();
    await aliceSession.page.keyboard.type("Open questions");
    await expect(bobNotes.editor.getByRole("heading", { name: "Open questions" })).toBeVisible();
  });
});

test("a mention follows a rename, opens its threat, and is struck through once deleted", async ({
  alice,
  bob,
  openSession,
}) => {
  const aliceSession = await openSession(alice);
  const bobSession = await openSession(bob);
  const model = await aliceSession.api.createSharedModel(buildTitle("Mentions"), [
    { email: bob.user.email, role: "editor" },
  ]);
  const atAlice = new WorkspacePage(aliceSession.page);
  const atBob = new WorkspacePage(bobSession.page);
  const first = "Session fixation on sign-in";
  const renamed = "Session fixation after SSO sign-in";
  await atAlice.open(model.id);
  await atBob.open(model.id);
  await atAlice.addThreat(first, "Spoofing");
  const notes = new NotesPage(aliceSession.page);
  await notes.open();

  await test.step("typing # offers the threat; picking it inserts a mention", async () => {
    await notes.typeAtEnd("We agreed to fix ");
    await notes.mentionByName("fixation", first);
    await expect(notes.mention(first)).toBeVisible();
  });

  await test.step("Bob renames the threat: Alice's mention shows the new name", async () => {
    await expect(atBob.threat(first)).toBeVisible();
    await atBob.renameThreat(first, renamed);
    await expect(notes.mention(renamed)).toBeVisible();
  });

  await test.step("the mention opens the threat's details", async () => {
    await notes.mention(renamed).click();
    const details = aliceSession.page.getByRole("dialog");
    await expect(details).toBeVisible();
    await expect(details.getByRole("textbox").first()).toHaveValue(renamed);
    await aliceSession.page.keyboard.press("Escape");
  });

  await test.step("Bob deletes it: the mention is struck through, the notes stay intact", async () => {
    await atBob.deleteThreat(renamed);
    await notes.open();
    const gone = notes.editor.locator('[data-mention-state="deleted"]');
    await expect(gone).toHaveText(`#${first}`);
    await expect(gone).toHaveCSS("text-decoration-line", "line-through");
    await expect(notes.editor).toContainText("We agreed to fix");
  });
});

test("an action item linked to a threat is listed and counted on the threat; a viewer reads only", async ({
  alice,
  bob,
  openSession,
}) => {
  const aliceSession = await openSession(alice);
  const bobSession = await openSession(bob);
  const model = await aliceSession.api.createSharedModel(buildTitle("Actions"), [
    { email: bob.user.email, role: "viewer" },
  ]);
  const atAlice = new WorkspacePage(aliceSession.page);
  const threat = "Backups are readable by every operator";
  await atAlice.open(model.id);
  await atAlice.addThreat(threat, "Information disclosure");
  const notes = new NotesPage(aliceSession.page);
  await notes.open();

  await test.step("Alice turns a line into an action item with who, due date and threat", async () => {
    await notes.typeAtEnd("Encrypt the backups with a separate key");
    await notes.toolbar.getByRole("button", { name: "Action item" }).click();
    const block = notes.editor.locator('[data-note-item="action"]');
    await expect(block).toBeVisible();
    await block.getByLabel("Who").fill("Dana");
    await block.getByLabel("Who").press("Enter");
    await block.getByLabel("Due").fill("2027-03-01");
    await block.getByLabel("Threat").selectOption({ label: threat });
    await expect(notes.items).toContainText("Encrypt the backups with a separate key");
    await expect(notes.items).toContainText("Who: Dana");
    await expect(notes.items).toContainText("Due 2027-03-01");
    await expect(notes.items).toContainText(`Threat: ${threat}`);
  });

  await test.step("the threat counts it", async () => {
    await atAlice.main.getByRole("tab", { name: "Threats" }).click();
    await expect(atAlice.threat(threat)).toContainText("1 action");
  });

  await test.step("the viewer reads the notes and is told they are read-only", async () => {
    const atBob = new WorkspacePage(bobSession.page);
    await atBob.open(model.id);
    const bobNotes = new NotesPage(bobSession.page);
    await bobNotes.open();
    await expect(bobNotes.readOnlyLabel).toBeVisible();
    await expect(bobNotes.toolbar).toBeHidden();
    await expect(bobNotes.editor).toHaveAttribute("contenteditable", "false");
    await expect(bobNotes.editor).toContainText("Encrypt the backups with a separate key");
    await expect(bobNotes.items).toContainText("Who: Dana");
  });
});
