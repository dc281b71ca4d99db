"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { InboxFilter, InboxItem } from "@/lib/review/inbox";
import { getErrorMessage, isAbortError } from "@/components/api/api-client";
import { changeInbox, fetchInbox, markThreadRead } from "@/components/api/review-endpoints";
import { appendPage, changeItems, mergeFirstPage, type InboxList } from "./inbox-list";
import { subscribeUserEvents } from "./user-events";

/** What the inbox shows for its filter: loading, failed with a message, or the loaded list. */
export type InboxState =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; list: InboxList; isLoadingMore: boolean; loadMoreError: string | null };

type Stored = { filter: InboxFilter } & InboxState;

/** The unread count once `item` (as it was) is marked `isRead`. */
function countAfter(count: number, item: InboxItem, isRead: boolean): number {
  if (item.isArchived || item.isRead === isRead) return count;
  return Math.max(0, count + (isRead ? -1 : 1));
}

/**
 * The signed-in user's inbox for one filter (GET /api/inbox), newest first, kept live: the
 * first page is fetched again on every `inbox` event of the page's event stream and whenever
 * the stream reconnects, keeping pages loaded with `loadMore`. Actions change the list at once
 * and then ask the server; when the server refuses, the list is fetched again and the returned
 * promise rejects (with an ApiError to show).
 */
export function useInbox(filter: InboxFilter) {
  const [stored, setStored] = useState<Stored>({ filter, status: "loading" });
  const refreshController = useRef<AbortController | null>(null);
  const loadMoreController = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    refreshController.current?.abort();
    const controller = new AbortController();
    refreshController.current = controller;
    fetchInbox({ filter }, controller.signal).then(
      (page) =>
        setStored((current) => {
          const isSame = current.filter === filter && current.status === "ready";
          return {
            filter,
            status: "ready",
            list: mergeFirstPage(isSame ? current.list : null, page),
            isLoadingMore: isSame ? current.isLoadingMore : false,
            loadMoreError: isSame ? current.loadMoreError : null,
          };
        }),
      (error: unknown) => {
        if (isAbortError(error)) return;
        // A failed live update keeps the list on screen; the next event tries again.
        setStored((current) =>
          current.filter === filter && current.status === "ready"
            ? current
            : { filter, status: "error", message: getErrorMessage(error) },
        );
      },
    );
  }, [filter]);

  useEffect(() => {
    refresh();
    const unsubscribe = subscribeUserEvents(refresh);
    return () => {
      unsubscribe();
      refreshController.current?.abort();
      loadMoreController.current?.abort();
    };
  }, [refresh]);

  /** Changes the loaded list of this filter, if it is on screen. */
  const updateList = useCallback(
    (change: (list: InboxList) => InboxList) => {
      setStored((current) =>
        current.filter === filter && current.status === "ready"
          ? { ...current, list: change(current.list) }
          : current,
      );
    },
    [filter],
  );

  const setUnreadCount = useCallback(
    (unreadCount: number) => updateList((list) => ({ ...list, unreadCount })),
    [updateList],
  );

  const state: InboxState = stored.filter === filter ? stored : { status: "loading" };

  function retry() {
    setStored({ filter, status: "loading" });
    refresh();
  }

  function loadMore() {
    if (state.status !== "ready" || state.isLoadingMore || state.list.nextBefore === null) return;
    const before = state.list.nextBefore;
    loadMoreController.current?.abort();
    const controller = new AbortController();
    loadMoreController.current = controller;
    setStored((current) =>
      current.filter === filter && current.status === "ready"
        ? { ...current, isLoadingMore: true, loadMoreError: null }
        : current,
    );
    fetchInbox({ filter, before }, controller.signal).then(
      (page) =>
        setStored((current) =>
          current.filter === filter && current.status === "ready"
            ? { ...current, list: appendPage(current.list, page), isLoadingMore: false }
            : current,
        ),
      (error: unknown) => {
        if (isAbortError(error)) return;
        setStored((current) =>
          current.filter === filter && current.status === "ready"
            ? { ...current, isLoadingMore: false, loadMoreError: getErrorMessage(error) }
            : current,
        );
      },
    );
  }

  /** Runs a change on the server after showing it; on failure shows the server's list again. */
  async function send(request: () => Promise<unknown>) {
    try {
      const unreadCount = await request();
      if (typeof unreadCount === "number") setUnreadCount(unreadCount);
    } catch (error) {
      refresh();
      throw error;
    }
  }

  /** Marks an item read or unread. */
  function setRead(item: InboxItem, isRead: boolean): Promise<void> {
    updateList((list) => ({
      ...changeItems(list, new Set([item.id]), (found) => ({ ...found, isRead })),
      unreadCount: countAfter(list.unreadCount, item, isRead),
    }));
    return send(() => changeInbox("read", [item.id], isRead));
  }

  /** Archives an item, or brings an archived one back; either way it leaves this filter's list. */
  function setArchived(item: InboxItem, isArchived: boolean): Promise<void> {
    updateList((list) => ({
      ...changeItems(list, new Set([item.id]), () => null),
      // Archiving reads an item too.
      unreadCount: isArchived ? countAfter(list.unreadCount, item, true) : list.unreadCount,
    }));
    return send(() => changeInbox("archive", [item.id], isArchived));
  }

  /** Marks every item read, in every filter. */
  function markAllRead(): Promise<void> {
    updateList((list) => ({
      ...changeItems(list, "all", (found) => ({ ...found, isRead: true })),
      unreadCount: 0,
    }));
    return send(() => changeInbox("read", "all", true));
  }

  /**
   * Marks an item read because it is being opened: its whole thread when it has one (every item
   * of that thread is then read), else the item.
   */
  function markOpened(item: InboxItem): Promise<void> {
    const threadId = item.thread?.id;
    if (threadId === undefined) return item.isRead ? Promise.resolve() : setRead(item, true);
    updateList((list) => {
      const ids = new Set(
        list.items.filter((found) => found.thread?.id === threadId).map((found) => found.id),
      );
      const unread = list.items.filter(
        (found) => ids.has(found.id) && !found.isRead && !found.isArchived,
      ).length;
      return {
        ...changeItems(list, ids, (found) => ({ ...found, isRead: true })),
        unreadCount: Math.max(0, list.unreadCount - unread),
      };
    });
    return send(() => markThreadRead(threadId));
  }

  return { state, retry, loadMore, setRead, setArchived, markAllRead, markOpened };
}
