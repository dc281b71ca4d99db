"use client";

import Link from "next/link";
import type { MouseEvent } from "react";
import { INBOX_REASON_LABELS, type InboxItem } from "@/lib/review/inbox";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { formatDateTime } from "@/components/ui/format-date";
import { formatRelativeTime, inboxItemHref, inboxItemSubject } from "./inbox-format";

export interface InboxRowProps {
  item: InboxItem;
  isSelected: boolean;
  /** The row Tab lands on (roving tab stop): the selected one, or the first. */
  isTabStop: boolean;
  /** The current time, for "5 min. ago". */
  now: number;
  /** The row got focus (by click, Tab or the keyboard): it becomes the selection. */
  onSelect: () => void;
  /** Opens the item in the workspace (and marks it read). */
  onOpen: () => void;
  /** The subject link was followed by the browser itself (e.g. in a new tab). */
  onOpenedElsewhere: () => void;
  onSetRead: (isRead: boolean) => void;
  onSetArchived: (isArchived: boolean) => void;
}

/**
 * One inbox item as a grid row: model, who did what, the thread's subject (a link to it),
 * the excerpt and when; unread items are bold with a dot. A click anywhere outside its
 * buttons opens the item. Buttons: mark read / unread, archive / unarchive.
 */
export function InboxRow({
  item,
  isSelected,
  isTabStop,
  now,
  onSelect,
  onOpen,
  onOpenedElsewhere,
  onSetRead,
  onSetArchived,
}: InboxRowProps) {
  const subject = inboxItemSubject(item);
  const isUnread = !item.isRead;

  function handleRowClick(event: MouseEvent<HTMLDivElement>) {
    if (event.target instanceof Element && event.target.closest("a, button")) return;
    onOpen();
  }

  function handleLinkClick(event: MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      onOpenedElsewhere();
      return;
    }
    event.preventDefault();
    onOpen();
  }

  return (
    <div
      role="row"
      data-inbox-row={item.id}
      aria-selected={isSelected}
      tabIndex={isTabStop ? 0 : -1}
      onFocus={onSelect}
      onClick={handleRowClick}
      className={cx(
        "flex cursor-pointer items-start gap-3 px-4 py-3 scroll-my-2",
        "focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600",
        isSelected
          ? "bg-indigo-50 shadow-[inset_3px_0_0_var(--color-indigo-600)]"
          : "hover:bg-slate-50",
      )}
    >
      <div role="gridcell" className="flex min-w-0 flex-1 gap-3">
        <span
          aria-hidden="true"
          className={cx(
            "mt-1.5 size-2 shrink-0 rounded-full",
            isUnread ? "bg-indigo-600" : "bg-transparent",
          )}
        />
        <div className="min-w-0 flex-1">
          <p className="flex items-baseline gap-3 text-xs text-slate-500">
            <span className="truncate">{item.model.title}</span>
            <time
              dateTime={item.createdAt}
              title={formatDateTime(item.createdAt)}
              className="ml-auto shrink-0"
            >
              {formatRelativeTime(item.createdAt, now)}
            </time>
          </p>
          <p
            className={cx(
              "mt-0.5 text-sm",
              isUnread ? "font-semibold text-slate-900" : "text-slate-700",
            )}
          >
            {isUnread ? <span className="sr-only">Unread: </span> : null}
            {item.actor?.name ?? "Someone"} {INBOX_REASON_LABELS[item.reason]}
          </p>
          <Link
            href={inboxItemHref(item)}
            tabIndex={-1}
            onClick={handleLinkClick}
            className={cx(
              "block truncate text-sm hover:text-indigo-700 hover:underline",
              isUnread ? "font-semibold text-slate-900" : "font-medium text-slate-800",
            )}
          >
            {subject}
          </Link>
          {item.excerpt ? (
            <p className="mt-0.5 truncate text-sm text-slate-600">{item.excerpt}</p>
          ) : null}
        </div>
      </div>
      <div role="gridcell" className="flex shrink-0 items-center gap-1">
        <Button variant="ghost" size="sm" className="w-28" onClick={() => onSetRead(isUnread)}>
          {isUnread ? "Mark read" : "Mark unread"}
          <span className="sr-only"> “{subject}”</span>
        </Button>
        <Button variant="ghost" size="sm" onClick={() => onSetArchived(!item.isArchived)}>
          {item.isArchived ? "Unarchive" : "Archive"}
          <span className="sr-only"> “{subject}”</span>
        </Button>
      </div>
    </div>
  );
}
