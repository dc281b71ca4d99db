"use client";

import { useId, useState, type FormEvent } from "react";
import { LIMITS } from "@/lib/limits";
import type { Rule } from "@/lib/stride/rule-types";
import { getErrorMessage } from "@/components/api/api-client";
import { CATEGORY_OPTIONS } from "@/components/threats/threat-options";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/select";
import { TextField } from "@/components/ui/text-field";
import { describeCondition, describeScope } from "@/lib/stride/describe-condition";
import { RuleConditionFields } from "./rule-condition-fields";
import {
  buildRuleFromDraft,
  createRuleDraft,
  draftRuleTexts,
  listPlaceholders,
  readRuleDraft,
  reviseDraft,
  suggestRuleId,
  type DraftErrors,
  type RuleDraft,
} from "./rule-draft";

/** What listPlaceholders needs, for a rule whose scope the builder does not hold. */
function readScopeOfPlaceholders(rule: Rule): Pick<RuleDraft, "scope" | "elementKinds"> {
  return rule.scope.kind === "element"
    ? { scope: "element", elementKinds: rule.scope.elementKinds }
    : { scope: "interaction", elementKinds: [] };
}

export interface RuleDialogProps {
  /** The rule to edit; absent to add a new one. */
  rule?: Rule;
  /** Ids a new rule may not take: the set's other rules (and the built-in rules). */
  takenIds: ReadonlySet<string>;
  /** Saves the rule; a thrown error is shown and the dialog stays open. */
  onSave: (rule: Rule) => Promise<void>;
  onClose: () => void;
}

/**
 * Adds or edits a rule with the rule builder: texts, category, enabled flag and, when the
 * builder can show them, scope and conditions; other conditions are shown read-only. The rule
 * is validated against lib/stride's rule schema before it is saved.
 */
export function RuleDialog({ rule, takenIds, onSave, onClose }: RuleDialogProps) {
  const formId = useId();
  const descriptionId = useId();
  const placeholdersId = useId();
  const isNew = rule === undefined;
  const [readDraft] = useState(() =>
    rule === undefined ? createRuleDraft() : readRuleDraft(rule),
  );
  const isConditionEditable = readDraft !== null;
  const [draft, setDraft] = useState<RuleDraft>(
    () => readDraft ?? (rule === undefined ? createRuleDraft() : draftRuleTexts(rule)),
  );
  // A new rule's id follows its title until the user types one.
  const [isIdTyped, setIsIdTyped] = useState(!isNew);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const id = isIdTyped ? draft.id : suggestRuleId(draft.title, takenIds);
  const placeholders = listPlaceholders(
    isConditionEditable || rule === undefined ? draft : readScopeOfPlaceholders(rule),
  );

  function handleChange(changes: Partial<RuleDraft>) {
    setDraft((current) => reviseDraft(current, changes));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = buildRuleFromDraft(
      { ...draft, id },
      { takenIds, keepConditionOf: isConditionEditable ? undefined : rule },
    );
    setSaveError(null);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setIsSaving(true);
    try {
      await onSave(result.rule);
      onClose();
    } catch (caught) {
      setSaveError(getErrorMessage(caught));
      setIsSaving(false);
    }
  }

  const formError = saveError ?? errors.form ?? null;
  return (
    <Dialog
      title={isNew ? "Add rule" : "Edit rule"}
      size="lg"
      onClose={onClose}
      isBusy={isSaving}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={isSaving}>
            Cancel
          </Button>
          <Button type="submit" form={formId} isLoading={isSaving}>
            {isNew ? "Add rule" : "Save rule"}
          </Button>
        </>
      }
    >
      <form id={formId} className="space-y-4" onSubmit={handleSubmit} noValidate>
        {formError ? <Alert tone="danger">{formError}</Alert> : null}
        <TextField
          label="Title"
          value={draft.title}
          maxLength={LIMITS.threatTitleLength}
          error={errors.title}
          onChange={(event) => handleChange({ title: event.target.value })}
        />
        <div className="flex flex-col gap-1.5">
          <label htmlFor={descriptionId} className="text-sm font-medium text-slate-700">
            Description
          </label>
          <textarea
            id={descriptionId}
            className="min-h-24 rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500"
            value={draft.description}
            maxLength={LIMITS.threatDescriptionLength}
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={
              errors.description ? `${descriptionId}-error ${placeholdersId}` : placeholdersId
            }
            onChange={(event) => handleChange({ description: event.target.value })}
          />
          {errors.description ? (
            <p id={`${descriptionId}-error`} className="text-sm text-red-700">
              {errors.description}
            </p>
          ) : null}
          <p id={placeholdersId} className="text-sm text-slate-500">
            Placeholders in title and description:{" "}
            {placeholders.map((placeholder, index) => (
              <span key={placeholder}>
                {index > 0 ? ", " : null}
                <code className="rounded bg-slate-100 px-1 font-mono text-xs">{placeholder}</code>
              </span>
            ))}
            , or any other field of those subjects.
          </p>
        </div>
        {isNew ? (
          <TextField
            label="Rule id"
            value={id}
            maxLength={LIMITS.idLength}
            error={errors.id}
            hint="Generated threats refer to it, so it cannot change later."
            onChange={(event) => {
              setIsIdTyped(true);
              handleChange({ id: event.target.value });
            }}
          />
        ) : (
          <p className="text-sm text-slate-600">
            Rule id <code className="font-mono text-xs">{id}</code>
            {errors.id ? <span className="block text-red-700">{errors.id}</span> : null}
          </p>
        )}
        <div className="flex flex-wrap items-end gap-4">
          <Select
            label="STRIDE category"
            options={CATEGORY_OPTIONS}
            value={draft.category}
            onValueChange={(category) => handleChange({ category })}
          />
          <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className="size-4"
              checked={draft.isEnabled}
              onChange={(event) => handleChange({ isEnabled: event.target.checked })}
            />
            Enabled
          </label>
        </div>
        {isConditionEditable ? (
          <RuleConditionFields draft={draft} onChange={handleChange} errors={errors} />
        ) : rule ? (
          <div className="space-y-1 text-sm">
            <p className="font-medium text-slate-700">Condition (read-only)</p>
            <p className="text-slate-600">For {describeScope(rule.scope)}</p>
            <p className="text-slate-600">If {describeCondition(rule.include)}</p>
            {rule.exclude ? (
              <p className="text-slate-600">Unless {describeCondition(rule.exclude)}</p>
            ) : null}
            <p className="text-slate-500">
              This condition goes beyond what the builder can show (it was imported or written as
              JSON). To change it, export the set, edit the JSON and import it again.
            </p>
          </div>
        ) : null}
      </form>
    </Dialog>
  );
}
