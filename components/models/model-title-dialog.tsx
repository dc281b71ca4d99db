"use client";

import { useId, useState, type FormEvent } from "react";
import { LIMITS } from "@/lib/limits";
import { getErrorMessage } from "@/components/api/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";

export interface ModelTitleDialogProps {
  title: string;
  description?: string;
  submitLabel: string;
  initialValue?: string;
  /** Saves the trimmed title; a thrown error's message is shown and the dialog stays open. */
  onSubmit: (title: string) => Promise<void>;
  onClose: () => void;
}

/** Asks for a model title: used to create a model and to rename one. */
export function ModelTitleDialog({
  title,
  description,
  submitLabel,
  initialValue = "",
  onSubmit,
  onClose,
}: ModelTitleDialogProps) {
  const [value, setValue] = useState(initialValue);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const formId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = value.trim();
    if (trimmed.length === 0) {
      setFieldError("Enter a title.");
      return;
    }
    if (trimmed.length > LIMITS.modelTitleLength) {
      setFieldError(`Use at most ${LIMITS.modelTitleLength} characters.`);
      return;
    }
    setFieldError(null);
    setFormError(null);
    setIsSaving(true);
    try {
      await onSubmit(trimmed);
      onClose();
    } catch (caught) {
      setFormError(getErrorMessage(caught));
      setIsSaving(false);
    }
  }

  return (
    <Dialog
      title={title}
      description={description}
      onClose={onClose}
      isBusy={isSaving}
      size="sm"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={isSaving}>
            Cancel
          </Button>
          <Button type="submit" form={formId} isLoading={isSaving}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={handleSubmit} className="space-y-4">
        {formError ? <Alert tone="danger">{formError}</Alert> : null}
        <TextField
          label="Title"
          name="title"
          required
          data-autofocus
          maxLength={LIMITS.modelTitleLength}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          error={fieldError}
          placeholder="e.g. Payments API"
        />
      </form>
    </Dialog>
  );
}
