"use client";

import { useEffect, useRef, useState } from "react";
import type { InboxItem } from "@/lib/review/inbox";
import { moveSelection, resolveSelection, type InboxSelection } from "./inbox-list";
import { InboxRow } from "./inbox-row";
import { useInboxKeys } from "./use-inbox-keys";
import { useNow } from "./use-now";

export interface InboxGridProps {
  /** The loaded items, newest first. */
  items: readonly InboxItem[];
  onOpen: (item: InboxItem) => void;
  /** The item's link was opened by the browser itself (new tab): mark it read only. */
  onOpenedElsewhere: (item: InboxItem) => void;
  onSetRead: (item: InboxItem, isRead: boolean) => void;
  onSetArchived: (item: InboxItem, isArchived: boolean) => void;
}

/**
 * The inbox items as a grid with a keyboard selection (aria-selected): j / k move it, focusing
 * the row and scrolling it into view; Enter opens the selected item, e archives it (the next
 * item is selected then) and u toggles read. Mount it again (a `key`) for another filter.
 */
export function InboxGrid({
  items,
  onOpen,
  onOpenedElsewhere,
  onSetRead,
  onSetArchived,
}: InboxGridProps) {
  const [selection, setSelection] = useState<InboxSelection | null>(null);
  /** Bumped when the keyboard moved the selection: the selected row then takes focus. */
  const [focusRequest, setFocusRequest] = useState(0);
  const gridRef = useRef<HTMLDivElement>(null);
  const now = useNow();
  const selectedIndex = resolveSelection(items, selection);
  const selected = items[selectedIndex];

  useEffect(() => {
    if (focusRequest === 0) return;
    const row = gridRef.current?.querySelector<HTMLElement>(
      "[data-inbox-row][aria-selected='true']",
    );
    if (!row) return;
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
  }, [focusRequest]);

  useInboxKeys({
    onMove(step) {
      setSelection(moveSelection(items, selection, step));
      setFocusRequest((request) => request + 1);
    },
    onOpen() {
      if (selected) onOpen(selected);
    },
    onArchive() {
      if (!selected) return;
      // The selection keeps its place, so the next item takes it once this one has gone.
      setSelection({ id: selected.id, index: selectedIndex });
      onSetArchived(selected, !selected.isArchived);
      setFocusRequest((request) => request + 1);
    },
    onToggleRead() {
      if (selected) onSetRead(selected, !selected.isRead);
    },
  });

  const tabStop = selectedIndex === -1 ? 0 : selectedIndex;
  return (
    <div
      ref={gridRef}
      role="grid"
      aria-label="Inbox"
      aria-readonly="true"
      className="divide-y divide-slate-200"
    >
      {items.map((item, index) => (
        <InboxRow
          key={item.id}
          item={item}
          isSelected={index === selectedIndex}
          isTabStop={index === tabStop}
          now={now}
          onSelect={() => setSelection({ id: item.id, index })}
          onOpen={() => onOpen(item)}
          onOpenedElsewhere={() => onOpenedElsewhere(item)}
          onSetRead={(isRead) => onSetRead(item, isRead)}
          onSetArchived={(isArchived) => onSetArchived(item, isArchived)}
        />
      ))}
    </div>
  );
}
