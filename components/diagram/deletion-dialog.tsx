"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describeDeletionWithThreats } from "./deletion-message";
import type { DeletionPlan } from "./diagram-commands";

/** Asks before a deletion that leaves threats without their target. */
export function DeletionDialog({
  plan,
  onConfirm,
  onClose,
}: {
  plan: DeletionPlan;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <ConfirmDialog
      title="Delete with threats?"
      description={describeDeletionWithThreats(plan)}
      confirmLabel="Delete"
      isDanger
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}
