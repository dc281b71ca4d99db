"use client";

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { threadNoticeSchema, type ThreadDetail, type ThreadMessage } from "@/lib/review/schemas";
import { targetKey, type ThreadTarget, type ThreadTargetKind } from "@/lib/review/targets";
import { getErrorMessage, isAbortError } from "@/components/api/api-client";
import { listMembers } from "@/components/api/endpoints";
import { fetchThread, listThreads } from "@/components/api/review-endpoints";
import type { Member } from "@/components/api/schemas";
import type { DiscussionNotice } from "@/components/workspace/collab-session";
import {
  countOpenByTarget,
  EMPTY_DISCUSSION,
  withDetail,
  withMessage,
  withoutMessage,
  withThread,
  type DiscussionState,
} from "./discussion-store";

/** The model's discussion as the workspace's views use it. */
export interface Discussion extends DiscussionState {
  status: "loading" | "ready" | { error: string };
  /** Open threads per target key (lib/review/targets.ts targetKey). */
  openCounts: Map<string, number>;
  /** The model's members, for mentions. */
  members: Member[];
  /** Loads a thread's messages (again); they then stay current. */
  loadThread: (threadId: string) => Promise<ThreadDetail>;
  /** Takes a thread the server answered with (before its notice arrives). */
  accept: (detail: ThreadDetail) => void;
  /** Takes a message the server answered with (its notice may not come: no socket). */
  acceptMessage: (message: ThreadMessage) => void;
  retry: () => void;
}

/**
 * Loads the model's threads and members, and keeps them current with the server's notices on
 * the model's socket: a changed thread replaces its summary, a new or edited message joins
 * the loaded thread; after a reconnect (notices may have been missed) everything is fetched
 * again.
 */
export function useDiscussion(
  modelId: string,
  onNotice: (listener: (notice: DiscussionNotice) => void) => () => void,
): Discussion {
  const [state, setState] = useState<DiscussionState>(EMPTY_DISCUSSION);
  const [status, setStatus] = useState<Discussion["status"]>("loading");
  const [members, setMembers] = useState<Member[]>([]);
  const [attempt, setAttempt] = useState(0);
  const loadedIds = useRef(new Set<string>());

  const fetchAll = useCallback(
    async (signal?: AbortSignal) => {
      const [threads, people] = await Promise.all([
        listThreads(modelId, signal),
        listMembers(modelId, signal),
      ]);
      const details = await Promise.all(
        [...loadedIds.current].map((id) => fetchThread(id, signal).catch(() => null)),
      );
      setMembers(people);
      setState(() => {
        let next: DiscussionState = { threads: [], details: {} };
        for (const thread of threads) next = withThread(next, thread);
        for (const detail of details) if (detail) next = withDetail(next, detail);
        return next;
      });
      setStatus("ready");
    },
    [modelId],
  );

  useEffect(() => {
    const controller = new AbortController();
    fetchAll(controller.signal).catch((caught: unknown) => {
      if (!isAbortError(caught)) setStatus({ error: getErrorMessage(caught) });
    });
    return () => controller.abort();
  }, [fetchAll, attempt]);

  useEffect(
    () =>
      onNotice((notice) => {
        if (notice.kind === "resynced") {
          fetchAll().catch(() => undefined);
          return;
        }
        if (notice.kind !== "thread") return;
        const parsed = threadNoticeSchema.safeParse(notice.payload);
        if (!parsed.success) return;
        const { thread, message, retractedMessageId } = parsed.data;
        setState((current) => {
          const next = withThread(current, thread);
          if (retractedMessageId) return withoutMessage(next, thread.id, retractedMessageId);
          return message ? withMessage(next, message) : next;
        });
      }),
    [onNotice, fetchAll],
  );

  const loadThread = useCallback(async (threadId: string) => {
    loadedIds.current.add(threadId);
    const detail = await fetchThread(threadId);
    setState((current) => withDetail(current, detail));
    return detail;
  }, []);

  const accept = useCallback((detail: ThreadDetail) => {
    loadedIds.current.add(detail.id);
    setState((current) => withDetail(current, detail));
  }, []);

  const acceptMessage = useCallback((message: ThreadMessage) => {
    setState((current) => withMessage(current, message));
  }, []);

  const openCounts = useMemo(() => countOpenByTarget(state.threads), [state.threads]);
  return {
    ...state,
    status,
    openCounts,
    members,
    loadThread,
    accept,
    acceptMessage,
    retry: () => setAttempt((n) => n + 1),
  };
}

/** What the workspace's views share about the discussion. */
export interface DiscussionContextValue {
  discussion: Discussion;
  modelId: string;
  userId: string;
  /** Whether the user may write (commenters and up, while connected). */
  canComment: boolean;
  /**
   * Sends a reply: on the model's socket when it is there (everyone sees it sooner), else
   * through the API.
   */
  sendMessage: (input: {
    threadId: string;
    body: string;
    quotedId?: string;
  }) => Promise<ThreadMessage>;
  /** Opens the Discussion tab, on a target's threads or on one thread. */
  openDiscussion: (options: { target?: ThreadTarget; threadId?: string }) => void;
}

export const DiscussionContext = createContext<DiscussionContextValue | null>(null);

/** The discussion of the workspace, or null outside one (e.g. a version opened read-only). */
export function useDiscussionContext(): DiscussionContextValue | null {
  return useContext(DiscussionContext);
}

/** How many open threads a target has (0 outside a workspace). */
export function useOpenThreadCount(kind: ThreadTargetKind, id: string): number {
  const context = useContext(DiscussionContext);
  return context?.discussion.openCounts.get(targetKey({ kind, id })) ?? 0;
}
