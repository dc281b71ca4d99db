"use client";

import { useId, useState, type KeyboardEvent } from "react";
import { cx } from "@/components/ui/class-names";
import { Select } from "@/components/ui/select";
import { CONTROL_CLASSES, TextField } from "@/components/ui/text-field";
import { getModelErrorMessage } from "@/components/threats/model-error-message";
import {
  ANSWER_OPTIONS,
  formatSequence,
  fromAnswerChoice,
  parseSequence,
  toAnswerChoice,
  UNANSWERED,
  type FieldDefinition,
  type FieldValue,
  type ParsedInput,
} from "./property-fields";

/** The message of an error thrown while saving, for the line under a field. */
function toErrorMessage(error: unknown): string {
  return getModelErrorMessage(error, "The change could not be saved.");
}

export interface CommittedTextFieldProps {
  label: string;
  help?: string;
  /** The stored text; shown whenever the field is not being edited. */
  value: string;
  maxLength: number;
  isMultiline?: boolean;
  isDisabled: boolean;
  /** Turns the typed text into the value to save, or the message to show. */
  parse: (text: string) => ParsedInput<FieldValue>;
  /** Saves the value; a thrown error's message is shown under the field. */
  onSave: (value: FieldValue) => void;
}

/**
 * Text saved when the field is left, or on Enter for a single line; Escape puts the stored
 * text back. While someone edits it, others' changes wait until they leave the field; their
 * own edit is saved only if they changed something.
 */
export function CommittedTextField({
  label,
  help,
  value,
  maxLength,
  isMultiline = false,
  isDisabled,
  parse,
  onSave,
}: CommittedTextFieldProps) {
  const fieldId = useId();
  // The text when editing started and the text being typed; null while not editing.
  const [edit, setEdit] = useState<{ base: string; draft: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** Saves the draft; returns false when it was refused (the message is shown). */
  function commit(): boolean {
    if (edit === null || edit.draft === edit.base) {
      setError(null);
      return true;
    }
    const parsed = parse(edit.draft);
    if ("error" in parsed) {
      setError(parsed.error);
      return false;
    }
    try {
      onSave(parsed.value);
    } catch (caught) {
      setError(toErrorMessage(caught));
      return false;
    }
    setError(null);
    return true;
  }

  function handleBlur() {
    if (commit()) setEdit(null);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) {
    if (event.key === "Enter" && !isMultiline) {
      event.preventDefault();
      if (commit()) setEdit({ base: edit?.draft ?? value, draft: edit?.draft ?? value });
    } else if (event.key === "Escape" && edit !== null) {
      event.preventDefault();
      event.stopPropagation();
      setEdit({ base: value, draft: value });
      setError(null);
    }
  }

  const shared = {
    value: edit?.draft ?? value,
    maxLength,
    disabled: isDisabled,
    onFocus: () => setEdit((current) => current ?? { base: value, draft: value }),
    onChange: (event: { target: { value: string } }) =>
      setEdit((current) => ({ base: current?.base ?? value, draft: event.target.value })),
    onBlur: handleBlur,
    onKeyDown: handleKeyDown,
  };

  if (!isMultiline) {
    return <TextField label={label} hint={help} error={error} {...shared} />;
  }
  const errorId = `${fieldId}-error`;
  const helpId = `${fieldId}-help`;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={fieldId} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        id={fieldId}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : help ? helpId : undefined}
        className={cx(CONTROL_CLASSES, "min-h-16 resize-y")}
        {...shared}
      />
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : help ? (
        <p id={helpId} className="text-sm text-slate-500">
          {help}
        </p>
      ) : null}
    </div>
  );
}

export interface FlagFieldProps {
  label: string;
  help?: string;
  isChecked: boolean;
  isDisabled: boolean;
  onChange: (isChecked: boolean) => void;
  error?: string | null;
}

/** A labelled checkbox with optional help text. */
export function FlagField({ label, help, isChecked, isDisabled, onChange, error }: FlagFieldProps) {
  const fieldId = useId();
  const helpId = `${fieldId}-help`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={fieldId} className="flex items-center gap-2 text-sm text-slate-700">
        <input
          id={fieldId}
          type="checkbox"
          className="size-4 rounded border-slate-300 text-indigo-600 disabled:cursor-not-allowed"
          checked={isChecked}
          disabled={isDisabled}
          aria-describedby={help || error ? helpId : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
        {label}
      </label>
      {error ? (
        <p id={helpId} className="pl-6 text-sm text-red-700">
          {error}
        </p>
      ) : help ? (
        <p id={helpId} className="pl-6 text-xs text-slate-500">
          {help}
        </p>
      ) : null}
    </div>
  );
}

export interface PropertyFieldProps {
  definition: FieldDefinition;
  /** The stored value (see readField). */
  value: unknown;
  isDisabled: boolean;
  /** Saves the field; a thrown error's message is shown under it. */
  onSave: (value: FieldValue) => void;
}

/** One field of the properties panel, edited the way its definition says. */
export function PropertyField({ definition, value, isDisabled, onSave }: PropertyFieldProps) {
  const [error, setError] = useState<string | null>(null);

  function save(next: FieldValue) {
    try {
      onSave(next);
      setError(null);
    } catch (caught) {
      setError(toErrorMessage(caught));
    }
  }

  switch (definition.type) {
    case "text":
    case "long-text":
      return (
        <CommittedTextField
          label={definition.label}
          help={definition.help}
          value={typeof value === "string" ? value : ""}
          maxLength={definition.maxLength}
          isMultiline={definition.type === "long-text"}
          isDisabled={isDisabled}
          parse={(text) => ({ value: text })}
          onSave={onSave}
        />
      );
    case "sequence":
      return (
        <CommittedTextField
          label={definition.label}
          help={definition.help}
          value={formatSequence(value)}
          maxLength={16}
          isDisabled={isDisabled}
          parse={parseSequence}
          onSave={onSave}
        />
      );
    case "flag":
      return (
        <FlagField
          label={definition.label}
          help={definition.help}
          isChecked={value === true}
          isDisabled={isDisabled}
          error={error}
          onChange={save}
        />
      );
    case "answer":
      return (
        <div className="flex flex-col gap-1">
          <Select
            label={definition.label}
            options={ANSWER_OPTIONS}
            value={toAnswerChoice(value)}
            disabled={isDisabled}
            error={error}
            onValueChange={(choice) => save(fromAnswerChoice(choice))}
          />
          {definition.help && !error ? (
            <p className="text-xs text-slate-500">{definition.help}</p>
          ) : null}
        </div>
      );
    case "choice": {
      const options = definition.isOptional
        ? [{ value: UNANSWERED, label: "Not answered" }, ...definition.options]
        : definition.options;
      const current = typeof value === "string" ? value : UNANSWERED;
      return (
        <div className="flex flex-col gap-1">
          <Select
            label={definition.label}
            options={options}
            value={current}
            disabled={isDisabled}
            error={error}
            onValueChange={(choice) => save(choice === UNANSWERED ? null : choice)}
          />
          {definition.help && !error ? (
            <p className="text-xs text-slate-500">{definition.help}</p>
          ) : null}
        </div>
      );
    }
  }
}
