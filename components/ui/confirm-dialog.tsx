"use client";

import { useState, type ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import { Dialog } from "./dialog";

export interface ConfirmDialogProps {
  title: string;
  /** What will happen, in a sentence the user can check. */
  description: ReactNode;
  /** The label of the confirming button, a verb: "Delete model". */
  confirmLabel: string;
  isDanger?: boolean;
  /** Runs the action; a thrown Error's message is shown in the dialog, which stays open. */
  onConfirm: () => Promise<void> | void;
  onClose: () => void;
}

/** Asks before an irreversible action; closes itself only when the action succeeded. */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  isDanger = false,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function handleConfirm() {
    setIsBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "Something went wrong. Try again.");
      setIsBusy(false);
    }
  }

  return (
    <Dialog
      title={title}
      size="sm"
      onClose={onClose}
      isBusy={isBusy}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={isBusy} data-autofocus>
            Cancel
          </Button>
          <Button
            variant={isDanger ? "danger" : "primary"}
            onClick={handleConfirm}
            isLoading={isBusy}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="space-y-4 text-sm text-slate-700">
        <div>{description}</div>
        {error ? <Alert tone="danger">{error}</Alert> : null}
      </div>
    </Dialog>
  );
}
