"use client";

import {
  useEffect,
  useId,
  useRef,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from "react";
import { Button } from "./button";
import { cx } from "./class-names";
import { CloseIcon } from "./icons";

export interface DialogProps {
  /** The dialog's heading and accessible name. */
  title: string;
  /** A sentence under the title, used as the accessible description. */
  description?: ReactNode;
  /** Called on Escape, the close button or a click on the backdrop. */
  onClose: () => void;
  children?: ReactNode;
  /** Buttons shown at the bottom right, e.g. Cancel and the primary action. */
  footer?: ReactNode;
  size?: "sm" | "md" | "lg";
  /** Blocks closing while an action runs, so a request is not left without its outcome. */
  isBusy?: boolean;
}

const SIZE_CLASSES: Record<NonNullable<DialogProps["size"]>, string> = {
  sm: "max-w-md",
  md: "max-w-lg",
  lg: "max-w-2xl",
};

const FOCUSABLE_SELECTOR = [
  "a[href]",
  "button:not([disabled])",
  "input:not([disabled]):not([type=hidden])",
  "select:not([disabled])",
  "textarea:not([disabled])",
  "[tabindex]:not([tabindex='-1'])",
].join(",");

/**
 * A modal dialog. Render it only while open: mounting opens it, unmounting closes it. Built on
 * the native `<dialog>` opened with `showModal()`, so the page behind it is inert and the
 * dialog is exposed as `role="dialog"` with `aria-modal="true"`, labelled by its title. Focus
 * starts on the element marked `data-autofocus` or the first field; Tab and Shift+Tab cycle
 * inside it, Escape closes it, and focus returns to the element that had it before.
 */
export function Dialog({
  title,
  description,
  onClose,
  children,
  footer,
  size = "md",
  isBusy = false,
}: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  const isBusyRef = useRef(isBusy);

  useEffect(() => {
    onCloseRef.current = onClose;
    isBusyRef.current = isBusy;
  });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const previouslyFocused =
      document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // React's autoFocus runs before the dialog is open, so focus is placed here instead: the
    // element marked data-autofocus, else the first field, else the browser's choice.
    const initialFocus =
      dialog.querySelector<HTMLElement>("[data-autofocus]") ??
      dialog.querySelector<HTMLElement>(
        "input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled])",
      );
    initialFocus?.focus();

    function handleCancel(event: Event) {
      // Escape: React state decides whether the dialog stays mounted.
      event.preventDefault();
      if (!isBusyRef.current) onCloseRef.current();
    }
    dialog.addEventListener("cancel", handleCancel);
    return () => {
      dialog.removeEventListener("cancel", handleCancel);
      if (dialog.open) dialog.close();
      if (previouslyFocused?.isConnected) previouslyFocused.focus();
    };
  }, []);

  function handleKeyDown(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== "Tab") return;
    const dialog = dialogRef.current;
    if (!dialog) return;
    const focusable = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE_SELECTOR)).filter(
      (element) => element.offsetParent !== null || element === document.activeElement,
    );
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  function handleBackdropClick(event: MouseEvent<HTMLDialogElement>) {
    // A click on the ::backdrop targets the dialog element itself.
    if (event.target === dialogRef.current && !isBusy) onClose();
  }

  return (
    <dialog
      ref={dialogRef}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onKeyDown={handleKeyDown}
      onClick={handleBackdropClick}
      className={cx(
        "m-auto w-[calc(100%-2rem)] rounded-xl bg-white p-0 text-slate-900 shadow-xl ring-1 ring-slate-900/10",
        "backdrop:bg-slate-900/40 backdrop:backdrop-blur-[1px]",
        SIZE_CLASSES[size],
      )}
    >
      <div className="flex max-h-[85vh] flex-col">
        <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-6 py-4">
          <div>
            <h2 id={titleId} className="text-lg font-semibold text-slate-900">
              {title}
            </h2>
            {description ? (
              <p id={descriptionId} className="mt-1 text-sm text-slate-600">
                {description}
              </p>
            ) : null}
          </div>
          <Button
            variant="ghost"
            size="icon"
            aria-label="Close dialog"
            onClick={onClose}
            disabled={isBusy}
            icon={<CloseIcon />}
          />
        </div>
        {children ? <div className="overflow-y-auto px-6 py-5">{children}</div> : null}
        {footer ? (
          <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 bg-slate-50 px-6 py-3">
            {footer}
          </div>
        ) : null}
      </div>
    </dialog>
  );
}
