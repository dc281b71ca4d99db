import type { Metadata } from "next";
import { getSafeCallbackUrl } from "@/components/auth/callback-url";
import { RedirectIfSignedIn } from "@/components/auth/redirect-if-signed-in";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getRedirectErrorMessage } from "@/components/auth/sign-in-messages";
import { AuthShell } from "@/components/ui/shell";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { callbackUrl, error } = await searchParams;
  const safeCallbackUrl = getSafeCallbackUrl(callbackUrl);
  return (
    <AuthShell title="Sign in to your account">
      <RedirectIfSignedIn to={safeCallbackUrl} />
      <SignInForm
        callbackUrl={safeCallbackUrl}
        initialError={getRedirectErrorMessage(typeof error === "string" ? error : undefined)}
      />
    </AuthShell>
  );
}
