import Link from "next/link";
import { INBOX_FILTERS, type InboxFilter } from "@/lib/review/inbox";
import { cx, FOCUS_RING } from "@/components/ui/class-names";
import { INBOX_FILTER_LABELS, inboxFilterHref } from "./inbox-format";

/** The inbox's filter tabs (All, Unread, Mentions, Reviews, Archived) as links; the current one has aria-current. */
export function InboxFilters({ current }: { current: InboxFilter }) {
  return (
    <nav aria-label="Inbox filters" className="mb-4 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-x-1">
        {INBOX_FILTERS.map((filter) => {
          const isCurrent = filter === current;
          return (
            <li key={filter}>
              <Link
                href={inboxFilterHref(filter)}
                replace
                scroll={false}
                aria-current={isCurrent ? "page" : undefined}
                className={cx(
                  "inline-block rounded-t-md border-b-2 px-3 py-2 text-sm font-medium",
                  FOCUS_RING,
                  isCurrent
                    ? "border-indigo-600 text-indigo-700"
                    : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {INBOX_FILTER_LABELS[filter]}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
