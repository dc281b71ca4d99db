"use client";

import { useRouter, useSearchParams } from "next/navigation";
import type { InboxFilter, InboxItem } from "@/lib/review/inbox";
import { getErrorMessage } from "@/components/api/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ChatIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/shell";
import { SkeletonList } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { inboxItemHref, parseInboxFilter } from "./inbox-format";
import { InboxFilters } from "./inbox-filters";
import { InboxGrid } from "./inbox-grid";
import { useInbox } from "./use-inbox";

const EMPTY_STATES: Record<InboxFilter, { title: string; description: string }> = {
  all: {
    title: "Nothing here",
    description: "Mentions and replies to your threads land in your inbox.",
  },
  unread: {
    title: "Nothing unread",
    description: "You are up to date. New mentions and replies show up here.",
  },
  mentions: {
    title: "No mentions",
    description: "When someone @mentions you in a discussion, it shows up here.",
  },
  participating: {
    title: "No replies",
    description: "New messages in threads you started or wrote in show up here.",
  },
  reviews: {
    title: "No reviews",
    description:
      "Requests to review a model, and decisions on reviews you asked for, show up here.",
  },
  archived: {
    title: "Nothing archived",
    description: "Archive what you have dealt with (press e on an item) to keep your inbox short.",
  },
};

function Key({ children }: { children: string }) {
  return (
    <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-[0.7rem] text-slate-700">
      {children}
    </kbd>
  );
}

/**
 * The inbox page: the user's mentions, replies, new threads and reviews across all their
 * models, newest first, filtered by the `?filter=` tab, live (see useInbox), with mail-client
 * keys (see InboxGrid). Opening an item marks it read and goes to its thread.
 */
export function InboxView() {
  const filter = parseInboxFilter(useSearchParams().get("filter"));
  const router = useRouter();
  const { notify } = useToast();
  const inbox = useInbox(filter);
  const { state } = inbox;
  const unreadCount = state.status === "ready" ? state.list.unreadCount : null;

  function report(action: Promise<void>) {
    action.catch((error: unknown) => notify({ tone: "danger", message: getErrorMessage(error) }));
  }

  function open(item: InboxItem) {
    report(inbox.markOpened(item));
    router.push(inboxItemHref(item));
  }

  return (
    <>
      <PageHeader
        title="Inbox"
        description={
          <>
            Mentions, replies and reviews from all your models.{" "}
            <span aria-live="polite">
              {unreadCount === null ? "" : `${unreadCount === 0 ? "No" : unreadCount} unread.`}
            </span>
          </>
        }
        actions={
          <Button
            variant="secondary"
            disabled={!unreadCount}
            onClick={() => report(inbox.markAllRead())}
          >
            Mark all read
          </Button>
        }
      />
      <InboxFilters current={filter} />

      {state.status === "loading" ? <SkeletonList label="Loading your inbox" rows={4} /> : null}
      {state.status === "error" ? (
        <Alert
          tone="danger"
          title="Your inbox could not be loaded"
          action={
            <Button variant="secondary" size="sm" onClick={inbox.retry}>
              Try again
            </Button>
          }
        >
          {state.message}
        </Alert>
      ) : null}
      {state.status === "ready" && state.list.items.length === 0 ? (
        <EmptyState icon={<ChatIcon className="size-5" />} {...EMPTY_STATES[filter]} />
      ) : null}

      {state.status === "ready" && state.list.items.length > 0 ? (
        <>
          <p className="mb-3 text-xs text-slate-500">
            Keys: <Key>j</Key> <Key>k</Key> move, <Key>Enter</Key> opens, <Key>e</Key>{" "}
            {filter === "archived" ? "unarchives" : "archives"}, <Key>u</Key> marks read or unread.
          </p>
          <Card as="div" className="overflow-hidden">
            <InboxGrid
              key={filter}
              items={state.list.items}
              onOpen={open}
              onOpenedElsewhere={(item) => report(inbox.markOpened(item))}
              onSetRead={(item, isRead) => report(inbox.setRead(item, isRead))}
              onSetArchived={(item, isArchived) => report(inbox.setArchived(item, isArchived))}
            />
          </Card>
          {state.loadMoreError ? (
            <Alert tone="danger" className="mt-4">
              {state.loadMoreError}
            </Alert>
          ) : null}
          {state.list.nextBefore !== null ? (
            <div className="mt-4 flex justify-center">
              <Button variant="secondary" isLoading={state.isLoadingMore} onClick={inbox.loadMore}>
                Load more
              </Button>
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}
