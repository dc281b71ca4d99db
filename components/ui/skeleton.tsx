import { cx } from "./class-names";

/** A grey placeholder block with a gentle pulse; decorative, so hidden from assistive tech. */
export function Skeleton({ className }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cx("block animate-pulse rounded-md bg-slate-200", className)}
    />
  );
}

/**
 * Placeholder rows for a list that is still loading, announced once as "label". Use it instead
 * of an empty list so loading is never mistaken for "nothing here".
 */
export function SkeletonList({ rows = 3, label }: { rows?: number; label: string }) {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, index) => (
        <div
          key={index}
          className="flex items-center gap-4 rounded-lg bg-white p-4 ring-1 ring-slate-200"
        >
          <Skeleton className="h-4 flex-1" />
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-4 w-20" />
        </div>
      ))}
    </div>
  );
}
