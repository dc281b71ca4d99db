import { DiagramPage } from "./pages/diagram-page";
import { buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";

test("two people discuss an element in a thread, live; the thread resolves and the review signs off", async ({
  alice,
  bob,
  openSession,
}) => {
  const aliceSession = await openSession(alice);
  const bobSession = await openSession(bob);
  const model = await aliceSession.api.createSharedModel(buildTitle("Discussion"), [
    { email: bob.user.email, role: "commenter" },
  ]);
  const atAlice = new DiagramPage(aliceSession.page);
  await atAlice.open(model.id);
  await atAlice.dropFromPalette("Data store", { x: 260, y: 180 });
  await atAlice.element("Data store", "Data store").click();
  await atAlice.renameSelected("Orders DB");
  const alicePage = aliceSession.page;
  const bobPage = bobSession.page;
  const atBob = new DiagramPage(bobPage);
  await atBob.open(model.id);
  const bobName = bob.user.name;

  await test.step("Alice starts a thread on the store from its properties, mentioning Bob", async () => {
    await atAlice.element("Data store", "Orders DB").click();
    const panel = alicePage.getByRole("region", { name: "Discussion of Orders DB" });
    await panel.getByRole("button", { name: "Start a thread" }).click();
    await panel.getByLabel("Subject").fill("Does it hold card numbers?");
    const body = panel.getByRole("combobox", { name: "First message" });
    await body.fill("If it does, PCI scope grows. ");
    await body.pressSequentially(`@${bobName.slice(0, 3)}`);
    await expect(panel.getByRole("option", { name: new RegExp(bobName) })).toBeVisible();
    await body.press("Enter");
    await body.pressSequentially("can you check?");
    await panel.getByRole("button", { name: "Start thread" }).click();
    const thread = alicePage.getByRole("article");
    await expect(thread.getByRole("heading", { name: "Does it hold card numbers?" })).toBeVisible();
    await expect(thread.locator(".mention")).toHaveText(`@${bobName}`);
  });

  await test.step("Bob sees the badge on the store without reloading, and opens the thread", async () => {
    const badge = atBob.element("Data store", "Orders DB").getByRole("button", {
      name: "1 open thread on Orders DB",
    });
    await expect(badge).toBeVisible();
    await badge.click();
    await expect(bobPage.getByRole("tab", { name: "Discussion" })).toHaveAttribute(
      "aria-selected",
      "true",
    );
    await bobPage.getByRole("button", { name: /Does it hold card numbers\?/ }).click();
    await expect(bobPage.getByRole("article")).toContainText("PCI scope grows");
  });

  await test.step("Bob replies with a quote and raw HTML that stays text; Alice sees it live", async () => {
    const thread = bobPage.getByRole("article");
    await thread.getByRole("button", { name: "Quote" }).first().click();
    const reply = thread.getByRole("combobox", { name: /^Reply to/ });
    await expect(reply).toHaveValue(/^> \*\*/);
    await reply.press("End");
    await reply.pressSequentially("Yes, the card numbers. <img src=x onerror=alert(1)>");
    await thread.getByRole("button", { name: "Reply", exact: true }).click();
    const aliceThread = alicePage.getByRole("article");
    await expect(
      aliceThread.getByRole("listitem").filter({ hasText: "Yes, the card numbers." }),
    ).toBeVisible();
    await expect(aliceThread).toContainText("<img src=x onerror=alert(1)>");
    await expect(aliceThread.locator("img")).toHaveCount(0);
    await expect(aliceThread.locator("blockquote").first()).toContainText("If it does");
  });

  await test.step("Alice edits her message and resolves the thread; Bob sees both", async () => {
    const aliceThread = alicePage.getByRole("article");
    await aliceThread.getByRole("button", { name: "Edit" }).first().click();
    const edit = aliceThread.getByRole("combobox", { name: "Edit your message" });
    await edit.fill("If it does, PCI DSS scope grows to the store.");
    await aliceThread.getByRole("button", { name: "Save" }).click();
    await expect(bobPage.getByRole("article")).toContainText("PCI DSS scope grows to the store");
    await expect(
      bobPage.getByRole("article").getByRole("button", { name: /^edited/ }),
    ).toBeVisible();
    await aliceThread.getByRole("button", { name: "Resolve" }).click();
    await expect(bobPage.getByRole("article")).toContainText(`Resolved by ${alice.user.name}`);
    await bobPage.getByRole("tab", { name: "Diagram" }).click();
    await expect(atBob.element("Data store", "Orders DB")).toBeVisible();
    await expect(
      atBob.element("Data store", "Orders DB").getByRole("button", { name: /open thread/ }),
    ).toHaveCount(0);
  });

  await test.step("Alice asks Bob for a review; Bob approves; a later change marks it older", async () => {
    await alicePage.getByRole("button", { name: /^Review/ }).click();
    const aliceDialog = alicePage.getByRole("dialog", { name: "Review and sign-off" });
    await aliceDialog.getByRole("button", { name: "Request a review" }).click();
    await aliceDialog.getByRole("checkbox", { name: new RegExp(bobName) }).check();
    await aliceDialog.getByLabel("Message").fill("Ready for your sign-off");
    await aliceDialog.getByRole("button", { name: "Send the request" }).click();
    await expect(aliceDialog).toContainText("In review");
    await aliceDialog.getByRole("button", { name: "Close" }).last().click();

    await expect(bobPage.getByRole("button", { name: /^Review.*In review/ })).toBeVisible();
    await bobPage.getByRole("button", { name: /^Review/ }).click();
    const bobDialog = bobPage.getByRole("dialog", { name: "Review and sign-off" });
    await bobDialog.getByRole("button", { name: "Approve" }).click();
    await expect(bobDialog.getByRole("list", { name: "Reviewers" })).toContainText("Approved");
    await expect(alicePage.getByRole("button", { name: /^Review.*Approved/ })).toBeVisible();

    await alicePage.getByRole("tab", { name: "Diagram" }).click();
    await atAlice.dropFromPalette("Process", { x: 460, y: 260 });
    await bobDialog.getByRole("button", { name: "Close" }).last().click();
    await bobPage.getByRole("button", { name: /^Review/ }).click();
    const reopened = bobPage.getByRole("dialog", { name: "Review and sign-off" });
    await expect(reopened).toContainText("On an older version");
    await expect(reopened.getByRole("link", { name: "See what changed" })).toBeVisible();
  });
});
