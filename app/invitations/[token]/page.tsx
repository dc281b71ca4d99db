import type { Metadata } from "next";
import { InvitationView } from "@/components/invitations/invitation-view";
import { AuthShell } from "@/components/ui/shell";

export const metadata: Metadata = { title: "Invitation" };

/** An invitation link's page: open to everyone, signed in or not (the token is the secret). */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <AuthShell title="You are invited">
      <InvitationView token={token} />
    </AuthShell>
  );
}
