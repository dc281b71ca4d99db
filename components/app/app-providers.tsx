"use client";

import type { Session } from "next-auth";
import { SessionProvider } from "next-auth/react";
import type { ReactNode } from "react";
import { ToastProvider } from "@/components/ui/toast";

/**
 * Client-side context of every page: the next-auth session and the toast area. `session` is the
 * one the server read for this page (null: signed out; undefined: the browser asks for it);
 * next-auth then keeps it fresh itself.
 */
export function AppProviders({
  children,
  session,
}: {
  children: ReactNode;
  session: Session | null | undefined;
}) {
  return (
    <SessionProvider session={session}>
      <ToastProvider>{children}</ToastProvider>
    </SessionProvider>
  );
}
