import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { signInInput } from "@/lib/api/schemas";
import { readServerEnv } from "@/server/config";
import { getRuntime } from "@/server/runtime";
import { verifyCredentials } from "@/server/services/users/verify-credentials";
import { upsertOidcUser } from "@/server/services/users/upsert-oidc-user";
import { log } from "@/server/logger";
import { CLIENT_ADDRESS_HEADER } from "@/server/auth/client-address";
import { createSession } from "@/server/services/sessions/create-session";
import { authorizeSignUpTicket } from "@/server/auth/sign-up-ticket";
import { SIGN_UP_TICKET_PROVIDER } from "@/lib/api/auth-providers";
import { revokeSessions } from "@/server/services/sessions/revoke-sessions";
import { isSessionActive } from "@/server/services/sessions/is-session-active";
import {
  isOidcProfileAcceptable,
  oidcProfileSchema,
  type OidcProfile,
} from "@/server/auth/oidc-profile";

/** Thrown when a cookie names a session that was signed out; next-auth then clears the cookie. */
class SessionEndedError extends Error {
  constructor() {
    super("the session was signed out");
    this.name = "SessionEndedError";
  }
}

/** True when next-auth's error metadata is (or wraps) a SessionEndedError. */
function isSessionEnded(metadata: unknown): boolean {
  let current: unknown = metadata;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth += 1) {
    if (current instanceof SessionEndedError) return true;
    current = Reflect.get(current, "error") ?? Reflect.get(current, "cause");
  }
  return false;
}

/** The sign-in error code the UI shows as "too many attempts". */
export const RATE_LIMITED_ERROR = "RateLimited";

/** How long a sign-in lasts, unless its session is revoked first. */
const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

function oidcProvider(): OAuthConfig<OidcProfile> | null {
  const env = readServerEnv();
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    id: "oidc",
    name: env.OIDC_NAME,
    type: "oauth",
    wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile) {
      const parsed = oidcProfileSchema.parse(profile);
      return {
        id: parsed.sub,
        email: parsed.email,
        name: parsed.name ?? parsed.preferred_username ?? parsed.email,
      };
    },
  };
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  if (typeof headers === "object" && headers !== null && name in headers) {
    const value: unknown = Reflect.get(headers, name);
    return typeof value === "string" ? value : undefined;
  }
  return undefined;
}

/**
 * next-auth 4 configuration: JWT sessions, email and password, and OIDC when configured
 * (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET). The token's `sub` is our user id.
 */
export function buildAuthOptions(): NextAuthOptions {
  const oidc = oidcProvider();
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          const parsed = signInInput.safeParse(credentials);
          if (!parsed.success) return null;
          const { db, signInThrottle } = getRuntime();
          const address = headerValue(req.headers, CLIENT_ADDRESS_HEADER) ?? "unknown";
          const account = parsed.data.email;
          // The address is checked before the account's counter for it moves; an attempt counts
          // against the address while it runs, so parallel guesses cannot slip past.
          const refusal = signInThrottle.begin(address, account);
          if (refusal) {
            log.warn("sign-in rate limited", { address, reason: refusal.reason });
            throw new Error(RATE_LIMITED_ERROR);
          }
          const user = await verifyCredentials(db, parsed.data);
          if (!user) {
            signInThrottle.recordFailure(address, account);
            return null;
          }
          signInThrottle.recordSuccess(address, account);
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
      // Right after sign-up: the ticket of POST /api/users, instead of the password again.
      CredentialsProvider({
        id: SIGN_UP_TICKET_PROVIDER,
        name: "New account",
        credentials: { ticket: { label: "Ticket", type: "text" } },
        authorize: (credentials) =>
          authorizeSignUpTicket(
            getRuntime().db,
            credentials?.ticket,
            process.env.NEXTAUTH_SECRET ?? "",
          ),
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        return isOidcProfileAcceptable(profile);
      },
      async jwt({ token, user, account }) {
        if (!user) {
          // Every session read (the browser asks on load and on focus): a session signed out
          // elsewhere (sign-out, password change, an administrator) ends here too; next-auth
          // then clears the cookie and the page goes to sign in.
          const sid = token.sid;
          if (typeof sid === "string" && token.sub) {
            const { db } = getRuntime();
            if (!(await isSessionActive(db, { sessionId: sid, userId: token.sub }))) {
              throw new SessionEndedError();
            }
          }
          return token;
        }
        // A sign-in: the cookie gets a server-side session of its own (`sid`), which signing
        // out revokes.
        const { db } = getRuntime();
        let signedIn = { ...token };
        if (account?.provider === "oidc" && user.email) {
          const ours = await upsertOidcUser(db, {
            email: user.email,
            name: user.name ?? user.email,
          });
          signedIn = { ...signedIn, sub: ours.id, name: ours.name, email: ours.email };
        }
        const userId = signedIn.sub ?? user.id;
        const sid = await createSession(db, { userId, maxAgeSeconds: SESSION_MAX_AGE_SECONDS });
        return { ...signedIn, sid };
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub ?? "" } };
      },
    },
    events: {
      async signOut({ token }) {
        const sid = token.sid;
        if (typeof sid !== "string" || !token.sub) return;
        const { db, rooms } = getRuntime();
        await revokeSessions(db, rooms, { userId: token.sub, sessionId: sid, actorId: token.sub });
      },
    },
    logger: {
      error: (code, metadata) => {
        if (isSessionEnded(metadata)) {
          log.info("a signed-out session was refused", { code });
          return;
        }
        log.error("next-auth", { code, metadata: String(metadata) });
      },
      warn: (code) => log.warn("next-auth", { code }),
      debug: () => undefined,
    },
  };
}
