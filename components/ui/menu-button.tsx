"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { Button, type ButtonVariant } from "./button";
import { cx, FOCUS_RING } from "./class-names";

export interface MenuItem {
  key: string;
  label: string;
  onSelect: () => void;
  /** Shown but not choosable (e.g. "Open sub-diagram" with no process selected). */
  isDisabled?: boolean;
  /** The key that does the same, shown at the item's end ("Shift+1"). */
  shortcut?: string;
}

export interface MenuButtonProps {
  /** The button's text. */
  label: ReactNode;
  /** The menu's accessible name. */
  menuLabel: string;
  items: readonly MenuItem[];
  isLoading?: boolean;
  /** Width of the menu, as a Tailwind class. */
  menuWidth?: string;
  /** The button's look: "secondary" on its own, "ghost" among a toolbar's buttons. */
  variant?: ButtonVariant;
}

/**
 * A button that opens a menu of actions, used as people expect: ArrowDown on the button opens
 * it, Up / Down / Home / End move between items, Enter picks, Escape or a click outside closes
 * and focus returns to the button.
 */
export function MenuButton({
  label,
  menuLabel,
  items,
  isLoading = false,
  menuWidth = "w-40",
  variant = "secondary",
}: MenuButtonProps) {
  const menuId = useId();
  const [isOpen, setIsOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    if (!isOpen) return;
    itemRefs.current.find((item) => item !== null && !item.disabled)?.focus();
    function handlePointerDown(event: PointerEvent) {
      if (event.target instanceof Node && containerRef.current?.contains(event.target)) return;
      setIsOpen(false);
    }
    document.addEventListener("pointerdown", handlePointerDown);
    return () => document.removeEventListener("pointerdown", handlePointerDown);
  }, [isOpen]);

  function close() {
    setIsOpen(false);
    buttonRef.current?.focus();
  }

  function handleMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const present = itemRefs.current.filter((item) => item !== null && !item.disabled);
    const index = present.findIndex((item) => item === document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      present[(index + step + present.length) % present.length]?.focus();
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      present[event.key === "Home" ? 0 : present.length - 1]?.focus();
    } else if (event.key === "Escape" || event.key === "Tab") {
      if (event.key === "Escape") event.preventDefault();
      close();
    }
  }

  return (
    <div ref={containerRef} className="relative inline-block">
      <Button
        ref={buttonRef}
        variant={variant}
        size="sm"
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={isOpen ? menuId : undefined}
        isLoading={isLoading}
        onClick={() => setIsOpen((current) => !current)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && !isOpen) {
            event.preventDefault();
            setIsOpen(true);
          }
        }}
      >
        {label}
      </Button>
      {isOpen ? (
        <div
          id={menuId}
          role="menu"
          aria-label={menuLabel}
          onKeyDown={handleMenuKeyDown}
          className={cx(
            "absolute right-0 z-20 mt-1 rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200",
            menuWidth,
          )}
        >
          {items.map((item, index) => (
            <button
              key={item.key}
              ref={(element) => {
                itemRefs.current[index] = element;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              disabled={item.isDisabled === true}
              aria-keyshortcuts={item.shortcut}
              onClick={() => {
                close();
                item.onSelect();
              }}
              className={cx(
                "flex w-full items-center justify-between gap-3 px-3 py-1.5 text-left text-sm text-slate-800 hover:bg-slate-100 focus:bg-slate-100 disabled:cursor-not-allowed disabled:text-slate-400 disabled:hover:bg-transparent",
                FOCUS_RING,
              )}
            >
              <span>{item.label}</span>
              {item.shortcut === undefined ? null : (
                <kbd className="font-sans text-xs text-slate-500">{item.shortcut}</kbd>
              )}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
