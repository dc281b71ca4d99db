"use client";

import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { Button } from "./button";
import { cx } from "./class-names";
import { AlertIcon, CheckIcon, CloseIcon, InfoIcon } from "./icons";

export type ToastTone = "info" | "success" | "danger";

export interface ToastInput {
  tone?: ToastTone;
  message: string;
  /** A button beside the message, e.g. Undo; the notice stays longer and closes when pressed. */
  action?: { label: string; onClick: () => void };
}

interface Toast extends Required<Omit<ToastInput, "action">> {
  id: number;
  action: ToastInput["action"] | null;
}

/** How long a notice with an action stays: long enough to find and press the button. */
const WITH_ACTION_MS = 10_000;

interface ToastContextValue {
  /** Shows a short notice in the corner; it disappears by itself after a few seconds. */
  notify: (toast: ToastInput) => void;
}

const ToastContext = createContext<ToastContextValue | null>(null);

const DISMISS_AFTER_MS: Record<ToastTone, number> = { info: 5000, success: 4000, danger: 8000 };

const TONE_CLASSES: Record<ToastTone, string> = {
  info: "text-slate-900 [&_svg]:text-sky-600",
  success: "text-slate-900 [&_svg]:text-emerald-600",
  danger: "text-slate-900 [&_svg]:text-red-600",
};

const TONE_ICONS: Record<ToastTone, ReactNode> = {
  info: <InfoIcon className="size-5 shrink-0" />,
  success: <CheckIcon className="size-5 shrink-0" />,
  danger: <AlertIcon className="size-5 shrink-0" />,
};

/**
 * Holds the toasts of the page and renders the notice area: a polite live region for
 * information and an assertive one for errors, so both are announced.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);

  const notify = useCallback(
    ({ tone = "info", message, action }: ToastInput) => {
      const id = nextId.current;
      nextId.current += 1;
      setToasts((current) => [...current.slice(-3), { id, tone, message, action: action ?? null }]);
      window.setTimeout(() => dismiss(id), action ? WITH_ACTION_MS : DISMISS_AFTER_MS[tone]);
    },
    [dismiss],
  );

  const value = useMemo(() => ({ notify }), [notify]);
  const politeToasts = toasts.filter((toast) => toast.tone !== "danger");
  const urgentToasts = toasts.filter((toast) => toast.tone === "danger");

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-end gap-2 p-4 sm:p-6">
        <div aria-live="polite" className="flex w-full max-w-sm flex-col gap-2">
          {politeToasts.map((toast) => (
            <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
          ))}
        </div>
        <div aria-live="assertive" className="flex w-full max-w-sm flex-col gap-2">
          {urgentToasts.map((toast) => (
            <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
          ))}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  return (
    <div
      className={cx(
        "pointer-events-auto flex items-start gap-3 rounded-lg bg-white px-4 py-3 text-sm shadow-lg ring-1 ring-slate-200",
        TONE_CLASSES[toast.tone],
      )}
    >
      {TONE_ICONS[toast.tone]}
      <p className="flex-1 pt-0.5">{toast.message}</p>
      {toast.action ? (
        <Button
          variant="secondary"
          size="sm"
          className="-my-1"
          onClick={() => {
            toast.action?.onClick();
            onDismiss(toast.id);
          }}
        >
          {toast.action.label}
        </Button>
      ) : null}
      <Button
        variant="ghost"
        size="icon"
        className="-my-1 -mr-2 size-7"
        aria-label="Dismiss notification"
        onClick={() => onDismiss(toast.id)}
        icon={<CloseIcon />}
      />
    </div>
  );
}

/** The notify function of the nearest ToastProvider. */
export function useToast(): ToastContextValue {
  const context = useContext(ToastContext);
  if (!context) throw new Error("useToast must be used inside <ToastProvider>");
  return context;
}
