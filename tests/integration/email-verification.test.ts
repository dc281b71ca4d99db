import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, users } from "@/drizzle/schema";
import { createSession } from "@/server/services/sessions/create-session";
import { isSessionActive } from "@/server/services/sessions/is-session-active";
import { upsertOidcUser } from "@/server/services/users/upsert-oidc-user";
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
import { startMailServer, verificationTokenIn, type TestMailServer } from "./support/mail";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

async function me(server: TestServer, user: TestUser) {
  const answer = await api(server, "GET", "/api/users/me", { user });
  return answer.body as { user: { emailVerified: boolean }; isRuleSetAdmin: boolean };
}

describe.each(DATABASES)("email verification over SMTP (%s)", (kind) => {
  let mail: TestMailServer;
  let server: TestServer;
  const adminEmail = "root@example.test";

  beforeAll(async () => {
    mail = await startMailServer();
    server = await startTestServer(kind, { SMTP_URL: mail.url, ADMIN_EMAILS: adminEmail });
  });
  afterAll(async () => {
    await server.destroy();
    await mail.close();
  });

  /** The messages sent to `email` so far, once at least `count` have arrived. */
  async function mailTo(email: string, count = 1) {
    const messages = () => mail.received.filter((message) => message.to.includes(email));
    await waitFor(() => messages().length >= count, DEADLINE.propagation, `mail to ${email}`);
    return messages();
  }

  it("emails a link on sign-up that verifies the address, once and for that address only", async () => {
    const user = await signUp(server, "Vera Verify", { verified: false });
    expect((await me(server, user)).user.emailVerified).toBe(false);
    const [message] = await mailTo(user.email);
    expect(message?.raw).toMatch(/Subject: Confirm your email address/);
    const token = verificationTokenIn(message?.raw ?? "");
    expect(token).not.toBeNull();

    const forged = `${token?.slice(0, -2)}xx`;
    const refused = await api(server, "POST", "/api/email-verifications", {
      body: { token: forged },
    });
    expect(refused.status).toBe(400);
    expect((await me(server, user)).user.emailVerified).toBe(false);

    const accepted = await api(server, "POST", "/api/email-verifications", { body: { token } });
    expect(accepted.status).toBe(200);
    expect((await me(server, user)).user.emailVerified).toBe(true);
    // Using the link again changes nothing and is not an error.
    expect(
      (await api(server, "POST", "/api/email-verifications", { body: { token } })).status,
    ).toBe(200);
    // Nothing more to confirm.
    const again = await api(server, "POST", "/api/users/me/verification-email", { user });
    expect(again.status).toBe(409);
  });

  it("sends the link again on request, a few times an hour at most", async () => {
    const user = await signUp(server, "Rhea Resend", { verified: false });
    await mailTo(user.email, 1);
    for (let sent = 2; sent <= 5; sent += 1) {
      const answer = await api(server, "POST", "/api/users/me/verification-email", { user });
      expect(answer.status).toBe(202);
    }
    const sixth = await api(server, "POST", "/api/users/me/verification-email", { user });
    expect(sixth.status).toBe(429);
    expect(await mailTo(user.email, 5)).toHaveLength(5);
  });

  it("never adds someone to a model through an address they have not verified", async () => {
    const owner = await signUp(server, "Olga Owner");
    const squatter = await signUp(server, "Sam Squatter", { verified: false });
    const modelId = await createModel(server, owner, "Shared carefully");
    const refused = await setMembers(server, owner, modelId, [
      { user: owner, role: "owner" },
      { user: squatter, role: "editor" },
    ]);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain("has not confirmed their email address");
    const members = await api(server, "GET", `/api/models/${modelId}/members`, { user: owner });
    expect(JSON.stringify(members.body)).not.toContain(squatter.email);

    const [message] = await mailTo(squatter.email);
    const token = verificationTokenIn(message?.raw ?? "");
    expect(
      (await api(server, "POST", "/api/email-verifications", { body: { token } })).status,
    ).toBe(200);
    const added = await setMembers(server, owner, modelId, [
      { user: owner, role: "owner" },
      { user: squatter, role: "editor" },
    ]);
    expect(added.status).toBe(200);
  });

  it("makes an ADMIN_EMAILS address an administrator only once it is verified", async () => {
    const answer = await api(server, "POST", "/api/users", {
      body: { email: adminEmail, name: "Root Admin", password: "correct horse battery staple" },
    });
    expect(answer.status).toBe(201);
    const id = (answer.body as { user: { id: string } }).user.id;
    const admin: TestUser = {
      id,
      email: adminEmail,
      name: "Root Admin",
      password: "correct horse battery staple",
      cookie: await sessionCookieFor({ id, email: adminEmail, name: "Root Admin" }),
    };
    expect((await me(server, admin)).isRuleSetAdmin).toBe(false);
    const [message] = await mailTo(adminEmail);
    const token = verificationTokenIn(message?.raw ?? "");
    await api(server, "POST", "/api/email-verifications", { body: { token } });
    expect((await me(server, admin)).isRuleSetAdmin).toBe(true);
  });

  it("gives an unverified account to whoever single sign-on proves owns the address", async () => {
    const db = server.runtime.db;
    const squatter = await signUp(server, "Pre Hijacker", { verified: false });
    const sid = await createSession(db, { userId: squatter.id, maxAgeSeconds: 3600 });
    const owner = await upsertOidcUser(db, { email: squatter.email, name: "Real Owner" });
    expect(owner.id).toBe(squatter.id);
    expect(owner.emailVerified).toBe(true);
    const [row] = await db.select().from(users).where(eq(users.id, squatter.id));
    expect(row?.passwordHash).toBeNull();
    expect(await isSessionActive(db, { sessionId: sid, userId: squatter.id })).toBe(false);
    // The password set before no longer signs in: it is gone.
    const [stored] = await db.select().from(sessions).where(eq(sessions.id, sid));
    expect(stored?.revokedAt).not.toBeNull();
  });

  it("links single sign-on to a verified account and keeps its password", async () => {
    const db = server.runtime.db;
    const user = await signUp(server, "Vic Verified");
    const linked = await upsertOidcUser(db, { email: user.email, name: "Vic" });
    expect(linked.id).toBe(user.id);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).not.toBeNull();
  });
});

describe("email without a mail server", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer("pglite");
  });
  afterAll(() => server.destroy());

  it("writes each email as a private .eml file in the data folder", async () => {
    const user = await signUp(server, "Fern Files", { verified: false });
    const folder = path.join(server.dataDir, "mail");
    const files = () =>
      fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.endsWith(".eml")) : [];
    await waitFor(() => files().length >= 1, DEADLINE.propagation, "an .eml file");
    const [name] = files();
    const file = path.join(folder, name ?? "");
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(fs.statSync(folder).mode & 0o077).toBe(0);
    const raw = fs.readFileSync(file, "utf8");
    expect(raw).toContain(`To: ${user.email}`);
    const token = verificationTokenIn(raw);
    expect(
      (await api(server, "POST", "/api/email-verifications", { body: { token } })).status,
    ).toBe(200);
  });
});
