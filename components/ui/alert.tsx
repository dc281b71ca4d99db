import type { ReactNode } from "react";
import { cx } from "./class-names";
import { AlertIcon, CheckIcon, InfoIcon } from "./icons";

export type AlertTone = "info" | "success" | "warning" | "danger";

export interface AlertProps {
  tone?: AlertTone;
  title?: string;
  children?: ReactNode;
  /** An action shown on the right, e.g. a Reload button. */
  action?: ReactNode;
  className?: string;
  /**
   * `alert` interrupts the screen reader (errors that need attention now); `status` is
   * polite; `none` for notices that are part of the page from the start.
   */
  role?: "alert" | "status" | "none";
}

const TONE_CLASSES: Record<AlertTone, string> = {
  info: "bg-sky-50 text-sky-900 ring-sky-200",
  success: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  warning: "bg-amber-50 text-amber-900 ring-amber-200",
  danger: "bg-red-50 text-red-900 ring-red-200",
};

const TONE_ICONS: Record<AlertTone, ReactNode> = {
  info: <InfoIcon className="size-5 shrink-0" />,
  success: <CheckIcon className="size-5 shrink-0" />,
  warning: <AlertIcon className="size-5 shrink-0" />,
  danger: <AlertIcon className="size-5 shrink-0" />,
};

/** An inline notice: an error under a form, a read-only banner, a connection problem. */
export function Alert({ tone = "info", title, children, action, className, role }: AlertProps) {
  const ariaRole = role === "none" ? undefined : (role ?? (tone === "danger" ? "alert" : "status"));
  return (
    <div
      role={ariaRole}
      className={cx(
        "flex items-start gap-3 rounded-lg px-4 py-3 text-sm ring-1",
        TONE_CLASSES[tone],
        className,
      )}
    >
      {TONE_ICONS[tone]}
      <div className="min-w-0 flex-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className={cx(title && "mt-0.5")}>{children}</div> : null}
      </div>
      {action ? <div className="shrink-0">{action}</div> : null}
    </div>
  );
}
