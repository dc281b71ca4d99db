"use client";

import type * as Y from "yjs";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useGenerateThreats } from "./use-generate-threats";

export interface GenerateThreatsButtonProps {
  doc: Y.Doc | null;
  /** Recorded as the author of the generated threats. */
  authorId: string;
}

/** Runs threat generation over the whole model and reports the outcome in a toast. */
export function GenerateThreatsButton({ doc, authorId }: GenerateThreatsButtonProps) {
  const { notify } = useToast();
  const { generate, isGenerating } = useGenerateThreats({ doc, authorId, onReport: notify });
  return (
    <Button
      variant="secondary"
      isLoading={isGenerating}
      disabled={!doc}
      onClick={() => void generate()}
    >
      Generate threats
    </Button>
  );
}
