import type { Metadata } from "next";
import { SignedInPage } from "@/components/auth/signed-in-page";
import { ModelsView } from "@/components/models/models-view";

export const metadata: Metadata = { title: "Threat models" };

export default function ModelsPage() {
  return (
    <SignedInPage>
      <ModelsView />
    </SignedInPage>
  );
}
