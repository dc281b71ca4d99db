import type { Metadata } from "next";
import { SignedInPage } from "@/components/auth/signed-in-page";
import { AccountView } from "@/components/account/account-view";

export const metadata: Metadata = { title: "Account" };

export default function AccountPage() {
  return (
    <SignedInPage>
      <AccountView />
    </SignedInPage>
  );
}
