import type { Metadata } from "next";
import { SignedInPage } from "@/components/auth/signed-in-page";
import { AuditView } from "@/components/audit/audit-view";

export const metadata: Metadata = { title: "Audit trail" };

export default function AuditPage() {
  return (
    <SignedInPage width="wide">
      <AuditView />
    </SignedInPage>
  );
}
