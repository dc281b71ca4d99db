/**
 * The loaded part of an inbox as pages arrive, and the keyboard selection within it: pure
 * functions, so the rules are tested without a browser.
 */
import type { InboxItem, InboxPage } from "@/lib/review/inbox";

/** The items loaded so far (newest first, contiguous from the top) and where the next page starts. */
export interface InboxList {
  items: InboxItem[];
  /** `before` of the next page; null when everything is loaded. */
  nextBefore: number | null;
  unreadCount: number;
}

function byNewest(a: InboxItem, b: InboxItem): number {
  return b.id - a.id;
}

/**
 * The list after the first page was fetched again (an `inbox` event): the page replaces what it
 * covers, items older than it that were loaded with "Load more" stay, and so does the place
 * to continue from.
 */
export function mergeFirstPage(current: InboxList | null, page: InboxPage): InboxList {
  const fresh = { items: page.items, nextBefore: page.nextBefore, unreadCount: page.unreadCount };
  const oldest = page.items.at(-1);
  if (current === null || page.nextBefore === null || oldest === undefined) return fresh;
  const older = current.items.filter((item) => item.id < oldest.id);
  if (older.length === 0) return fresh;
  return {
    items: [...page.items, ...older],
    nextBefore: current.nextBefore,
    unreadCount: page.unreadCount,
  };
}

/** The list with the next page ("Load more") added below; items already shown are skipped. */
export function appendPage(current: InboxList, page: InboxPage): InboxList {
  const shown = new Set(current.items.map((item) => item.id));
  return {
    items: [...current.items, ...page.items.filter((item) => !shown.has(item.id))].sort(byNewest),
    nextBefore: page.nextBefore,
    unreadCount: page.unreadCount,
  };
}

/** The list with some items changed (`change` answers the new item, or null to drop it). */
export function changeItems(
  current: InboxList,
  ids: ReadonlySet<number> | "all",
  change: (item: InboxItem) => InboxItem | null,
): InboxList {
  const items = current.items.flatMap((item) => {
    if (ids !== "all" && !ids.has(item.id)) return [item];
    const changed = change(item);
    return changed === null ? [] : [changed];
  });
  return { ...current, items };
}

/**
 * The keyboard selection: the item's id and where it was. Keeping the position means that when
 * the selected item leaves the list (archived here or elsewhere), the one that took its place
 * (the next) is selected.
 */
export interface InboxSelection {
  id: number;
  index: number;
}

/** The index of the selected item in `items`, or -1 when there is no selection to show. */
export function resolveSelection(
  items: readonly InboxItem[],
  selection: InboxSelection | null,
): number {
  if (selection === null || items.length === 0) return -1;
  const found = items.findIndex((item) => item.id === selection.id);
  if (found !== -1) return found;
  return Math.min(selection.index, items.length - 1);
}

/** The selection one step down (1) or up (-1); the first item when nothing is selected yet. */
export function moveSelection(
  items: readonly InboxItem[],
  selection: InboxSelection | null,
  step: 1 | -1,
): InboxSelection | null {
  if (items.length === 0) return null;
  const current = resolveSelection(items, selection);
  const index = current === -1 ? 0 : Math.min(Math.max(current + step, 0), items.length - 1);
  const item = items[index];
  return item ? { id: item.id, index } : null;
}
