import type { Metadata } from "next";
import { SignedInPage } from "@/components/auth/signed-in-page";
import { WorkspaceView } from "@/components/workspace/workspace-view";

export const metadata: Metadata = { title: "Model" };

export default async function ModelPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <SignedInPage width="full">
      <WorkspaceView modelId={id} />
    </SignedInPage>
  );
}
