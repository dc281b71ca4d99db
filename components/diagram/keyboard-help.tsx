"use client";

import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { SHORTCUT_HELP } from "./keyboard-shortcuts";

export interface KeyboardHelpProps {
  isOpen: boolean;
  onToggle: (isOpen: boolean) => void;
}

/** The "?" button and the popover listing the canvas's keyboard shortcuts; Escape closes it. */
export function KeyboardHelp({ isOpen, onToggle }: KeyboardHelpProps) {
  const popoverId = useId();
  const headingId = useId();
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!isOpen) return;
    function handleKeyDown(event: KeyboardEvent) {
      if (event.key === "Escape") onToggle(false);
    }
    function handlePointerDown(event: PointerEvent) {
      const container = containerRef.current;
      if (container && event.target instanceof Node && !container.contains(event.target)) {
        onToggle(false);
      }
    }
    window.addEventListener("keydown", handleKeyDown);
    window.addEventListener("pointerdown", handlePointerDown);
    return () => {
      window.removeEventListener("keydown", handleKeyDown);
      window.removeEventListener("pointerdown", handlePointerDown);
    };
  }, [isOpen, onToggle]);

  return (
    <div ref={containerRef} className="relative">
      <Button
        variant="ghost"
        size="icon"
        aria-label="Keyboard shortcuts"
        aria-expanded={isOpen}
        aria-controls={popoverId}
        onClick={() => onToggle(!isOpen)}
      >
        <span aria-hidden="true" className="text-base font-semibold">
          ?
        </span>
      </Button>
      <div
        id={popoverId}
        role="region"
        aria-labelledby={headingId}
        hidden={!isOpen}
        className="absolute top-full right-0 z-20 mt-2 w-80 rounded-lg border border-slate-200 bg-white p-4 shadow-lg"
      >
        <h3 id={headingId} className="mb-2 text-sm font-semibold text-slate-900">
          Keyboard shortcuts
        </h3>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
          {SHORTCUT_HELP.map((shortcut) => (
            <div key={shortcut.keys} className="contents">
              <dt>
                <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800">
                  {shortcut.keys}
                </kbd>
              </dt>
              <dd className="text-slate-700">{shortcut.action}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
