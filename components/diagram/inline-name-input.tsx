"use client";

import { useRef, useState } from "react";
import { LIMITS } from "@/lib/limits";

export interface InlineNameInputProps {
  /** The accessible name of the field. */
  label: string;
  initialValue: string;
  /** Called once, with the typed name, on Enter or when the field loses focus. */
  onCommit: (name: string) => void;
  /** Called on Escape: nothing changes. */
  onCancel: () => void;
}

/** A name edited in place on the canvas: Enter or leaving saves, Escape cancels. */
export function InlineNameInput({ label, initialValue, onCommit, onCancel }: InlineNameInputProps) {
  const [value, setValue] = useState(initialValue);
  const isDone = useRef(false);

  function finish(commit: boolean) {
    if (isDone.current) return;
    isDone.current = true;
    if (commit) onCommit(value);
    else onCancel();
  }

  return (
    <input
      aria-label={label}
      value={value}
      maxLength={LIMITS.elementNameLength}
      autoFocus
      onFocus={(event) => event.currentTarget.select()}
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={(event) => {
        // Keys typed here are text, not canvas shortcuts.
        event.stopPropagation();
        if (event.key === "Enter") {
          event.preventDefault();
          finish(true);
        } else if (event.key === "Escape") {
          event.preventDefault();
          finish(false);
        }
      }}
      onBlur={() => finish(true)}
      className="nodrag nopan w-[90%] min-w-24 rounded border border-indigo-400 bg-white px-1.5 py-0.5 text-center text-sm text-slate-900 shadow-sm outline-none focus:ring-2 focus:ring-indigo-500"
    />
  );
}
