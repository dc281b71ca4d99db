import type { Metadata, Viewport } from "next";
import { getServerSession } from "next-auth";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { AppProviders } from "@/components/app/app-providers";
import { buildAuthOptions } from "@/server/auth/next-auth-options";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Threat Room", template: "%s · Threat Room" },
  description: "A real-time collaborative workspace for threat-modeling meetings.",
};

export const viewport: Viewport = {
  themeColor: "#4f46e5",
};

/**
 * Every page renders per request: its scripts carry that request's Content-Security-Policy nonce
 * (see server/http/security-headers.ts), which a page built ahead of time could not know. The
 * request's session (null when signed out) is read here, with the same checks as next-auth's
 * session endpoint, so a page knows who is signed in from its first render instead of asking
 * the server again before it loads its own data.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  const session = await getServerSession(buildAuthOptions());
  return (
    <html lang="en">
      <body>
        <AppProviders session={session}>{children}</AppProviders>
      </body>
    </html>
  );
}
