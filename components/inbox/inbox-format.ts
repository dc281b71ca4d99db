/** How inbox items read and where they lead: pure helpers of the inbox and the navigation. */
import { lazy } from "@/lib/lazy";
import { INBOX_FILTERS, type InboxFilter, type InboxItem } from "@/lib/review/inbox";

/** The navigation badge's text for an unread count: "" for none, "99+" above 99. */
export function formatUnreadCount(count: number | null): string {
  if (count === null || count <= 0) return "";
  return count > 99 ? "99+" : String(count);
}

/**
 * Where an item leads: its thread in the workspace's discussion tab, or, for a review item
 * without a thread, the model with its review panel open.
 */
export function inboxItemHref(item: Pick<InboxItem, "model" | "thread">): string {
  const model = `/models/${encodeURIComponent(item.model.id)}`;
  if (item.thread) {
    return `${model}?tab=discussion&thread=${encodeURIComponent(item.thread.id)}`;
  }
  return `${model}?review=1`;
}

/** The item's headline: its thread's subject, or what the review item is about. */
export function inboxItemSubject(item: Pick<InboxItem, "reason" | "thread">): string {
  if (item.thread) return item.thread.subject;
  return item.reason === "review-decided" ? "Review decision" : "Review request";
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 60 * 60_000],
  ["month", 30 * 24 * 60 * 60_000],
  ["week", 7 * 24 * 60 * 60_000],
  ["day", 24 * 60 * 60_000],
  ["hour", 60 * 60_000],
  ["minute", 60_000],
];

const getRelativeFormat = lazy(
  () => new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" }),
);

/**
 * A past moment relative to `now`: "just now" under a minute, then "5 min. ago", "yesterday",
 * "3 wk. ago"… ("" when `value` is not a date). Future moments (clock skew) read as "just now".
 */
export function formatRelativeTime(value: string, now: number): string {
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) return "";
  const elapsed = now - time;
  for (const [unit, size] of UNITS) {
    if (elapsed >= size) return getRelativeFormat().format(-Math.floor(elapsed / size), unit);
  }
  return "just now";
}

/** The inbox filters' tab labels. */
export const INBOX_FILTER_LABELS: Record<InboxFilter, string> = {
  all: "All",
  unread: "Unread",
  mentions: "Mentions",
  participating: "Threads I'm in",
  reviews: "Reviews",
  archived: "Archived",
};

/** The filter named by the page's `?filter=` parameter; "all" for a missing or unknown one. */
export function parseInboxFilter(value: string | null | undefined): InboxFilter {
  return (INBOX_FILTERS as readonly string[]).includes(value ?? "")
    ? (value as InboxFilter)
    : "all";
}

/** The inbox page's URL showing one filter ("/inbox" for all). */
export function inboxFilterHref(filter: InboxFilter): string {
  return filter === "all" ? "/inbox" : `/inbox?filter=${filter}`;
}
