import type { Metadata } from "next";
import { SignedInPage } from "@/components/auth/signed-in-page";
import { RuleSetsView } from "@/components/rule-sets/rule-sets-view";

export const metadata: Metadata = { title: "Rule sets" };

export default function RuleSetsPage() {
  return (
    <SignedInPage>
      <RuleSetsView />
    </SignedInPage>
  );
}
