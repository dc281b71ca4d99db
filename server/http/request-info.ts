import type { IncomingMessage } from "node:http";
import type { ServerEnv } from "@/server/config";

/** The app's public URL: NEXTAUTH_URL, else http://localhost:PORT. */
export function publicUrlOf(env: ServerEnv): string {
  return env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
}

/** The client's address; behind a trusted proxy, the first X-Forwarded-For hop. */
export function clientAddressOf(req: IncomingMessage, env: ServerEnv): string {
  if (env.TRUST_PROXY) {
    const forwarded = req.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? "unknown";
}
