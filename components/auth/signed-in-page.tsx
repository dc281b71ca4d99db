"use client";

import { signOut } from "next-auth/react";
import type { ReactNode } from "react";
import { Shell } from "@/components/ui/shell";
import { PageSpinner } from "@/components/ui/spinner";
import { EmailVerificationBanner } from "./email-verification-banner";
import { useRequiredSession } from "./use-required-session";

/**
 * The frame of every signed-in page: renders the Shell and, once the session is known, the
 * page. Without a session it redirects to /signin (see useRequiredSession).
 */
export function SignedInPage({
  children,
  width,
}: {
  children: ReactNode;
  width?: "default" | "wide" | "full";
}) {
  const { user } = useRequiredSession();

  function handleSignOut() {
    void signOut({ callbackUrl: "/signin" });
  }

  return (
    <Shell user={user} onSignOut={handleSignOut} width={width}>
      {user ? (
        <>
          <EmailVerificationBanner />
          {children}
        </>
      ) : (
        <PageSpinner label="Checking your session" />
      )}
    </Shell>
  );
}
