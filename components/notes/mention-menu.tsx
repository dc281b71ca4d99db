"use client";

import { forwardRef, useEffect, useId, useImperativeHandle, useState } from "react";
import type { Mentionable } from "@/lib/model/notes";
import { cx } from "@/components/ui/class-names";

export interface MentionMenuProps {
  items: Mentionable[];
  query: string;
  onPick: (item: Mentionable) => void;
}

export interface MentionMenuHandle {
  /** Handles a key pressed in the editor while the menu is open; true when it used it. */
  onKeyDown: (event: KeyboardEvent) => boolean;
}

/**
 * The list the `#` menu shows: a listbox whose active option follows the arrow keys while the
 * caret stays in the editor (the editor forwards the keys), picked by Enter, Tab or a click.
 */
export const MentionMenu = forwardRef<MentionMenuHandle, MentionMenuProps>(function MentionMenu(
  { items, query, onPick },
  ref,
) {
  const [active, setActive] = useState(0);
  const baseId = useId();

  useEffect(() => setActive(0), [items]);

  useImperativeHandle(ref, () => ({
    onKeyDown: (event) => {
      if (items.length === 0) return false;
      if (event.key === "ArrowDown") {
        setActive((index) => (index + 1) % items.length);
        return true;
      }
      if (event.key === "ArrowUp") {
        setActive((index) => (index - 1 + items.length) % items.length);
        return true;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        const item = items[active];
        if (item) onPick(item);
        return true;
      }
      return false;
    },
  }));

  return (
    <div className="w-80 overflow-hidden rounded-md border border-slate-200 bg-white text-sm shadow-lg">
      {items.length === 0 ? (
        <p className="px-3 py-2 text-slate-500">
          {query.trim() === "" ? "Nothing to mention yet." : `Nothing named “${query}”.`}
        </p>
      ) : (
        <ul role="listbox" aria-label="Mention" className="max-h-72 overflow-auto py-1">
          {items.map((item, index) => (
            <li
              key={`${item.kind}:${item.id}`}
              id={`${baseId}-${index}`}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => {
                // Keep the editor's selection: a click must not blur it before the pick.
                event.preventDefault();
                onPick(item);
              }}
              onMouseEnter={() => setActive(index)}
              className={cx(
                "flex cursor-pointer items-baseline justify-between gap-3 px-3 py-1.5",
                index === active ? "bg-indigo-50 text-indigo-900" : "text-slate-800",
              )}
            >
              <span className="truncate">{item.name}</span>
              <span className="shrink-0 text-xs text-slate-500">{item.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
