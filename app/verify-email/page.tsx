import type { Metadata } from "next";
import { ConfirmEmail } from "@/components/auth/confirm-email";
import { AuthShell } from "@/components/ui/shell";

export const metadata: Metadata = { title: "Confirm your email address" };

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  return (
    <AuthShell title="Confirm your email address">
      <ConfirmEmail token={typeof token === "string" ? token : ""} />
    </AuthShell>
  );
}
