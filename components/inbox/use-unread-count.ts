"use client";

import { useEffect, useState } from "react";
import { fetchUnreadCount } from "@/components/api/review-endpoints";
import { subscribeUserEvents } from "./user-events";

export interface UnreadCount {
  /** Unread, unarchived inbox items; null until the first answer (or without a user). */
  count: number | null;
  /** A sentence for a polite live region when the count went up while the page was open. */
  announcement: string;
}

const NOTHING: UnreadCount = { count: null, announcement: "" };

/**
 * The signed-in user's unread inbox count (GET /api/inbox/count), kept live: fetched on mount,
 * then again on each `inbox` event of the page's shared event stream and each time the stream
 * (re)connects. Does nothing, and opens no stream, while `isSignedIn` is false.
 */
export function useUnreadCount(isSignedIn: boolean): UnreadCount {
  const [state, setState] = useState<UnreadCount>(NOTHING);

  useEffect(() => {
    if (!isSignedIn) return;
    let controller: AbortController | null = null;
    function refresh() {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      fetchUnreadCount(current.signal).then(
        (count) =>
          setState((previous) => ({
            count,
            announcement:
              previous.count !== null && count > previous.count
                ? `New in your inbox: ${count} unread`
                : previous.count !== null && count < previous.count
                  ? ""
                  : previous.announcement,
          })),
        () => {
          // Keep the last count: the next event or reconnection asks again.
        },
      );
    }
    refresh();
    const unsubscribe = subscribeUserEvents(refresh);
    return () => {
      unsubscribe();
      controller?.abort();
    };
  }, [isSignedIn]);

  return isSignedIn ? state : NOTHING;
}
