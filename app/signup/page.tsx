import type { Metadata } from "next";
import { LIMITS } from "@/lib/limits";
import { getSafeCallbackUrl } from "@/components/auth/callback-url";
import { RedirectIfSignedIn } from "@/components/auth/redirect-if-signed-in";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { AuthShell } from "@/components/ui/shell";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { callbackUrl, email } = await searchParams;
  const safeCallbackUrl = getSafeCallbackUrl(callbackUrl);
  // An invitation link passes the invited address; it only fills in the field.
  const initialEmail = typeof email === "string" ? email.slice(0, LIMITS.emailLength) : "";
  return (
    <AuthShell title="Create your account">
      <RedirectIfSignedIn to={safeCallbackUrl} />
      <SignUpForm callbackUrl={safeCallbackUrl} initialEmail={initialEmail} />
    </AuthShell>
  );
}
