/**
 * Creates what the bench's clients need on our server, through its HTTP API as a user would:
 * accounts, models and memberships, plus the session cookies the browser would hold.
 */
import { encode } from "next-auth/jwt";
import { nanoid } from "nanoid";
import { z } from "zod";
import { createEmailVerificationToken } from "@/server/auth/email-verification-token";
import { BENCH_SECRET, type BenchServer } from "./spawn-server";

/** A signed-up account and the Cookie and Origin headers of its session. */
export interface BenchUser {
  id: string;
  email: string;
  headers: Record<string, string>;
}

const userAnswerSchema = z.object({ user: z.object({ id: z.string(), email: z.string() }) });
const modelAnswerSchema = z.object({ model: z.object({ id: z.string() }) });

/** Calls the API as `headers`' user (JSON both ways); throws on any status but 2xx. */
export async function callApi(
  server: BenchServer,
  method: string,
  pathname: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${server.port}${pathname}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${text}`);
  return JSON.parse(text);
}

/**
 * Signs up an account, confirms its email address and mints the session cookie next-auth
 * would set for it.
 */
export async function signUpBenchUser(server: BenchServer, name: string): Promise<BenchUser> {
  const email = `${nanoid(8).toLowerCase()}@bench.test`;
  const answer = userAnswerSchema.parse(
    await callApi(server, "POST", "/api/users", {
      email,
      name,
      password: "correct horse battery staple",
    }),
  );
  // Confirmed as its owner would, by the link's token: only confirmed addresses can be added
  // to a model as members.
  await callApi(server, "POST", "/api/email-verifications", {
    token: createEmailVerificationToken({ userId: answer.user.id, email }, BENCH_SECRET),
  });
  const token = await encode({
    token: { sub: answer.user.id, email, name },
    secret: BENCH_SECRET,
  });
  return {
    id: answer.user.id,
    email,
    headers: {
      cookie: `next-auth.session-token=${token}`,
      origin: `http://127.0.0.1:${server.port}`,
    },
  };
}

/** Creates models owned by `owner` (a few at a time), with `editors` as members. */
export async function createBenchModels(
  server: BenchServer,
  options: { owner: BenchUser; editors: BenchUser[]; count: number; concurrency?: number },
): Promise<string[]> {
  const ids: string[] = [];
  const createOne = async (index: number) => {
    const answer = modelAnswerSchema.parse(
      await callApi(
        server,
        "POST",
        "/api/models",
        { title: `Bench model ${index + 1}` },
        options.owner.headers,
      ),
    );
    if (options.editors.length > 0) {
      await callApi(
        server,
        "PUT",
        `/api/models/${answer.model.id}/members`,
        {
          members: [
            { email: options.owner.email, role: "owner" },
            ...options.editors.map((editor) => ({ email: editor.email, role: "editor" })),
          ],
        },
        options.owner.headers,
      );
    }
    ids[index] = answer.model.id;
  };
  let next = 0;
  const worker = async () => {
    while (next < options.count) await createOne(next++);
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return ids;
}
