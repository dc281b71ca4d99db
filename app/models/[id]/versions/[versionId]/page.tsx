import type { Metadata } from "next";
import { SignedInPage } from "@/components/auth/signed-in-page";
import { VersionView } from "@/components/versions/version-view";

export const metadata: Metadata = { title: "Version" };

export default async function VersionPage({
  params,
}: {
  params: Promise<{ id: string; versionId: string }>;
}) {
  const { id, versionId } = await params;
  return (
    <SignedInPage width="wide">
      <VersionView modelId={id} versionId={versionId} />
    </SignedInPage>
  );
}
