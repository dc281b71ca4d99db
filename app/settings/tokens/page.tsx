import type { Metadata } from "next";
import { SignedInPage } from "@/components/auth/signed-in-page";
import { TokensView } from "@/components/tokens/tokens-view";

export const metadata: Metadata = { title: "API tokens" };

export default function TokensPage() {
  return (
    <SignedInPage>
      <TokensView />
    </SignedInPage>
  );
}
