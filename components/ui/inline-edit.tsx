"use client";

import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { Button } from "./button";
import { cx } from "./class-names";
import { PencilIcon } from "./icons";
import { Input } from "./text-field";

export interface InlineEditProps {
  value: string;
  /** Saves a changed, trimmed, non-empty value; a thrown Error's message is shown. */
  onSave: (value: string) => void | Promise<void>;
  /** The input's accessible name, e.g. "Model title". */
  inputLabel: string;
  /** The edit button's accessible name, e.g. "Rename model". */
  editLabel: string;
  isDisabled?: boolean;
  maxLength?: number;
  /** Renders the value when not editing, e.g. inside a heading. */
  renderValue?: (value: string) => ReactNode;
  className?: string;
  inputClassName?: string;
}

/**
 * Text edited in place: the value with an edit button; editing shows an input where Enter
 * saves, Escape cancels and leaving the field saves. Focus returns to the edit button.
 * When disabled only the value is shown.
 */
export function InlineEdit({
  value,
  onSave,
  inputLabel,
  editLabel,
  isDisabled = false,
  maxLength,
  renderValue = (text) => text,
  className,
  inputClassName,
}: InlineEditProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const isEditing = draft !== null && !isDisabled;

  function startEditing() {
    setError(null);
    setDraft(value);
  }

  function finishEditing() {
    setDraft(null);
    requestAnimationFrame(() => editButtonRef.current?.focus());
  }

  async function commit() {
    if (draft === null) return;
    const trimmed = draft.trim();
    if (trimmed.length === 0 || trimmed === value) {
      finishEditing();
      return;
    }
    try {
      await onSave(trimmed);
      finishEditing();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "Could not save. Try again.");
    }
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      void commit();
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      finishEditing();
    }
  }

  if (isEditing) {
    return (
      <div className={cx("min-w-0 flex-1", className)}>
        <Input
          autoFocus
          aria-label={inputLabel}
          value={draft}
          maxLength={maxLength}
          hasError={Boolean(error)}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={handleKeyDown}
          onBlur={() => void commit()}
          className={inputClassName}
        />
        {error ? (
          <p role="alert" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        ) : (
          <p className="sr-only">Press Enter to save or Escape to cancel.</p>
        )}
      </div>
    );
  }

  return (
    <div className={cx("flex min-w-0 items-center gap-1", className)}>
      <div
        className={cx("min-w-0", !isDisabled && "cursor-text")}
        onClick={isDisabled ? undefined : startEditing}
      >
        {renderValue(value)}
      </div>
      {isDisabled ? null : (
        <Button
          ref={editButtonRef}
          variant="ghost"
          size="icon"
          aria-label={editLabel}
          title={editLabel}
          className="size-7 text-slate-500"
          onClick={startEditing}
          icon={<PencilIcon />}
        />
      )}
    </div>
  );
}
