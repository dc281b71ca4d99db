import { useId, type ChangeEvent, type Ref, type SelectHTMLAttributes } from "react";
import { cx } from "./class-names";
import { CONTROL_BASE_CLASSES, CONTROL_SIZE_CLASSES } from "./text-field";

export interface SelectOption<V extends string = string> {
  value: V;
  label: string;
}

export interface SelectProps<V extends string = string> extends Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  "onChange" | "value" | "size"
> {
  ref?: Ref<HTMLSelectElement>;
  /** The visible label; also the select's accessible name unless `aria-label` is given. */
  label: string;
  isLabelHidden?: boolean;
  options: readonly SelectOption<V>[];
  value: V;
  onValueChange: (value: V) => void;
  error?: string | null;
  /** "sm" fits a dense row (28 px, small text); "md" (the default) a form. */
  size?: "sm" | "md";
}

/** A labelled native select; `onValueChange` receives only values from `options`. */
export function Select<V extends string>({
  label,
  isLabelHidden = false,
  options,
  value,
  onValueChange,
  error,
  id,
  className,
  ref,
  size = "md",
  ...rest
}: SelectProps<V>) {
  const generatedId = useId();
  const selectId = id ?? generatedId;
  const errorId = `${selectId}-error`;

  function handleChange(event: ChangeEvent<HTMLSelectElement>) {
    const selected = options.find((option) => option.value === event.target.value);
    if (selected) onValueChange(selected.value);
  }

  return (
    <div className={cx("flex flex-col gap-1.5", className)}>
      <label
        htmlFor={selectId}
        className={cx("text-sm font-medium text-slate-700", isLabelHidden && "sr-only")}
      >
        {label}
      </label>
      <select
        ref={ref}
        id={selectId}
        value={value}
        onChange={handleChange}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={cx(CONTROL_BASE_CLASSES, CONTROL_SIZE_CLASSES[size], "appearance-auto pr-8")}
        {...rest}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
