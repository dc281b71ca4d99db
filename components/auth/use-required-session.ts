"use client";

import { useSession } from "next-auth/react";
import { useRouter } from "next/navigation";
import { z } from "zod";
import type { ShellUser } from "@/components/ui/shell";
import { getSignInUrl } from "./callback-url";

const sessionUserSchema = z.object({
  id: z.string().optional(),
  name: z.string().nullish(),
  email: z.string().nullish(),
});

/**
 * The signed-in user of a page that requires one. When there is no session it sends the
 * browser to /signin with a callbackUrl back to this page. This is a convenience only: the
 * API and the realtime server check the session themselves.
 */
export function useRequiredSession(): { user: ShellUser | null } {
  const router = useRouter();
  const { data, status } = useSession({
    required: true,
    onUnauthenticated() {
      router.replace(getSignInUrl(`${window.location.pathname}${window.location.search}`));
    },
  });
  if (status !== "authenticated") return { user: null };
  const parsed = sessionUserSchema.safeParse(data.user);
  if (!parsed.success) return { user: null };
  const email = parsed.data.email ?? "";
  const name = parsed.data.name ?? email;
  return { user: { id: parsed.data.id ?? email, name, email } };
}
