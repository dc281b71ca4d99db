import type { IncomingMessage } from "node:http";
import type { ServerEnv } from "@/server/config";

/** The app's public URL: NEXTAUTH_URL, else http://localhost:PORT. */
export function publicUrlOf(env: ServerEnv): string {
  return env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
}

/**
 * The client's address. Behind TRUST_PROXY = N proxies, the N-th X-Forwarded-For entry from
 * the right: the one the outermost trusted proxy appended. Entries left of it came from the
 * client and prove nothing; with fewer entries than N, the request did not come through all the
 * proxies, and the socket's address is used.
 */
export function clientAddressOf(req: IncomingMessage, env: ServerEnv): string {
  const socketAddress = req.socket.remoteAddress ?? "unknown";
  if (env.TRUST_PROXY === 0) return socketAddress;
  const header = req.headers["x-forwarded-for"];
  const entries = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  return entries[entries.length - env.TRUST_PROXY] ?? socketAddress;
}
