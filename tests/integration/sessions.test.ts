import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { CLOSE_CODES } from "@/lib/collab/close-codes";
import { SCHEMA_VERSION } from "@/lib/model/document";
import { createSession } from "@/server/services/sessions/create-session";
import { revokeSessions } from "@/server/services/sessions/revoke-sessions";
import { api, createModel, signUp, type TestUser } from "./support/api-client";
import { openRawSocket, waitFor } from "./support/collab-client";
import { DATABASES, startTestServer, TEST_SECRET, type TestServer } from "./support/test-server";

describe.each(DATABASES)("server-side sessions (%s)", (kind) => {
  let server: TestServer;
  let admin: TestUser;
  let user: TestUser;

  /** A session cookie as next-auth issues it on sign-in: naming a session stored on the server. */
  async function signIn(who: TestUser): Promise<{ user: TestUser; sessionId: string }> {
    const sessionId = await createSession(server.runtime.db, {
      userId: who.id,
      maxAgeSeconds: 3600,
    });
    const token = await encode({
      token: { sub: who.id, email: who.email, name: who.name, sid: sessionId },
      secret: TEST_SECRET,
    });
    return { user: { ...who, cookie: `next-auth.session-token=${token}` }, sessionId };
  }

  const me = (who: TestUser) => api(server, "GET", "/api/users/me", { user: who });

  beforeAll(async () => {
    server = await startTestServer(kind);
    // The first account administers the instance (no ADMIN_EMAILS).
    admin = await signUp(server, "Ada Admin");
    user = await signUp(server, "Sam Session");
  });
  afterAll(() => server.destroy());

  it("ends a signed-out session at once: its cookie is refused and its websockets close with 4401", async () => {
    const laptop = await signIn(user);
    const phone = await signIn(user);
    const modelId = await createModel(server, laptop.user, "Signed out");
    expect((await me(laptop.user)).status).toBe(200);
    const socket = openRawSocket(server, `/collab/${modelId}?schema=${SCHEMA_VERSION}`, {
      user: laptop.user,
    });
    expect(await socket.opened).toBe(true);
    await waitFor(() => socket.messages.length >= 1, undefined, "sync step 1");

    // What signing out does (next-auth's signOut event).
    await revokeSessions(server.runtime.db, server.runtime.rooms, {
      userId: user.id,
      sessionId: laptop.sessionId,
      actorId: user.id,
    });
    expect((await me(laptop.user)).status).toBe(401);
    const outcome = await socket.outcome;
    expect(outcome.closeCode).toBe(CLOSE_CODES.unauthenticated);
    expect(outcome.closeReason).toBe("signed out");
    const refused = openRawSocket(server, `/collab/${modelId}?schema=${SCHEMA_VERSION}`, {
      user: laptop.user,
    });
    expect((await refused.outcome).unexpectedStatus).toBe(401);
    // The other device's session goes on.
    expect((await me(phone.user)).status).toBe(200);
  });

  it("signs a user out everywhere at their own request", async () => {
    const first = await signIn(user);
    const second = await signIn(user);
    const answer = await api(server, "DELETE", "/api/users/me/sessions", { user: first.user });
    expect(answer.status).toBe(200);
    expect((answer.body as { revoked: number }).revoked).toBeGreaterThanOrEqual(2);
    expect((await me(first.user)).status).toBe(401);
    expect((await me(second.user)).status).toBe(401);
  });

  it("lets an administrator sign another user out everywhere, and nobody else", async () => {
    const victim = await signIn(user);
    const other = await signUp(server, "Nia Nonadmin");
    const signedInOther = await signIn(other);
    const refused = await api(server, "DELETE", `/api/users/${user.id}/sessions`, {
      user: signedInOther.user,
    });
    expect(refused.status).toBe(403);
    expect((await me(victim.user)).status).toBe(200);
    const signedInAdmin = await signIn(admin);
    const done = await api(server, "DELETE", `/api/users/${user.id}/sessions`, {
      user: signedInAdmin.user,
    });
    expect(done.status).toBe(200);
    expect((await me(victim.user)).status).toBe(401);
    expect((await me(signedInAdmin.user)).status).toBe(200);
  });
  it("changing the password signs every other session out, keeps this one, and needs the current password", async () => {
    const here = await signIn(user);
    const elsewhere = await signIn(user);
    const modelId = await createModel(server, here.user, "Password change");
    const socket = openRawSocket(server, `/collab/${modelId}?schema=${SCHEMA_VERSION}`, {
      user: elsewhere.user,
    });
    expect(await socket.opened).toBe(true);
    await waitFor(() => socket.messages.length >= 1, undefined, "sync step 1");

    const wrong = await api(server, "POST", "/api/users/me/password", {
      user: here.user,
      body: { currentPassword: "not my password", newPassword: "a brand new passphrase 42" },
    });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain("currentPassword");
    expect((await me(elsewhere.user)).status).toBe(200);

    const weak = await api(server, "POST", "/api/users/me/password", {
      user: here.user,
      body: { currentPassword: user.password, newPassword: "qwertyuiop" },
    });
    expect(weak.status).toBe(400);
    expect(JSON.stringify(weak.body)).toContain("newPassword");

    const changed = await api(server, "POST", "/api/users/me/password", {
      user: here.user,
      body: { currentPassword: user.password, newPassword: "a brand new passphrase 42" },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ signedOut: expect.any(Number) });
    expect((await me(here.user)).status).toBe(200);
    expect((await me(elsewhere.user)).status).toBe(401);
    const outcome = await socket.outcome;
    expect(outcome.closeCode).toBe(CLOSE_CODES.unauthenticated);
    user = { ...user, password: "a brand new passphrase 42" };
  });

  it("refuses a password change through an API token", async () => {
    const created = await api(server, "POST", "/api/tokens", {
      user: admin,
      body: { name: "script" },
    });
    expect(created.status).toBe(201);
    const token = (created.body as { secret: string }).secret;
    const answer = await api(server, "POST", "/api/users/me/password", {
      token,
      body: { currentPassword: admin.password, newPassword: "another fresh passphrase 7" },
    });
    expect(answer.status).toBe(403);
  });
});
