import { cx } from "./class-names";

export interface SpinnerProps {
  /** Text for assistive technology; the spinner itself is decorative. */
  label?: string;
  size?: "sm" | "md" | "lg";
  className?: string;
}

const SIZE_CLASSES: Record<NonNullable<SpinnerProps["size"]>, string> = {
  sm: "size-4 border-2",
  md: "size-6 border-2",
  lg: "size-10 border-[3px]",
};

/** An indeterminate progress indicator announced as a status with its label. */
export function Spinner({ label = "Loading", size = "md", className }: SpinnerProps) {
  return (
    <span role="status" className={cx("inline-flex items-center gap-2", className)}>
      <span
        aria-hidden="true"
        className={cx(
          "animate-spin rounded-full border-slate-300 border-t-indigo-600",
          SIZE_CLASSES[size],
        )}
      />
      <span className="sr-only">{label}</span>
    </span>
  );
}

/** A full-area loading state, centred, for pages waiting on their first data. */
export function PageSpinner({ label = "Loading" }: { label?: string }) {
  return (
    <div className="flex min-h-[40vh] items-center justify-center">
      <Spinner label={label} size="lg" />
    </div>
  );
}
