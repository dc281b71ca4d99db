/**
 * The HTTP API's accounts, authentication, API tokens, CSRF defence and request parsing,
 * against a real server on PGlite and (with TEST_DATABASE_URL) PostgreSQL.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import net from "node:net";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/limits";
import { authorizeSignUpTicket } from "@/server/auth/sign-up-ticket";
import { api, readString, sessionCookieFor, signUp, type TestUser } from "./support/api-client";
import { call, expectError, expectInvalid, expectNoLeak, paddedJson } from "./support/api-expect";
import { DATABASES, TEST_SECRET, startTestServer, type TestServer } from "./support/test-server";

const PASSWORD = "correct horse battery staple";
const TOKEN_KEYS = ["createdAt", "id", "lastUsedAt", "name", "prefix", "revokedAt"];

describe.each(DATABASES)("HTTP API: users, authentication and tokens (%s)", (kind) => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let addressCounter = 0;

  /**
   * The server trusts X-Forwarded-For (TRUST_PROXY), so each sign-up attempt that is not about
   * the rate limit comes from its own address and the hourly limit never interferes.
   */
  const freshAddress = () => `10.0.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}`;
  const signUpRequest = (body: unknown, headers: Record<string, string> = {}) =>
    call(server, "POST", "/api/users", {
      body,
      headers: { "x-forwarded-for": freshAddress(), ...headers },
    });
  const uniqueEmail = (label: string) =>
    `${label}-${Math.random().toString(36).slice(2, 10)}@example.test`;

  /** Creates a token for the user (cookie session); returns the id and the secret. */
  const createToken = async (user: TestUser, name = "CI") => {
    const answer = await call(server, "POST", "/api/tokens", { user, body: { name } });
    expect(answer.status).toBe(201);
    return {
      id: readString(answer.body, ["token", "id"]),
      secret: readString(answer.body, ["secret"]),
    };
  };

  const listTokens = async (user: TestUser) => {
    const answer = await call(server, "GET", "/api/tokens", { user });
    expect(answer.status).toBe(200);
    return answer;
  };

  beforeAll(async () => {
    server = await startTestServer(kind, { TRUST_PROXY: "1" });
    [alice, bob] = await Promise.all([
      signUp(server, "Alice Admin"),
      signUp(server, "Bob Builder"),
    ]);
  });

  afterAll(async () => {
    await server?.destroy();
  });

  describe("health", () => {
    it("GET /api/health answers 200 {status: ok} without credentials", async () => {
      const answer = await call(server, "GET", "/api/health");
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ status: "ok" });
      expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
      expect(answer.headers.get("cache-control")).toBe("no-store");
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    });
  });

  describe("sign-up", () => {
    it("creates an account: 201 with exactly {user:{id,email,name,emailVerified}, signInTicket} and no password or hash", async () => {
      const email = uniqueEmail("new");
      const answer = await signUpRequest({ email, name: "  Nora New  ", password: PASSWORD });
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({
        user: {
          id: expect.stringMatching(/^[A-Za-z0-9_-]{21}$/),
          email,
          name: "Nora New",
          emailVerified: false,
        },
        signInTicket: expect.stringMatching(/^[\w-]+\.[\w-]+$/),
      });
      const text = JSON.stringify(answer.body);
      expect(text).not.toContain(PASSWORD);
      expect(JSON.stringify(Reflect.get(Object(answer.body), "user"))).not.toMatch(
        /password|hash|scrypt/i,
      );
      // The new account can act at once.
      const user = answer.body as { user: { id: string; email: string; name: string } };
      const me = await call(server, "GET", "/api/users/me", {
        headers: { cookie: await sessionCookieFor(user.user) },
      });
      expect(me.status).toBe(200);
      expect(me.body).toEqual({
        user: (answer.body as { user: unknown }).user,
        isRuleSetAdmin: expect.any(Boolean),
      });
      expect(JSON.stringify(me.body)).not.toMatch(/password|hash|scrypt/i);
    });

    it("answers a ticket that signs the new account in (next-auth's sign-up-ticket provider), and nothing else does", async () => {
      const email = uniqueEmail("ticket");
      const answer = await signUpRequest({ email, name: "Tia Ticket", password: PASSWORD });
      expect(answer.status).toBe(201);
      const ticket = readString(answer.body, ["signInTicket"]);
      const signIn = (credentials: { ticket?: string }) =>
        authorizeSignUpTicket(server.runtime.db, credentials.ticket, TEST_SECRET);
      expect(await signIn({ ticket })).toEqual({
        id: readString(answer.body, ["user", "id"]),
        email,
        name: "Tia Ticket",
      });
      const [payload = "", signature = ""] = ticket.split(".");
      expect(await signIn({ ticket: `${payload}.${signature.slice(1)}A` })).toBeNull();
      expect(await signIn({ ticket: "" })).toBeNull();
      expect(await signIn({})).toBeNull();
    });

    it("stores the email trimmed and lower-cased, and refuses it again in any case or spacing with 409", async () => {
      const local = `Mixed.Case-${Math.random().toString(36).slice(2, 8)}`;
      const first = await signUpRequest({
        email: `  ${local}@Example.TEST `,
        name: "Mixed Case",
        password: PASSWORD,
      });
      expect(first.status).toBe(201);
      const stored = `${local.toLowerCase()}@example.test`;
      expect(readString(first.body, ["user", "email"])).toBe(stored);
      for (const again of [stored, `${local}@Example.TEST`, `\t${stored.toUpperCase()}  `]) {
        const answer = await signUpRequest({
          email: again,
          name: "Someone Else",
          password: PASSWORD,
        });
        expectError(answer, 409, "conflict", "An account with this email already exists");
      }
    });

    it("answers two simultaneous sign-ups with one email with one 201 and one 409", async () => {
      const email = uniqueEmail("race");
      const answers = await Promise.all([
        signUpRequest({ email, name: "Racer One", password: PASSWORD }),
        signUpRequest({ email: email.toUpperCase(), name: "Racer Two", password: PASSWORD }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      const loser = answers.find((a) => a.status === 409);
      if (!loser) throw new Error("no 409");
      expectError(loser, 409, "conflict");
    });

    it("refuses an invalid email with 400 naming the field", async () => {
      for (const email of [
        "not-an-email",
        "a@",
        "@example.test",
        "",
        "   ",
        `${"x".repeat(250)}@example.test`,
      ]) {
        const issues = expectInvalid(
          await signUpRequest({ email, name: "Ivy", password: PASSWORD }),
          ["email"],
        );
        expect(issues.map((i) => i.path)).toEqual(["email"]);
      }
    });

    it("refuses a short or overlong password with 400 naming the field", async () => {
      const short = expectInvalid(
        await signUpRequest({
          email: uniqueEmail("pw"),
          name: "Pat",
          password: "x".repeat(LIMITS.passwordMinLength - 1),
        }),
        ["password"],
      );
      expect(short).toEqual([
        { path: "password", message: `At least ${LIMITS.passwordMinLength} characters` },
      ]);
      const long = expectInvalid(
        await signUpRequest({
          email: uniqueEmail("pw"),
          name: "Pat",
          password: "x".repeat(LIMITS.passwordMaxLength + 1),
        }),
        ["password"],
      );
      expect(long).toEqual([
        { path: "password", message: `At most ${LIMITS.passwordMaxLength} characters` },
      ]);
    });

    it("refuses missing or mistyped fields with 400 naming each of them", async () => {
      const issues = expectInvalid(await signUpRequest({}), ["email", "name", "password"]);
      expect(issues).toHaveLength(3);
      expectInvalid(await signUpRequest({ email: uniqueEmail("m"), password: PASSWORD }), ["name"]);
      expectInvalid(await signUpRequest({ email: 42, name: ["x"], password: true }), [
        "email",
        "name",
        "password",
      ]);
      expectInvalid(await signUpRequest([]), [""]);
      expectInvalid(await signUpRequest(null), [""]);
    });

    it("refuses an empty or extra-long name with 400, and accepts the longest allowed", async () => {
      const long = expectInvalid(
        await signUpRequest({
          email: uniqueEmail("n"),
          name: "n".repeat(LIMITS.nameLength + 1),
          password: PASSWORD,
        }),
        ["name"],
      );
      expect(long).toEqual([{ path: "name", message: `At most ${LIMITS.nameLength} characters` }]);
      expectInvalid(
        await signUpRequest({ email: uniqueEmail("n"), name: "   ", password: PASSWORD }),
        ["name"],
      );
      const longest = await signUpRequest({
        email: uniqueEmail("n"),
        name: "n".repeat(LIMITS.nameLength),
        password: PASSWORD,
      });
      expect(longest.status).toBe(201);
      expect(readString(longest.body, ["user", "name"])).toHaveLength(LIMITS.nameLength);
    });

    it("refuses a body that is not application/json with 415", async () => {
      const body = JSON.stringify({ email: uniqueEmail("ct"), name: "Cleo", password: PASSWORD });
      for (const type of [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
      ]) {
        expectError(
          await signUpRequest(body, { "content-type": type }),
          415,
          "unsupported_media_type",
          "Send the body as application/json",
        );
      }
      // No content type at all.
      const bare = await fetch(`${server.url}/api/users`, {
        method: "POST",
        headers: { "x-forwarded-for": freshAddress() },
        body: new Blob([body]),
      });
      expect(bare.status).toBe(415);
      expect(await bare.json()).toEqual({
        error: { code: "unsupported_media_type", message: "Send the body as application/json" },
      });
      // A charset parameter is fine.
      const withCharset = await signUpRequest(body, {
        "content-type": "Application/JSON; charset=utf-8",
      });
      expect(withCharset.status).toBe(201);
    });

    it("refuses malformed JSON with 400 and no parser details", async () => {
      for (const body of ['{"email": "a@example.test",', "{email: 1}", "", "undefined", "\u0000"]) {
        const error = expectError(
          await signUpRequest(body),
          400,
          "bad_request",
          "The body is not valid JSON",
        );
        expect(error.issues).toBeUndefined();
      }
    });

    it("refuses a body over 1 MiB with 413, and accepts one of exactly 1 MiB", async () => {
      const email = uniqueEmail("big");
      const exact = paddedJson(LIMITS.httpBodyBytes, {
        email,
        name: "Big Body",
        password: PASSWORD,
      });
      expect(Buffer.byteLength(exact)).toBe(LIMITS.httpBodyBytes);
      const over = paddedJson(LIMITS.httpBodyBytes + 1, {
        email,
        name: "Big Body",
        password: PASSWORD,
      });
      expectError(
        await signUpRequest(over),
        413,
        "payload_too_large",
        `The body may be at most ${LIMITS.httpBodyBytes} bytes`,
      );
      expectError(
        await signUpRequest("x".repeat(3 * LIMITS.httpBodyBytes)),
        413,
        "payload_too_large",
      );
      const accepted = await signUpRequest(exact);
      expect(accepted.status).toBe(201);
      expect(readString(accepted.body, ["user", "email"])).toBe(email);
    });

    it("refuses a streamed (chunked) body over 1 MiB with 413", async () => {
      // Its own connection (agent: false), so the pool of later requests is not involved.
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.request(`${server.url}/api/users`, {
          method: "POST",
          agent: false,
          headers: { "content-type": "application/json", "x-forwarded-for": freshAddress() },
        });
        request.on("response", (response) => {
          let body = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (body += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        });
        request.on("error", reject);
        const piece = "x".repeat(64 * 1024);
        for (let sent = 0; sent <= LIMITS.httpBodyBytes; sent += piece.length) request.write(piece);
        request.end();
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toEqual({
        error: {
          code: "payload_too_large",
          message: `The body may be at most ${LIMITS.httpBodyBytes} bytes`,
        },
      });
    });

    // After refusing a chunked body mid-stream the rest is never read, so the connection must
    // not be offered for reuse (undici's pool would hang or get ECONNRESET on it).
    it("after a 413 on a chunked body, either closes the connection or keeps answering on it", async () => {
      const outcome = await new Promise<{ first: string; second: string; closed: boolean }>(
        (resolve) => {
          const socket = net.connect(server.port, "127.0.0.1");
          let received = "";
          let firstDone = "";
          let closed = false;
          const finish = () => {
            socket.destroy();
            resolve({ first: firstDone, second: received.slice(firstDone.length), closed });
          };
          const timer = setTimeout(finish, 2000);
          socket.on("data", (data) => {
            received += data.toString("latin1");
            if (!firstDone && received.includes("payload_too_large")) {
              firstDone = received;
              if (/\r\nconnection: close\r\n/i.test(firstDone)) return;
              socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`);
            } else if (firstDone && received.slice(firstDone.length).includes('{"status":"ok"}')) {
              clearTimeout(timer);
              finish();
            }
          });
          socket.on("error", () => undefined);
          socket.on("close", () => {
            closed = true;
            clearTimeout(timer);
            finish();
          });
          socket.write(
            `POST /api/users HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\n` +
              `X-Forwarded-For: ${freshAddress()}\r\nTransfer-Encoding: chunked\r\n\r\n`,
          );
          const piece = "x".repeat(64 * 1024);
          for (let i = 0; i < 18; i++) socket.write(`${piece.length.toString(16)}\r\n${piece}\r\n`);
          socket.write("0\r\n\r\n");
        },
      );
      expect(outcome.first).toMatch(/^HTTP\/1\.1 413 /);
      const announcedClose = /\r\nconnection: close\r\n/i.test(outcome.first);
      if (announcedClose) expect(outcome.closed).toBe(true);
      else expect(outcome.second).toMatch(/^HTTP\/1\.1 200 [\s\S]*\{"status":"ok"\}$/);
    });

    it("refuses a sign-up from a foreign origin with 403 and creates nothing", async () => {
      const email = uniqueEmail("csrf");
      const body = { email, name: "Mallory's Victim", password: PASSWORD };
      expectError(
        await signUpRequest(body, { origin: "https://evil.example" }),
        403,
        "forbidden",
        "Cross-site requests are not accepted",
      );
      expectError(await signUpRequest(body, { "sec-fetch-site": "cross-site" }), 403, "forbidden");
      expectError(await signUpRequest(body, { origin: "null" }), 403, "forbidden");
      // The email is still free.
      const later = await signUpRequest(body);
      expect(later.status).toBe(201);
    });

    it("limits sign-ups per address and hour with 429, other addresses unaffected", async () => {
      const address = "192.0.2.77";
      for (let i = 0; i < LIMITS.signUpsPerAddressPerHour; i++) {
        // Invalid bodies count too: the limit guards the endpoint, not only successes.
        expect((await signUpRequest({}, { "x-forwarded-for": address })).status).toBe(400);
      }
      const body = { email: uniqueEmail("limited"), name: "Limited", password: PASSWORD };
      expectError(
        await signUpRequest(body, { "x-forwarded-for": address }),
        429,
        "rate_limited",
        "Too many sign-ups from this address; try again later",
      );
      expect((await signUpRequest(body, { "x-forwarded-for": "192.0.2.78" })).status).toBe(201);
    });

    // PostgreSQL text cannot hold U+0000: the schemas must refuse it with 400, not fail with 500.
    it("refuses a NUL character in a name with 400, not 500", async () => {
      const answer = await signUpRequest({
        email: uniqueEmail("nul"),
        name: "Nul\u0000Name",
        password: PASSWORD,
      });
      expectInvalid(answer, ["name"]);
    });
  });

  describe("authentication", () => {
    const me = (headers: Record<string, string>) =>
      call(server, "GET", "/api/users/me", { headers });
    const expectUnauthorized = (answer: Awaited<ReturnType<typeof me>>) => {
      expectError(answer, 401, "unauthorized", "Sign in or send a valid API token");
      expect(answer.headers.get("www-authenticate")).toBe('Bearer realm="api"');
    };

    it("answers the signed-in user for a valid session cookie", async () => {
      const answer = await me({ cookie: alice.cookie });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        user: { id: alice.id, email: alice.email, name: alice.name, emailVerified: true },
        isRuleSetAdmin: expect.any(Boolean),
      });
    });

    it("answers 401 without credentials", async () => {
      expectUnauthorized(await me({}));
      expectUnauthorized(await call(server, "GET", "/api/models"));
      expectUnauthorized(await call(server, "GET", "/api/tokens"));
    });

    it("answers 401 for a garbage session cookie", async () => {
      for (const cookie of [
        "next-auth.session-token=garbage",
        "next-auth.session-token=",
        `next-auth.session-token=${alice.cookie.split("=")[1]?.slice(0, -5)}AAAAA`,
        "next-auth.session-token=%E0%A4%A",
        "some-other-cookie=1",
      ]) {
        expectUnauthorized(await me({ cookie }));
      }
    });

    it("answers 401 for a session cookie signed with another secret", async () => {
      const token = await encode({
        token: { sub: alice.id, email: alice.email, name: alice.name },
        secret: "another-secret-that-is-long-enough-0123456789",
      });
      expectUnauthorized(await me({ cookie: `next-auth.session-token=${token}` }));
    });

    it("answers 401 for an expired session, a session without subject, and one of an unknown user", async () => {
      const expired = await encode({
        token: { sub: alice.id, email: alice.email, name: alice.name },
        secret: TEST_SECRET,
        maxAge: -3600,
      });
      expectUnauthorized(await me({ cookie: `next-auth.session-token=${expired}` }));
      const noSubject = await encode({
        token: { email: alice.email, name: alice.name },
        secret: TEST_SECRET,
      });
      expectUnauthorized(await me({ cookie: `next-auth.session-token=${noSubject}` }));
      const ghost = await sessionCookieFor({
        id: "no-such-user-id",
        email: "ghost@example.test",
        name: "Ghost",
      });
      expectUnauthorized(await me({ cookie: ghost }));
    });

    it("reads a session cookie that next-auth split into chunks", async () => {
      const token = alice.cookie.slice("next-auth.session-token=".length);
      const half = Math.floor(token.length / 2);
      const answer = await me({
        cookie: `next-auth.session-token.0=${token.slice(0, half)}; next-auth.session-token.1=${token.slice(half)}`,
      });
      expect(answer.status).toBe(200);
      expect(readString(answer.body, ["user", "id"])).toBe(alice.id);
    });

    it("answers 200 for a valid API token", async () => {
      const { secret } = await createToken(alice, "auth check");
      const answer = await call(server, "GET", "/api/users/me", { token: secret });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        user: { id: alice.id, email: alice.email, name: alice.name, emailVerified: true },
        isRuleSetAdmin: expect.any(Boolean),
      });
      const lowerScheme = await me({ authorization: `bearer ${secret}` });
      expect(lowerScheme.status).toBe(200);
    });

    it("answers 401 for a malformed Authorization header, even next to a valid cookie", async () => {
      const { secret } = await createToken(alice, "malformed check");
      for (const authorization of [
        "Basic YWxpY2U6cGFzc3dvcmQ=",
        "Bearer",
        "Bearer ",
        `Bearer ${secret} extra`,
        `Token ${secret}`,
        secret,
        "Bearer tm_unknownunknownunknownunknownunknownunknown",
        "Bearer not-a-tm-token",
        `Bearer ${secret}x`,
        `Bearer tm_${"a".repeat(200)}`,
      ]) {
        expectUnauthorized(await me({ authorization }));
        // A request that presents Authorization is judged by it alone.
        expectUnauthorized(await me({ authorization, cookie: alice.cookie }));
      }
    });
  });

  describe("API tokens", () => {
    it("creates a token: 201, the secret starts with tm_ and is shown once", async () => {
      const answer = await call(server, "POST", "/api/tokens", {
        user: alice,
        body: { name: "  Deploy bot  " },
      });
      expect(answer.status).toBe(201);
      const body = answer.body as { token: Record<string, unknown>; secret: string };
      expect(Object.keys(body).sort()).toEqual(["secret", "token"]);
      expect(Object.keys(body.token).sort()).toEqual(TOKEN_KEYS);
      expect(body.secret).toMatch(/^tm_[A-Za-z0-9_-]{43}$/);
      expect(body.token).toEqual({
        id: expect.stringMatching(/^[A-Za-z0-9_-]{21}$/),
        name: "Deploy bot",
        prefix: body.secret.slice(0, 10),
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        lastUsedAt: null,
        revokedAt: null,
      });

      const list = await listTokens(alice);
      const text = JSON.stringify(list.body);
      expect(text).not.toContain(body.secret);
      expect(text).not.toContain(body.secret.slice(10));
      expect(text).not.toContain(createHash("sha256").update(body.secret).digest("hex"));
      expect(text).not.toMatch(/secret|hash/i);
      const tokens = (list.body as { tokens: Record<string, unknown>[] }).tokens;
      for (const token of tokens) expect(Object.keys(token).sort()).toEqual(TOKEN_KEYS);
      expect(tokens.find((t) => t.id === body.token.id)).toEqual(body.token);
    });

    it("lists only my tokens, newest first", async () => {
      const first = await createToken(bob, "Bob first");
      await new Promise((resolve) => setTimeout(resolve, 5));
      const second = await createToken(bob, "Bob second");
      const bobs = (await listTokens(bob)).body as { tokens: { id: string; name: string }[] };
      expect(bobs.tokens.map((t) => t.id)).toEqual([second.id, first.id]);
      const alices = (await listTokens(alice)).body as { tokens: { id: string }[] };
      expect(alices.tokens.map((t) => t.id)).not.toContain(first.id);
      expect(alices.tokens.map((t) => t.id)).not.toContain(second.id);
    });

    it("refuses an empty, blank or overlong token name with 400, and anonymous creation with 401", async () => {
      for (const name of ["", "   ", "t".repeat(LIMITS.tokenNameLength + 1)]) {
        expectInvalid(await call(server, "POST", "/api/tokens", { user: alice, body: { name } }), [
          "name",
        ]);
      }
      expectInvalid(await call(server, "POST", "/api/tokens", { user: alice, body: {} }), ["name"]);
      expectError(
        await call(server, "POST", "/api/tokens", { body: { name: "anon" } }),
        401,
        "unauthorized",
      );
    });

    it("authenticates GET /api/models with the token and records its last use", async () => {
      const { id, secret } = await createToken(alice, "models reader");
      const answer = await call(server, "GET", "/api/models", { token: secret });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ models: expect.any(Array), nextOffset: null });
      const tokens = (
        (await listTokens(alice)).body as { tokens: { id: string; lastUsedAt: string | null }[] }
      ).tokens;
      const used = tokens.find((t) => t.id === id);
      expect(used?.lastUsedAt).toEqual(expect.stringMatching(/^\d{4}-/));
    });

    it("revokes a token: 204, then the token gets 401 everywhere; revoking twice is harmless", async () => {
      const { id, secret } = await createToken(alice, "short-lived");
      expect((await call(server, "GET", "/api/models", { token: secret })).status).toBe(200);

      const revoked = await call(server, "DELETE", `/api/tokens/${id}`, { user: alice });
      expect(revoked.status).toBe(204);
      expect(revoked.body).toBeNull();

      expectError(await call(server, "GET", "/api/models", { token: secret }), 401, "unauthorized");
      expectError(
        await call(server, "GET", "/api/users/me", { token: secret }),
        401,
        "unauthorized",
      );
      expectError(
        await call(server, "POST", "/api/models", {
          token: secret,
          body: { title: "After revocation" },
        }),
        401,
        "unauthorized",
      );
      const tokens = (
        (await listTokens(alice)).body as { tokens: { id: string; revokedAt: string | null }[] }
      ).tokens;
      const listed = tokens.find((t) => t.id === id);
      expect(listed?.revokedAt).toEqual(expect.stringMatching(/^\d{4}-/));

      const again = await call(server, "DELETE", `/api/tokens/${id}`, { user: alice });
      expect(again.status).toBe(204);
      const after = (
        (await listTokens(alice)).body as { tokens: { id: string; revokedAt: string | null }[] }
      ).tokens;
      expect(after.find((t) => t.id === id)?.revokedAt).toBe(listed?.revokedAt);
      expectError(await call(server, "GET", "/api/models", { token: secret }), 401, "unauthorized");
    });

    it("does not let another user revoke my token (404), and the token keeps working", async () => {
      const { id, secret } = await createToken(alice, "not Bob's");
      expectError(
        await call(server, "DELETE", `/api/tokens/${id}`, { user: bob }),
        404,
        "not_found",
        "No such token",
      );
      const bobs = await createToken(bob, "Bob's own");
      expectError(
        await call(server, "DELETE", `/api/tokens/${id}`, { token: bobs.secret }),
        404,
        "not_found",
        "No such token",
      );
      expect((await call(server, "GET", "/api/users/me", { token: secret })).status).toBe(200);
      const tokens = (
        (await listTokens(alice)).body as { tokens: { id: string; revokedAt: string | null }[] }
      ).tokens;
      expect(tokens.find((t) => t.id === id)?.revokedAt).toBeNull();
    });

    it("answers 404 for an unknown token id, 400 for a malformed one, 401 without credentials", async () => {
      expectError(
        await call(server, "DELETE", "/api/tokens/unknownTokenId123", { user: alice }),
        404,
        "not_found",
      );
      expectError(
        await call(server, "DELETE", "/api/tokens/bad.id!", { user: alice }),
        400,
        "bad_request",
      );
      expectError(
        await call(server, "DELETE", `/api/tokens/${"a".repeat(65)}`, { user: alice }),
        400,
        "bad_request",
      );
      const { id } = await createToken(alice, "kept");
      expectError(await call(server, "DELETE", `/api/tokens/${id}`), 401, "unauthorized");
    });

    it("refuses a 51st active token with 409 until one is revoked", async () => {
      const carol = await signUp(server, "Carol Collector");
      const ids: string[] = [];
      for (let i = 0; i < 50; i++) ids.push((await createToken(carol, `token ${i}`)).id);
      expectError(
        await call(server, "POST", "/api/tokens", { user: carol, body: { name: "one too many" } }),
        409,
        "conflict",
        "At most 50 active tokens; revoke one first",
      );
      expect((await call(server, "DELETE", `/api/tokens/${ids[0]}`, { user: carol })).status).toBe(
        204,
      );
      expect(
        (await call(server, "POST", "/api/tokens", { user: carol, body: { name: "now fits" } }))
          .status,
      ).toBe(201);
    });

    // A NUL character in the token name must not reach PostgreSQL.
    it("refuses a NUL character in a token name with 400, not 500", async () => {
      expectInvalid(
        await call(server, "POST", "/api/tokens", { user: alice, body: { name: "a\u0000b" } }),
        ["name"],
      );
    });
  });

  describe("CSRF defence on cookie sessions", () => {
    const tokenIds = async (user: TestUser) =>
      ((await listTokens(user)).body as { tokens: { id: string }[] }).tokens
        .map((t) => t.id)
        .sort();

    it("refuses a cookie POST from a foreign origin with 403 and creates nothing", async () => {
      const before = await tokenIds(alice);
      for (const origin of [
        "https://evil.example",
        "null",
        `http://127.0.0.1:${server.port + 1}`,
        `https://127.0.0.1:${server.port}`,
        `${server.url}.evil.example`,
      ]) {
        expectError(
          await call(server, "POST", "/api/tokens", {
            user: alice,
            body: { name: "stolen" },
            headers: { origin },
          }),
          403,
          "forbidden",
          "Cross-site requests are not accepted",
        );
      }
      expect(await tokenIds(alice)).toEqual(before);
    });

    it("refuses a cookie DELETE from a foreign origin with 403 and the token keeps working", async () => {
      const { id, secret } = await createToken(alice, "survivor");
      expectError(
        await call(server, "DELETE", `/api/tokens/${id}`, {
          user: alice,
          headers: { origin: "https://evil.example" },
        }),
        403,
        "forbidden",
      );
      expect((await call(server, "GET", "/api/users/me", { token: secret })).status).toBe(200);
    });

    it("refuses a cookie request without Origin but with Sec-Fetch-Site cross-site or same-site", async () => {
      const before = await tokenIds(alice);
      for (const site of ["cross-site", "same-site"]) {
        const answer = await call(server, "POST", "/api/tokens", {
          body: { name: "no origin" },
          headers: { cookie: alice.cookie, "sec-fetch-site": site },
        });
        expectError(answer, 403, "forbidden");
      }
      expect(await tokenIds(alice)).toEqual(before);
    });

    it("accepts the same origin, and a cookie request that no browser sent (no Origin, no Sec-Fetch-Site)", async () => {
      const same = await call(server, "POST", "/api/tokens", {
        user: alice,
        body: { name: "same origin" },
      });
      expect(same.status).toBe(201);
      const sameOrigin = await call(server, "POST", "/api/tokens", {
        body: { name: "fetch metadata" },
        headers: { cookie: alice.cookie, "sec-fetch-site": "same-origin" },
      });
      expect(sameOrigin.status).toBe(201);
      const script = await call(server, "POST", "/api/tokens", {
        body: { name: "script" },
        headers: { cookie: alice.cookie },
      });
      expect(script.status).toBe(201);
    });

    it("accepts bearer-token state changes without Origin", async () => {
      const { secret } = await createToken(alice, "automation");
      const created = await call(server, "POST", "/api/tokens", {
        token: secret,
        body: { name: "made by a token" },
      });
      expect(created.status).toBe(201);
      const madeId = readString(created.body, ["token", "id"]);
      expect(
        (await call(server, "DELETE", `/api/tokens/${madeId}`, { token: secret })).status,
      ).toBe(204);
    });

    it("lets reads through from any origin but grants no CORS access", async () => {
      const answer = await call(server, "GET", "/api/users/me", {
        user: alice,
        headers: { origin: "https://evil.example" },
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get("access-control-allow-origin")).toBeNull();
      expect(answer.headers.get("access-control-allow-credentials")).toBeNull();
    });
  });

  describe("routing", () => {
    it("answers an unknown route with a 404 JSON error", async () => {
      for (const path of [
        "/api/nope",
        "/api",
        "/api/users/me/extra",
        "/api/models/a/b/c",
        "/api/models/%zz",
      ]) {
        expectError(
          await call(server, "GET", path, { user: alice }),
          404,
          "not_found",
          "No such API route",
        );
      }
      expectError(
        await call(server, "POST", "/api/nope", { user: alice, body: {} }),
        404,
        "not_found",
      );
    });

    it("tolerates a trailing slash on a known route", async () => {
      const answer = await call(server, "GET", "/api/health/");
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ status: "ok" });
    });

    it("answers a wrong method with 405, an Allow header and a JSON error, before authentication", async () => {
      const cases: [string, string, string][] = [
        ["PUT", "/api/health", "GET"],
        ["GET", "/api/users", "POST"],
        ["DELETE", "/api/users/me", "GET"],
        ["PATCH", "/api/tokens", "GET, POST"],
        ["GET", "/api/tokens/someTokenId", "DELETE"],
        ["DELETE", "/api/models", "GET, POST"],
        ["POST", "/api/models/someModelId", "GET, PATCH, DELETE"],
        ["POST", "/api/models/someModelId/members", "GET, PUT"],
      ];
      for (const [method, path, allow] of cases) {
        const answer = await call(server, method, path);
        expectError(
          answer,
          405,
          "method_not_allowed",
          `${method} is not supported here; use ${allow}`,
        );
        expect(answer.headers.get("allow")).toBe(allow);
      }
    });
  });

  it("never shows a stack, SQL or a hash in any error body collected above", async () => {
    // A last sweep over odd requests whose failures could leak internals.
    const odd = [
      await api(server, "POST", "/api/users", {
        body: '{"email":',
        headers: { "x-forwarded-for": freshAddress() },
      }),
      await api(server, "DELETE", "/api/tokens/'%3B%20drop%20table%20users%3B--", { user: alice }),
      await api(server, "GET", "/api/users/me", {
        headers: { authorization: "Bearer tm_' or 1=1 --" },
      }),
      await api(server, "GET", "/api/users/me", {
        headers: { cookie: "next-auth.session-token=eyJhbGciOiJub25lIn0.e30." },
      }),
    ];
    for (const answer of odd) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expectNoLeak(answer);
    }
  });
});
