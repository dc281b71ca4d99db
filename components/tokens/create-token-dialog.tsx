"use client";

import { useId, useState, type FormEvent } from "react";
import { LIMITS } from "@/lib/limits";
import { getErrorMessage } from "@/components/api/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";

export interface CreateTokenDialogProps {
  /** Creates the token and returns its secret. */
  onCreate: (name: string) => Promise<{ secret: string }>;
  onClose: () => void;
}

/**
 * Names a new API token, then shows its secret once with a copy button. Closing the dialog
 * forgets the secret: the server keeps only its hash.
 */
export function CreateTokenDialog({ onCreate, onClose }: CreateTokenDialogProps) {
  const formId = useId();
  const secretId = useId();
  const [name, setName] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed.length === 0) {
      setFieldError("Enter a name, e.g. the script or CI job that will use it.");
      return;
    }
    setFieldError(null);
    setFormError(null);
    setIsSaving(true);
    try {
      const created = await onCreate(trimmed);
      setSecret(created.secret);
    } catch (caught) {
      setFormError(getErrorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  }

  if (secret !== null) {
    return (
      <Dialog
        title="Copy your new token"
        description="This is the only time the token is shown. Store it somewhere safe, such as your CI secrets."
        onClose={onClose}
        footer={
          <Button onClick={onClose} data-autofocus>
            Done
          </Button>
        }
      >
        <div className="space-y-3">
          <label htmlFor={secretId} className="text-sm font-medium text-slate-700">
            Token
          </label>
          <div className="flex items-center gap-2">
            <input
              id={secretId}
              readOnly
              value={secret}
              onFocus={(event) => event.currentTarget.select()}
              className="block w-full rounded-md bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-slate-300 ring-inset focus-visible:outline-2 focus-visible:outline-indigo-600"
            />
            <CopyButton value={secret} label="Copy token" />
          </div>
          <p className="text-sm text-slate-600">
            Use it as{" "}
            <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs">
              Authorization: Bearer &lt;token&gt;
            </code>
            .
          </p>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      title="New API token"
      description="Tokens let scripts and CI jobs call the API as you."
      onClose={onClose}
      isBusy={isSaving}
      size="sm"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={isSaving}>
            Cancel
          </Button>
          <Button type="submit" form={formId} isLoading={isSaving}>
            Create token
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={handleSubmit} className="space-y-4">
        {formError ? <Alert tone="danger">{formError}</Alert> : null}
        <TextField
          label="Token name"
          name="name"
          required
          data-autofocus
          maxLength={LIMITS.tokenNameLength}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={fieldError}
          placeholder="e.g. CI export job"
        />
      </form>
    </Dialog>
  );
}
