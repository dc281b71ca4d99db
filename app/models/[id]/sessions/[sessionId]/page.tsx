import type { Metadata } from "next";
import { SignedInPage } from "@/components/auth/signed-in-page";
import { SessionSummaryPage } from "@/components/facilitation/session-summary-page";

export const metadata: Metadata = { title: "Session summary" };

export default async function SessionPage({
  params,
}: {
  params: Promise<{ id: string; sessionId: string }>;
}) {
  const { id, sessionId } = await params;
  return (
    <SignedInPage width="wide">
      <SessionSummaryPage modelId={id} sessionId={sessionId} />
    </SignedInPage>
  );
}
