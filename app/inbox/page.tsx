import type { Metadata } from "next";
import { SignedInPage } from "@/components/auth/signed-in-page";
import { InboxView } from "@/components/inbox/inbox-view";

export const metadata: Metadata = { title: "Inbox" };

export default function InboxPage() {
  return (
    <SignedInPage>
      <InboxView />
    </SignedInPage>
  );
}
