"use client";

import { useId, useState, type FormEvent } from "react";
import { LIMITS } from "@/lib/limits";
import type { StrideCategory } from "@/lib/model/threats";
import type { Rule } from "@/lib/stride/rule-types";
import { getErrorMessage } from "@/components/api/api-client";
import { CATEGORY_OPTIONS } from "@/components/threats/threat-options";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/select";
import { TextField } from "@/components/ui/text-field";
import { formatCondition } from "./format-condition";

export interface RuleEditDialogProps {
  rule: Rule;
  /** Saves the changed rule; a thrown error is shown and the dialog stays open. */
  onSave: (rule: Rule) => Promise<void>;
  onClose: () => void;
}

/** Edits a rule's title, description, category and enabled flag; the condition is read-only. */
export function RuleEditDialog({ rule, onSave, onClose }: RuleEditDialogProps) {
  const formId = useId();
  const descriptionId = useId();
  const [title, setTitle] = useState(rule.title);
  const [description, setDescription] = useState(rule.description);
  const [category, setCategory] = useState<StrideCategory>(rule.category);
  const [isEnabled, setIsEnabled] = useState(rule.enabled);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (title.trim() === "") {
      setError("Enter a title.");
      return;
    }
    setIsSaving(true);
    setError(null);
    try {
      await onSave({ ...rule, title: title.trim(), description, category, enabled: isEnabled });
      onClose();
    } catch (caught) {
      setError(getErrorMessage(caught));
      setIsSaving(false);
    }
  }

  return (
    <Dialog
      title="Edit rule"
      size="lg"
      onClose={onClose}
      isBusy={isSaving}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={isSaving}>
            Cancel
          </Button>
          <Button type="submit" form={formId} isLoading={isSaving}>
            Save rule
          </Button>
        </>
      }
    >
      <form id={formId} className="space-y-4" onSubmit={handleSubmit} noValidate>
        {error ? <Alert tone="danger">{error}</Alert> : null}
        <TextField
          label="Title"
          value={title}
          maxLength={LIMITS.threatTitleLength}
          onChange={(event) => setTitle(event.target.value)}
        />
        <div className="flex flex-col gap-1.5">
          <label htmlFor={descriptionId} className="text-sm font-medium text-slate-700">
            Description
          </label>
          <textarea
            id={descriptionId}
            className="min-h-28 rounded-md border border-slate-300 px-3 py-2 text-sm"
            value={description}
            maxLength={LIMITS.threatDescriptionLength}
            onChange={(event) => setDescription(event.target.value)}
          />
        </div>
        <Select
          label="Category"
          options={CATEGORY_OPTIONS}
          value={category}
          onValueChange={setCategory}
        />
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            className="size-4"
            checked={isEnabled}
            onChange={(event) => setIsEnabled(event.target.checked)}
          />
          Enabled
        </label>
        <div className="text-sm">
          <p className="font-medium text-slate-700">Condition (read-only)</p>
          <p className="mt-1 text-slate-600">If {formatCondition(rule.include)}</p>
          {rule.exclude ? (
            <p className="text-slate-600">Unless {formatCondition(rule.exclude)}</p>
          ) : null}
        </div>
      </form>
    </Dialog>
  );
}
