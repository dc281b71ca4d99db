import type { APIRequestContext, APIResponse } from "@playwright/test";
import { z } from "zod";
import type { Role } from "@/lib/model/roles";
import {
  memberListResponseSchema,
  modelResponseSchema,
  userResponseSchema,
  type Member,
  type ModelSummary,
  type User,
} from "@/components/api/schemas";
import type { AccountInput } from "./factories";
import { waitForVerificationToken } from "./mail";

const csrfResponseSchema = z.object({ csrfToken: z.string().min(1) });
const signInResponseSchema = z.object({ url: z.string() });

/** Reads a JSON answer with its schema; a failed call throws with the status and the body. */
async function readJson<T extends z.ZodType>(
  response: APIResponse,
  schema: T,
  what: string,
): Promise<z.infer<T>> {
  if (!response.ok()) {
    throw new Error(`${what} answered ${response.status()}: ${await response.text()}`);
  }
  return schema.parse(await response.json());
}

/**
 * The app's HTTP API as a test calls it. Bound to one request context: the browser context's
 * (`context.request`, sharing its cookies, so signing in here signs the browser in) or a
 * cookie-less one. State-changing calls carry the app's Origin, as a browser's would.
 */
export class ThreatRoomApi {
  constructor(
    private readonly request: APIRequestContext,
    private readonly origin: string,
  ) {}

  /**
   * POST /api/users: creates an account (does not sign in) and, unless `confirmEmail` is false,
   * confirms its address with the link of the email the server sent (see confirmEmail).
   */
  async createUser(account: AccountInput, options: { confirmEmail?: boolean } = {}): Promise<User> {
    const response = await this.request.post("/api/users", {
      data: account,
      headers: { origin: this.origin },
    });
    const { user } = await readJson(response, userResponseSchema, "POST /api/users");
    if (options.confirmEmail === false) return user;
    await this.confirmEmail(user.email);
    return { ...user, emailVerified: true };
  }

  /**
   * Confirms an address as its owner would: reads the token from the newest verification email
   * to it in the server's mail folder (the browser tests set no SMTP_URL, so mail is written
   * there) and posts it, as the confirmation page does.
   */
  async confirmEmail(email: string): Promise<void> {
    const token = await waitForVerificationToken(email);
    const response = await this.request.post("/api/email-verifications", {
      data: { token },
      headers: { origin: this.origin },
    });
    await readJson(response, userResponseSchema, "POST /api/email-verifications");
  }

  /**
   * Signs in with next-auth's credentials endpoint, as the sign-in form does: the session
   * cookie lands in this request context. Checks that the session works before returning.
   */
  async signIn(credentials: { email: string; password: string }): Promise<User> {
    const { csrfToken } = await readJson(
      await this.request.get("/api/auth/csrf"),
      csrfResponseSchema,
      "GET /api/auth/csrf",
    );
    const response = await this.request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: credentials.email, password: credentials.password, json: "true" },
      headers: { origin: this.origin },
      maxRedirects: 0,
    });
    const { url } = await readJson(response, signInResponseSchema, "sign-in");
    if (new URL(url, this.origin).searchParams.has("error")) {
      throw new Error(`Signing in as ${credentials.email} failed: ${url}`);
    }
    return this.getCurrentUser();
  }

  /** Signs out with next-auth's endpoint, as the app's "Sign out" does. */
  async signOut(): Promise<void> {
    const { csrfToken } = await readJson(
      await this.request.get("/api/auth/csrf"),
      csrfResponseSchema,
      "GET /api/auth/csrf",
    );
    const response = await this.request.post("/api/auth/signout", {
      form: { csrfToken, json: "true" },
      headers: { origin: this.origin },
      maxRedirects: 0,
    });
    if (response.status() >= 400) throw new Error(`sign-out answered ${response.status()}`);
  }

  /** GET /api/users/me */
  async getCurrentUser(): Promise<User> {
    const response = await this.request.get("/api/users/me");
    return (await readJson(response, userResponseSchema, "GET /api/users/me")).user;
  }

  /** POST /api/models: the signed-in user becomes its owner. */
  async createModel(title: string): Promise<ModelSummary> {
    const response = await this.request.post("/api/models", {
      data: { title },
      headers: { origin: this.origin },
    });
    return (await readJson(response, modelResponseSchema, "POST /api/models")).model;
  }

  /**
   * Creates a model owned by the signed-in user and shares it with `others` in their roles:
   * the set-up of every collaboration test.
   */
  async createSharedModel(
    title: string,
    others: readonly { email: string; role: Role }[],
  ): Promise<ModelSummary> {
    const model = await this.createModel(title);
    const owner = await this.getCurrentUser();
    await this.replaceMembers(model.id, [{ email: owner.email, role: "owner" }, ...others]);
    return model;
  }

  /** PUT /api/models/:id/members: replaces the whole member list. */
  async replaceMembers(
    modelId: string,
    members: readonly { email: string; role: Role }[],
  ): Promise<Member[]> {
    const response = await this.request.put(`/api/models/${encodeURIComponent(modelId)}/members`, {
      data: { members },
      headers: { origin: this.origin },
    });
    return (await readJson(response, memberListResponseSchema, "PUT members")).members;
  }
}
