import type { Metadata, Viewport } from "next";
import { getServerSession, type Session } from "next-auth";
import { cookies } from "next/headers";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { AppProviders } from "@/components/app/app-providers";
import { sessionCookieName } from "@/server/auth/authenticate";
import { buildAuthOptions } from "@/server/auth/next-auth-options";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Threat Room", template: "%s · Threat Room" },
  description: "A real-time collaborative workspace for threat-modeling meetings.",
};

export const viewport: Viewport = {
  themeColor: "#4f46e5",
};

/** next-auth's session cookie: part of its name over HTTPS (`__Secure-`) and when chunked. */
const SESSION_COOKIE_NAME = sessionCookieName(false);

/**
 * The request's session for the page's first render; undefined leaves it to the browser, which
 * asks next-auth's session endpoint as before: when reading it failed, and when the request
 * carries a session cookie that is no longer valid (signed out elsewhere, expired), because the
 * endpoint can clear that cookie and a page rendered here cannot.
 */
async function readSession(): Promise<Session | null | undefined> {
  try {
    const session = await getServerSession(buildAuthOptions());
    if (session !== null) return session;
    const hasSessionCookie = (await cookies())
      .getAll()
      .some(({ name }) => name.includes(SESSION_COOKIE_NAME));
    return hasSessionCookie ? undefined : null;
  } catch {
    return undefined;
  }
}

/**
 * Every page renders per request: its scripts carry that request's Content-Security-Policy nonce
 * (see server/http/security-headers.ts), which a page built ahead of time could not know. The
 * request's session (null when signed out) is read here, with the same checks as next-auth's
 * session endpoint, so a page knows who is signed in from its first render instead of asking
 * the server again before it loads its own data.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  const session = await readSession();
  return (
    // Whether someone is signed in, for the page's first script (see instrumentation-client).
    <html lang="en" data-signed-in={session ? "true" : undefined}>
      <body>
        <AppProviders session={session}>{children}</AppProviders>
      </body>
    </html>
  );
}
