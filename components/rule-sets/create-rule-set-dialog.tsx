"use client";

import { useId, useState, type FormEvent } from "react";
import { LIMITS } from "@/lib/limits";
import { getErrorMessage } from "@/components/api/api-client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";

export interface CreateRuleSetDialogProps {
  onCreate: (name: string) => Promise<void>;
  onClose: () => void;
}

/** Names a new, empty organisation rule set. */
export function CreateRuleSetDialog({ onCreate, onClose }: CreateRuleSetDialogProps) {
  const formId = useId();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (name.trim() === "") {
      setError("Enter a name.");
      return;
    }
    setIsSaving(true);
    setError(null);
    try {
      await onCreate(name.trim());
      onClose();
    } catch (caught) {
      setError(getErrorMessage(caught));
      setIsSaving(false);
    }
  }

  return (
    <Dialog
      title="New rule set"
      size="sm"
      onClose={onClose}
      isBusy={isSaving}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={isSaving}>
            Cancel
          </Button>
          <Button type="submit" form={formId} isLoading={isSaving}>
            Create rule set
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={handleSubmit} noValidate>
        <TextField
          label="Name"
          value={name}
          maxLength={LIMITS.elementNameLength}
          error={error}
          onChange={(event) => setName(event.target.value)}
        />
      </form>
    </Dialog>
  );
}
