"use client";

import { SessionProvider } from "next-auth/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { ToastProvider } from "@/components/ui/toast";

// zod would probe whether it may compile validators with `new Function`; the pages' policy
// forbids eval, and the probe alone reports a violation. Validation works the same without it.
z.config({ jitless: true });

/** Client-side context of every page: the next-auth session and the toast area. */
export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <ToastProvider>{children}</ToastProvider>
    </SessionProvider>
  );
}
