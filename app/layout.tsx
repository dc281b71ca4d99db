import type { Metadata, Viewport } from "next";
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

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AppProviders>{children}</AppProviders>
      </body>
    </html>
  );
}
