import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { AppProviders } from "@/components/app/app-providers";
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
 * (see server/http/security-headers.ts), which a page built ahead of time could not know.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>
        <AppProviders>{children}</AppProviders>
      </body>
    </html>
  );
}
