"use client";

import { useSession } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { PageSpinner } from "@/components/ui/spinner";

/** Sends a signed-in visitor to their models and anyone else to the sign-in page. */
export function RootRedirect() {
  const { status } = useSession();
  const router = useRouter();

  useEffect(() => {
    if (status === "authenticated") router.replace("/models");
    else if (status === "unauthenticated") router.replace("/signin");
  }, [status, router]);

  return <PageSpinner label="Opening Threat Room" />;
}
