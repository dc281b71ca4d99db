"use client";

import { useSession } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** On the sign-in and sign-up pages: someone already signed in goes straight on. */
export function RedirectIfSignedIn({ to }: { to: string }) {
  const { status } = useSession();
  const router = useRouter();
  useEffect(() => {
    if (status === "authenticated") router.replace(to);
  }, [status, router, to]);
  return null;
}
