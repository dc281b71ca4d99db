import type { IncomingHttpHeaders } from "node:http";
import { decode } from "next-auth/jwt";
import type { Database } from "@/server/db/client";
import { parseCookieHeader } from "@/server/auth/cookies";
import { resolveApiToken } from "@/server/services/tokens/resolve-api-token";
import { getUser } from "@/server/services/users/get-user";
import type { PublicUser } from "@/server/services/users/present-user";
import { isSessionActive } from "@/server/services/sessions/is-session-active";

/** Who made a request, and how they proved it. */
export interface Actor {
  user: PublicUser;
  /** "session" for the next-auth cookie, "token" for `Authorization: Bearer`. */
  via: "session" | "token";
  tokenId: string | null;
  /** When the session expires (ms since epoch); null for tokens. */
  sessionExpiresAt: number | null;
  /** The server-side session the cookie names; null for tokens and cookies from before. */
  sessionId: string | null;
}

/**
 * Authenticates a request from its headers: a bearer API token, else the next-auth session
 * cookie. Returns null when neither is valid or the user no longer exists. A request that
 * presents a bearer token is judged by it alone.
 */
export async function authenticate(
  db: Database,
  headers: IncomingHttpHeaders,
  options: { secret: string; secureCookie: boolean },
): Promise<Actor | null> {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) return null;
    const token = await resolveApiToken(db, match[1]);
    if (!token) return null;
    const user = await getUser(db, token.userId);
    return user
      ? { user, via: "token", tokenId: token.tokenId, sessionExpiresAt: null, sessionId: null }
      : null;
  }
  const sessionToken = readSessionCookie(parseCookieHeader(headers.cookie), options.secureCookie);
  if (!sessionToken) return null;
  const jwt = await decode({ token: sessionToken, secret: options.secret }).catch(() => null);
  if (!jwt?.sub) return null;
  const user = await getUser(db, jwt.sub);
  if (!user) return null;
  // A cookie names its server-side session; a revoked (signed out) or expired one is refused.
  // Cookies issued before sessions were kept carry none and last until they expire.
  const sessionId = typeof jwt.sid === "string" ? jwt.sid : null;
  if (sessionId !== null && !(await isSessionActive(db, { sessionId, userId: user.id }))) {
    return null;
  }
  const expiresAt = typeof jwt.exp === "number" ? jwt.exp * 1000 : null;
  return { user, via: "session", tokenId: null, sessionExpiresAt: expiresAt, sessionId };
}

/** The next-auth session cookie's name (as next-auth 4 names it). */
export function sessionCookieName(secureCookie: boolean): string {
  return secureCookie ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The session token, joined from next-auth's chunks (`name.0`, `name.1`, …) when it was split. */
function readSessionCookie(cookies: Record<string, string>, secureCookie: boolean): string | null {
  const name = sessionCookieName(secureCookie);
  if (cookies[name]) return cookies[name];
  const chunks: string[] = [];
  for (let i = 0; cookies[`${name}.${i}`] !== undefined; i++)
    chunks.push(cookies[`${name}.${i}`] ?? "");
  return chunks.length > 0 ? chunks.join("") : null;
}
