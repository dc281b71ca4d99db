"use client";

import { useId, useState } from "react";
import { LIMITS } from "@/lib/limits";
import { cx } from "@/components/ui/class-names";
import { CONTROL_CLASSES } from "@/components/ui/text-field";

export interface DescriptionFieldProps {
  label: string;
  /** The accessible name when the visible label is not specific enough. */
  ariaLabel?: string;
  value: string;
  /** Saves the edited text; a thrown Error's message is shown under the field. */
  onSave: (value: string) => void;
  isDisabled: boolean;
  className?: string;
}

/**
 * A multi-line text saved when the field loses focus, not on every key press. While someone
 * edits it, others' changes to the same text wait until they leave it; their own edit then
 * wins only if they changed something.
 */
export function DescriptionField({
  label,
  ariaLabel,
  value,
  onSave,
  isDisabled,
  className,
}: DescriptionFieldProps) {
  const fieldId = useId();
  const errorId = `${fieldId}-error`;
  // The text when editing started and the text being typed; null while not editing.
  const [edit, setEdit] = useState<{ base: string; draft: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  function handleBlur() {
    if (edit === null) return;
    if (edit.draft !== edit.base) {
      try {
        onSave(edit.draft);
        setError(null);
      } catch (caught) {
        setError(caught instanceof Error ? caught.message : "The text could not be saved.");
        return;
      }
    }
    setEdit(null);
  }

  return (
    <div className={cx("flex flex-col gap-1.5", className)}>
      <label htmlFor={fieldId} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        id={fieldId}
        aria-label={ariaLabel}
        rows={3}
        maxLength={LIMITS.longTextLength}
        disabled={isDisabled}
        value={edit?.draft ?? value}
        placeholder={isDisabled ? undefined : "How the control works, where it applies, limits"}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onFocus={() => setEdit((current) => current ?? { base: value, draft: value })}
        onChange={(event) =>
          setEdit((current) => ({ base: current?.base ?? value, draft: event.target.value }))
        }
        onBlur={handleBlur}
        className={cx(CONTROL_CLASSES, "min-h-20 resize-y")}
      />
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
