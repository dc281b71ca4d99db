import { useId, type InputHTMLAttributes, type Ref } from "react";
import { cx, FOCUS_RING } from "./class-names";

/** Look shared by text inputs and selects, whatever their size. */
export const CONTROL_BASE_CLASSES = cx(
  "block w-full rounded-md border-0 bg-white text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400",
  "disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500 disabled:ring-slate-200",
  "aria-[invalid=true]:ring-red-500",
  FOCUS_RING,
  "focus-visible:outline-offset-0",
);

/** Padding and text of a control in a form ("md") and in a dense row ("sm"). */
export const CONTROL_SIZE_CLASSES = {
  md: "px-3 py-2 text-sm",
  sm: "py-1 pl-2 text-xs leading-5",
} as const;

/** A form-sized text input or select. */
export const CONTROL_CLASSES = cx(CONTROL_BASE_CLASSES, CONTROL_SIZE_CLASSES.md);

export interface InputProps extends InputHTMLAttributes<HTMLInputElement> {
  ref?: Ref<HTMLInputElement>;
  hasError?: boolean;
}

/** A bare text input; prefer TextField, which carries its label and error text. */
export function Input({ hasError = false, className, ref, ...rest }: InputProps) {
  return (
    <input
      ref={ref}
      aria-invalid={hasError || undefined}
      className={cx(CONTROL_CLASSES, className)}
      {...rest}
    />
  );
}

export interface TextFieldProps extends Omit<InputProps, "hasError"> {
  /** The visible label; also the input's accessible name. */
  label: string;
  /** Validation message shown under the input and announced with it. */
  error?: string | null;
  /** Help text shown under the input when there is no error. */
  hint?: string;
  /** Hides the label visually while keeping it for assistive technology. */
  isLabelHidden?: boolean;
}

/** A labelled text input with optional hint and error text wired up with aria-describedby. */
export function TextField({
  label,
  error,
  hint,
  isLabelHidden = false,
  id,
  className,
  ...rest
}: TextFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  const describedBy = error ? errorId : hint ? hintId : undefined;
  return (
    <div className={cx("flex flex-col gap-1.5", className)}>
      <label
        htmlFor={inputId}
        className={cx("text-sm font-medium text-slate-700", isLabelHidden && "sr-only")}
      >
        {label}
      </label>
      <Input id={inputId} hasError={Boolean(error)} aria-describedby={describedBy} {...rest} />
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : hint ? (
        <p id={hintId} className="text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
