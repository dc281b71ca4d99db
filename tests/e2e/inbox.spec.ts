import { z } from "zod";
import type { APIRequestContext } from "@playwright/test";
import { mentionToken } from "@/lib/review/mentions";
import { InboxPage } from "./pages/inbox-page";
import { MembersDialog } from "./pages/members-dialog";
import { SignUpPage } from "./pages/sign-up-page";
import { WorkspacePage } from "./pages/workspace-page";
import { buildAccount, buildTitle } from "./support/factories";
import { expect, test } from "./support/fixtures";
import { mailTo } from "./support/mail";

const threadAnswerSchema = z.object({ thread: z.object({ id: z.string() }) });

/** Opens a thread about the whole model through the API, as the composer would; answers its id. */
async function postThread(
  request: APIRequestContext,
  origin: string,
  input: { modelId: string; subject: string; body: string },
): Promise<string> {
  const response = await request.post(`/api/models/${encodeURIComponent(input.modelId)}/threads`, {
    data: { target: { kind: "model" }, subject: input.subject, body: input.body },
    headers: { origin },
  });
  if (!response.ok()) {
    throw new Error(`POST threads answered ${response.status()}: ${await response.text()}`);
  }
  return threadAnswerSchema.parse(await response.json()).thread.id;
}

/** The token of the newest invitation email to `email` (the server writes mail to files). */
async function waitForInvitationToken(email: string): Promise<string> {
  let token: string | undefined;
  await expect
    .poll(
      () => {
        token = mailTo(email)
          .map((raw) => raw.replace(/=\r?\n/g, "").replace(/=3D/g, "="))
          .map((raw) => /\/invitations\/([A-Za-z0-9_-]{20,100})/.exec(raw)?.[1])
          .filter((found): found is string => found !== undefined)
          .at(-1);
        return token;
      },
      { message: `an invitation email to ${email}`, timeout: 15_000 },
    )
    .toBeTruthy();
  if (!token) throw new Error(`no invitation email to ${email}`);
  return token;
}

test("the inbox fills live and is worked from the keyboard like a mail client", async ({
  openNewAccountSession,
  appOrigin,
}) => {
  const owner = await openNewAccountSession(buildAccount({ name: "Olga Owner" }));
  const commenter = await openNewAccountSession(buildAccount({ name: "Carl Commenter" }));
  const model = await owner.api.createSharedModel(buildTitle("Payments"), [
    { email: commenter.user.email, role: "commenter" },
  ]);
  const mention = mentionToken({ id: commenter.user.id, name: commenter.user.name });
  const inbox = new InboxPage(commenter.page);
  const { keyboard } = commenter.page;
  const first = "Rotate the signing key";
  const second = "Retention of audit logs";

  await test.step("an empty inbox says so, and the navigation shows no badge", async () => {
    await inbox.goto();
    await expect(inbox.emptyHeading).toBeVisible();
    await expect(inbox.filter("All")).toHaveAttribute("aria-current", "page");
    await inbox.expectUnreadBadge(0);
  });

  await test.step("a mention arrives without reloading: badge 1 and a bold row", async () => {
    await postThread(owner.context.request, appOrigin, {
      modelId: model.id,
      subject: first,
      body: `${mention} can you check when we last rotated it?`,
    });
    await inbox.expectUnreadBadge(1);
    const row = inbox.row(first);
    await expect(row).toBeVisible();
    await expect(row).toContainText("Olga Owner mentioned you");
    await expect(row).toContainText(model.title);
    await expect(row).toContainText("can you check when we last rotated it?");
    await expect(row.getByRole("button", { name: /^Mark read/ })).toBeVisible();
  });

  await test.step("j selects the row; u toggles read; e archives it", async () => {
    const row = inbox.row(first);
    await keyboard.press("j");
    await expect(row).toHaveAttribute("aria-selected", "true");
    await expect(row).toBeFocused();
    await keyboard.press("u");
    await inbox.expectUnreadBadge(0);
    await expect(row.getByRole("button", { name: /^Mark unread/ })).toBeVisible();
    await keyboard.press("u");
    await inbox.expectUnreadBadge(1);
    await expect(row.getByRole("button", { name: /^Mark read/ })).toBeVisible();
    await keyboard.press("e");
    await expect(row).toBeHidden();
    await expect(inbox.emptyHeading).toBeVisible();
    await inbox.expectUnreadBadge(0);
  });

  await test.step("the archived row is under Archived", async () => {
    await inbox.filter("Archived").click();
    await expect(inbox.filter("Archived")).toHaveAttribute("aria-current", "page");
    await expect(inbox.row(first)).toBeVisible();
    await expect(inbox.row(first).getByRole("button", { name: /^Unarchive/ })).toBeVisible();
  });

  const threadId = await test.step("another mention arrives while Archived is shown", async () => {
    const id = await postThread(owner.context.request, appOrigin, {
      modelId: model.id,
      subject: second,
      body: `${mention} how long do we keep them?`,
    });
    await inbox.expectUnreadBadge(1);
    await inbox.filter("All").click();
    await expect(inbox.row(second)).toBeVisible();
    await expect(inbox.row(first)).toBeHidden();
    return id;
  });

  await test.step("j then Enter opens the thread and reads it", async () => {
    await keyboard.press("j");
    await expect(inbox.row(second)).toHaveAttribute("aria-selected", "true");
    await keyboard.press("Enter");
    await commenter.page.waitForURL(
      (url) =>
        url.pathname === `/models/${model.id}` &&
        url.searchParams.get("tab") === "discussion" &&
        url.searchParams.get("thread") === threadId,
      { waitUntil: "commit" },
    );
    await expect
      .poll(async () => {
        const response = await commenter.context.request.get("/api/inbox/count");
        return z.object({ unreadCount: z.number() }).parse(await response.json()).unreadCount;
      })
      .toBe(0);
  });
});

test("an invitation by email leads a new person through sign-up straight into the model", async ({
  openNewAccountSession,
  browser,
  baseURL,
  appOrigin,
}) => {
  const owner = await openNewAccountSession(buildAccount({ name: "Ines Inviter" }));
  const model = await owner.api.createModel(buildTitle("Mobile banking"));
  const newcomer = buildAccount({ name: "Nina Newcomer" });
  const stranger = buildAccount({ name: "Sam Stranger" });

  await test.step("the Members dialog offers an invitation for an address without an account", async () => {
    const workspace = new WorkspacePage(owner.page);
    await workspace.goto(model.id);
    await expect(workspace.title).toHaveText(model.title);
    const members = await workspace.openMembers();
    await members.addMember(stranger.email, "Viewer");
    await members.saveButton.click();
    await expect(members.dialog.getByText(`No account uses ${stranger.email}`)).toBeVisible();
    await members.dialog.getByRole("button", { name: /^Send an invitation instead/ }).click();
    const pending = members.dialog.getByRole("list", { name: "Pending invitations" });
    await expect(pending.getByRole("listitem").filter({ hasText: stranger.email })).toContainText(
      "Viewer",
    );
    await expect(members.roleOf(stranger.email)).toHaveCount(0);
    await pending
      .getByRole("button", { name: `Withdraw the invitation to ${stranger.email}` })
      .click();
    await expect(pending).toBeHidden();
    await expect(members.dialog.getByText("No pending invitations.")).toBeVisible();
    await members.dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(new MembersDialog(owner.page).dialog).toBeHidden();
  });

  const token = await test.step("the owner invites a new address", async () => {
    const response = await owner.context.request.post(
      `/api/models/${encodeURIComponent(model.id)}/invitations`,
      { data: { email: newcomer.email, role: "editor" }, headers: { origin: appOrigin } },
    );
    expect(response.status(), await response.text()).toBe(201);
    return waitForInvitationToken(newcomer.email);
  });

  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();

    await test.step("signed out, the link says who invited whom and offers an account", async () => {
      await page.goto(`/invitations/${token}`);
      await expect(
        page.getByText(`Ines Inviter invited you to ${model.title} as an editor.`),
      ).toBeVisible();
      await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
      await page.getByRole("link", { name: "Create an account" }).click();
    });

    await test.step("sign-up has the address filled in and lands in the model", async () => {
      const signUp = new SignUpPage(page);
      await expect(signUp.heading).toBeVisible();
      await expect(signUp.email).toHaveValue(newcomer.email);
      await signUp.name.fill(newcomer.name);
      await signUp.password.fill(newcomer.password);
      await signUp.submit.click();
      await page.waitForURL((url) => url.pathname === `/models/${model.id}`);
      await expect(new WorkspacePage(page).title).toHaveText(model.title);
    });

    await test.step("the link is spent", async () => {
      await page.goto(`/invitations/${token}`);
      await expect(page.getByText("This invitation was already used")).toBeVisible();
      await expect(page.getByRole("link", { name: "Open the model" })).toBeVisible();
    });

    await test.step("a made-up link says it is not valid and offers nothing", async () => {
      await page.goto(`/invitations/${"x".repeat(40)}`);
      await expect(page.getByText("This invitation link is not valid")).toBeVisible();
      await expect(page.getByRole("button")).toHaveCount(0);
    });
  } finally {
    await context.close();
  }
});
