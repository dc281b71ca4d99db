import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitations } from "@/drizzle/schema";
import { reviewsAnswerSchema } from "@/lib/review/reviews";
import { inboxPageSchema } from "@/lib/review/inbox";
import {
  api,
  createModel,
  sessionCookieFor,
  setMembers,
  signUp,
  type TestUser,
} from "./support/api-client";
import { waitFor } from "./support/collab-client";
import { DEADLINE } from "./support/deadlines";
import { startMailServer, type TestMailServer } from "./support/mail";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

/** The invitation token in a raw email (quoted-printable soft breaks undone). */
function invitationTokenIn(raw: string): string | null {
  const text = raw.replace(/=\r?\n/g, "");
  return /\/invitations\/([A-Za-z0-9_-]{20,100})/.exec(text)?.[1] ?? null;
}

describe.each(DATABASES)("invitations, reviews and sign-off (%s)", (kind) => {
  let mail: TestMailServer;
  let server: TestServer;
  let owner: TestUser;
  let reviewer: TestUser;
  let viewer: TestUser;
  let modelId: string;

  beforeAll(async () => {
    mail = await startMailServer();
    server = await startTestServer(kind, { SMTP_URL: mail.url });
    owner = await signUp(server, "Olivia Owner");
    reviewer = await signUp(server, "Rita Reviewer");
    viewer = await signUp(server, "Victor Viewer");
    modelId = await createModel(server, owner, "Checkout");
    await setMembers(server, owner, modelId, [
      { user: owner, role: "owner" },
      { user: reviewer, role: "commenter" },
      { user: viewer, role: "viewer" },
    ]);
  }, DEADLINE.serverStart);
  afterAll(async () => {
    await server.destroy();
    await mail.close();
  });

  async function invite(email: string, role = "commenter"): Promise<string> {
    const answer = await api(server, "POST", `/api/models/${modelId}/invitations`, {
      user: owner,
      body: { email, role },
    });
    expect(answer.status).toBe(201);
    let token: string | null = null;
    await waitFor(
      () => {
        const message = mail.received.filter((m) => m.to.includes(email)).at(-1);
        token = message ? invitationTokenIn(message.raw) : null;
        return token !== null;
      },
      DEADLINE.propagation,
      "the invitation email",
    );
    return token ?? "";
  }

  async function signUpAs(email: string, name: string): Promise<TestUser> {
    const password = "correct horse battery staple";
    const answer = await api(server, "POST", "/api/users", { body: { email, name, password } });
    expect(answer.status).toBe(201);
    const id = (answer.body as { user: { id: string } }).user.id;
    return { id, email, name, password, cookie: await sessionCookieFor({ id, email, name }) };
  }

  it("invites someone without an account, who signs up and joins with the invited role", async () => {
    const email = "new.person@example.test";
    const token = await invite(email);
    const view = await api(server, "GET", `/api/invitations/${token}`);
    expect(view.status).toBe(200);
    expect((view.body as { invitation: unknown }).invitation).toMatchObject({
      modelTitle: "Checkout",
      email,
      role: "commenter",
      invitedBy: "Olivia Owner",
      status: "pending",
    });
    const someoneElse = await signUp(server, "Mallory");
    const wrong = await api(server, "POST", `/api/invitations/${token}/accept`, {
      user: someoneElse,
    });
    expect(wrong.status).toBe(403);

    const invited = await signUpAs(email, "Nina New");
    const accepted = await api(server, "POST", `/api/invitations/${token}/accept`, {
      user: invited,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ modelId, role: "commenter" });
    const model = await api(server, "GET", `/api/models/${modelId}`, { user: invited });
    expect(model.status).toBe(200);
    const me = await api(server, "GET", "/api/users/me", { user: invited });
    expect((me.body as { user: { emailVerified: boolean } }).user.emailVerified).toBe(true);
    const again = await api(server, "POST", `/api/invitations/${token}/accept`, { user: invited });
    expect(again.status).toBe(409);
  });

  it("refuses expired, withdrawn and made-up links, and invitations by non-owners", async () => {
    const expiredToken = await invite("late@example.test");
    await server.runtime.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.email, "late@example.test"));
    const late = await signUpAs("late@example.test", "Larry Late");
    const expired = await api(server, "POST", `/api/invitations/${expiredToken}/accept`, {
      user: late,
    });
    expect(expired.status).toBe(409);
    expect((await api(server, "GET", `/api/models/${modelId}`, { user: late })).status).toBe(404);

    await invite("withdrawn@example.test");
    const list = await api(server, "GET", `/api/models/${modelId}/invitations`, { user: owner });
    const pending = (list.body as { invitations: { id: string; email: string }[] }).invitations;
    const withdrawn = pending.find((i) => i.email === "withdrawn@example.test");
    expect(withdrawn).toBeDefined();
    const deleted = await api(
      server,
      "DELETE",
      `/api/models/${modelId}/invitations/${withdrawn?.id ?? ""}`,
      { user: owner },
    );
    expect(deleted.status).toBe(204);

    const madeUp = await api(server, "GET", `/api/invitations/${"x".repeat(43)}`);
    expect(madeUp.status).toBe(404);
    const byCommenter = await api(server, "POST", `/api/models/${modelId}/invitations`, {
      user: reviewer,
      body: { email: "friend@example.test", role: "owner" },
    });
    expect(byCommenter.status).toBe(403);
  });

  it("requests a review, records the sign-off on a version, and shows it as older after a change", async () => {
    const refused = await api(server, "POST", `/api/models/${modelId}/reviews`, {
      user: owner,
      body: { reviewerIds: [viewer.id], message: "Please look" },
    });
    expect(refused.status).toBe(400);
    const requested = await api(server, "POST", `/api/models/${modelId}/reviews`, {
      user: owner,
      body: { reviewerIds: [reviewer.id], message: "Ready for sign-off", dueDate: "2027-01-31" },
    });
    expect(requested.status).toBe(201);
    const answer = reviewsAnswerSchema.parse(requested.body);
    expect(answer.state).toBe("in-review");
    const reviewId = answer.reviews[0]?.id ?? "";
    const inbox = inboxPageSchema.parse(
      (await api(server, "GET", "/api/inbox?filter=reviews", { user: reviewer })).body,
    );
    expect(inbox.items[0]).toMatchObject({ reason: "review-requested", reviewId });

    const notAsked = await api(
      server,
      "POST",
      `/api/models/${modelId}/reviews/${reviewId}/decision`,
      {
        user: owner,
        body: { decision: "approved" },
      },
    );
    expect(notAsked.status).toBe(403);
    const decided = await api(
      server,
      "POST",
      `/api/models/${modelId}/reviews/${reviewId}/decision`,
      {
        user: reviewer,
        body: { decision: "approved", note: "Looks complete" },
      },
    );
    expect(decided.status).toBe(200);
    const after = reviewsAnswerSchema.parse(decided.body);
    expect(after.state).toBe("approved");
    const signOff = after.reviews[0]?.reviewers[0];
    expect(signOff).toMatchObject({
      decision: "approved",
      note: "Looks complete",
      isOnOlderVersion: false,
      version: { label: "Approved by Rita Reviewer" },
    });
    const versions = await api(server, "GET", `/api/models/${modelId}/versions`, { user: viewer });
    expect(
      (versions.body as { versions: { id: number; kind: string }[] }).versions.find(
        (v) => v.id === signOff?.version?.id,
      )?.kind,
    ).toBe("sign-off");

    const change = await api(server, "POST", `/api/models/${modelId}/threats`, {
      user: owner,
      body: { title: "Added after the sign-off", category: "tampering" },
    });
    expect(change.status).toBe(201);
    const later = reviewsAnswerSchema.parse(
      (await api(server, "GET", `/api/models/${modelId}/reviews`, { user: viewer })).body,
    );
    expect(later.reviews[0]?.reviewers[0]?.isOnOlderVersion).toBe(true);
    const ownerInbox = inboxPageSchema.parse(
      (await api(server, "GET", "/api/inbox?filter=reviews", { user: owner })).body,
    );
    expect(ownerInbox.items[0]).toMatchObject({
      reason: "review-decided",
      actor: { name: "Rita Reviewer" },
    });
    const report = await api(server, "GET", `/api/models/${modelId}/report?format=html`, {
      user: viewer,
    });
    expect(report.status).toBe(200);
    const html = String(report.body);
    expect(html).toContain("Rita Reviewer");
    expect(html).toContain("Approved (the model changed since)");
    expect(html).toContain("Approved by Rita Reviewer");
  });
});
