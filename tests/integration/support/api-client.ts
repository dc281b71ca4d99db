/**
 * A small client of the HTTP API for tests: sign up real users, hold their session cookie (as
 * next-auth issues it) and call routes with it or with an API token.
 */
import { encode } from "next-auth/jwt";
import { nanoid } from "nanoid";
import { createEmailVerificationToken } from "@/server/auth/email-verification-token";
import { TEST_SECRET, type TestServer } from "./test-server";

/** A signed-up user with the credentials to act as them. */
export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  /** The Cookie header of a next-auth session for this user. */
  cookie: string;
}

/** The answer of an API call. */
export interface ApiAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

/** Calls the API; JSON bodies are sent as application/json. */
export async function api(
  server: TestServer,
  method: string,
  pathname: string,
  options: {
    user?: TestUser;
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.user) {
    headers.cookie = options.user.cookie;
    headers.origin ??= server.url;
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["content-type"] ??= "application/json";
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(server.url + pathname, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** The session cookie next-auth would set for this user after signing in. */
export async function sessionCookieFor(user: {
  id: string;
  email: string;
  name: string;
}): Promise<string> {
  const token = await encode({
    token: { sub: user.id, email: user.email, name: user.name },
    secret: TEST_SECRET,
  });
  return `next-auth.session-token=${token}`;
}

/**
 * Signs up a new user through the API and, unless `verified` is false, confirms their email
 * address the way the verification email's link does (with a token signed by the test servers'
 * secret), so that others can add them to models by email.
 */
export async function signUp(
  server: TestServer,
  name = "Test User",
  options: { verified?: boolean } = {},
): Promise<TestUser> {
  const email = `${nanoid(8).toLowerCase()}@example.test`;
  const password = "correct horse battery staple";
  const answer = await api(server, "POST", "/api/users", { body: { email, name, password } });
  if (answer.status !== 201)
    throw new Error(`sign-up failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  const id = readString(answer.body, ["user", "id"]);
  if (options.verified !== false) {
    const token = createEmailVerificationToken({ userId: id, email }, TEST_SECRET);
    const verified = await api(server, "POST", "/api/email-verifications", { body: { token } });
    if (verified.status !== 200)
      throw new Error(`verification failed: ${verified.status} ${JSON.stringify(verified.body)}`);
  }
  return { id, email, name, password, cookie: await sessionCookieFor({ id, email, name }) };
}

/** Creates a model owned by the user; returns its id. */
export async function createModel(
  server: TestServer,
  user: TestUser,
  title = "Payments API",
): Promise<string> {
  const answer = await api(server, "POST", "/api/models", { user, body: { title } });
  if (answer.status !== 201)
    throw new Error(`create model failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return readString(answer.body, ["model", "id"]);
}

/** Sets the model's members (the owner calling). */
export async function setMembers(
  server: TestServer,
  owner: TestUser,
  modelId: string,
  members: { user: TestUser; role: string }[],
): Promise<ApiAnswer> {
  return api(server, "PUT", `/api/models/${modelId}/members`, {
    user: owner,
    body: { members: members.map((m) => ({ email: m.user.email, role: m.role })) },
  });
}

/** Creates a model owned by `owner` with `editor` as its editor; returns its id. */
export async function createModelWithEditor(
  server: TestServer,
  members: { owner: TestUser; editor: TestUser },
  title: string,
): Promise<string> {
  const modelId = await createModel(server, members.owner, title);
  const answer = await setMembers(server, members.owner, modelId, [
    { user: members.owner, role: "owner" },
    { user: members.editor, role: "editor" },
  ]);
  if (answer.status !== 200) {
    throw new Error(`set members failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return modelId;
}

/** Reads a string at a path of a parsed JSON value; throws when it is not there. */
export function readString(value: unknown, keys: string[]): string {
  let current: unknown = value;
  for (const key of keys) {
    if (typeof current !== "object" || current === null) throw new Error(`no ${keys.join(".")}`);
    current = Reflect.get(current, key);
  }
  if (typeof current !== "string") throw new Error(`${keys.join(".")} is not a string`);
  return current;
}
