import type { ReactNode } from "react";
import { cx } from "./class-names";

export type BadgeTone = "neutral" | "accent" | "success" | "warning" | "danger" | "info";

export interface BadgeProps {
  tone?: BadgeTone;
  children: ReactNode;
  className?: string;
}

const TONE_CLASSES: Record<BadgeTone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-300/70",
  accent: "bg-indigo-50 text-indigo-800 ring-indigo-300/70",
  success: "bg-emerald-50 text-emerald-800 ring-emerald-300/70",
  warning: "bg-amber-50 text-amber-900 ring-amber-300/70",
  danger: "bg-red-50 text-red-800 ring-red-300/70",
  info: "bg-sky-50 text-sky-800 ring-sky-300/70",
};

/** A short label: a role, a status, a category. Text, never colour alone, carries meaning. */
export function Badge({ tone = "neutral", children, className }: BadgeProps) {
  return (
    <span
      className={cx(
        "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        TONE_CLASSES[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}
