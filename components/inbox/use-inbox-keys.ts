"use client";

import { useEffect, useRef } from "react";

/** What the inbox's mail-client keys do. */
export interface InboxKeyHandlers {
  /** j / k (and ↓ / ↑ on a row): the selection one down (1) or up (-1). */
  onMove: (step: 1 | -1) => void;
  /** Enter on the selected row (or with nothing focused): opens the item. */
  onOpen: () => void;
  /** e: archives the selected item (or brings it back in Archived). */
  onArchive: () => void;
  /** u: marks the selected item read or unread. */
  onToggleRead: () => void;
}

/** True for an element that takes typed text: the keys are the user's, not shortcuts. */
function isTypingTarget(element: HTMLElement): boolean {
  return (
    element.isContentEditable ||
    element instanceof HTMLInputElement ||
    element instanceof HTMLTextAreaElement ||
    element instanceof HTMLSelectElement
  );
}

/** The inbox rows carry this attribute (with the item's id); see InboxRow. */
const INBOX_ROW_ATTRIBUTE = "data-inbox-row";

/**
 * The inbox's keyboard, like a mail client's: j / k move, Enter opens, e archives, u toggles
 * read. Listens on the document while mounted; ignores keys typed into fields, keys with
 * Ctrl, Alt or Meta, and keys inside a dialog. Enter counts only on a row or with nothing
 * focused, so buttons and links keep their own Enter.
 */
export function useInboxKeys(handlers: InboxKeyHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    function handleKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target && (isTypingTarget(target) || target.closest("dialog, [role='dialog']"))) return;
      const isOnRow = target?.hasAttribute(INBOX_ROW_ATTRIBUTE) ?? false;
      const isOnNothing = target === null || target === document.body;
      const { onMove, onOpen, onArchive, onToggleRead } = latest.current;
      let isHandled = true;
      if (event.key === "j" || (event.key === "ArrowDown" && isOnRow)) onMove(1);
      else if (event.key === "k" || (event.key === "ArrowUp" && isOnRow)) onMove(-1);
      else if (event.key === "Enter" && (isOnRow || isOnNothing)) onOpen();
      else if (event.key === "e") onArchive();
      else if (event.key === "u") onToggleRead();
      else isHandled = false;
      if (isHandled) event.preventDefault();
    }
    document.addEventListener("keydown", handleKeyDown);
    return () => document.removeEventListener("keydown", handleKeyDown);
  }, []);
}
