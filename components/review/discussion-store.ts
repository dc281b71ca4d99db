import type { ThreadDetail, ThreadMessage, ThreadSummary } from "@/lib/review/schemas";
import { targetKey } from "@/lib/review/targets";

/** What the workspace holds of the model's discussion. */
export interface DiscussionState {
  /** Every thread (summary), most recently active first. */
  threads: ThreadSummary[];
  /** Threads opened in this page, with their messages, kept current by the notices. */
  details: Record<string, ThreadDetail>;
}

export const EMPTY_DISCUSSION: DiscussionState = { threads: [], details: {} };

function byActivity(a: ThreadSummary, b: ThreadSummary): number {
  return b.lastMessageAt.localeCompare(a.lastMessageAt);
}

/** The state with a thread's summary replaced (or added), and its detail's summary too. */
export function withThread(state: DiscussionState, thread: ThreadSummary): DiscussionState {
  const threads = [...state.threads.filter((t) => t.id !== thread.id), thread].sort(byActivity);
  const detail = state.details[thread.id];
  return {
    threads,
    details: detail
      ? { ...state.details, [thread.id]: { ...detail, ...thread, messages: detail.messages } }
      : state.details,
  };
}

/** The state with a message added to (or replaced in) its thread's loaded detail. */
export function withMessage(state: DiscussionState, message: ThreadMessage): DiscussionState {
  const detail = state.details[message.threadId];
  if (!detail) return state;
  const exists = detail.messages.some((m) => m.id === message.id);
  const messages = exists
    ? detail.messages.map((m) => (m.id === message.id ? message : m))
    : [...detail.messages, message];
  return { ...state, details: { ...state.details, [message.threadId]: { ...detail, messages } } };
}

/** The state without a message that was announced but could not be stored. */
export function withoutMessage(
  state: DiscussionState,
  threadId: string,
  messageId: string,
): DiscussionState {
  const detail = state.details[threadId];
  if (!detail) return state;
  const messages = detail.messages.filter((m) => m.id !== messageId);
  return { ...state, details: { ...state.details, [threadId]: { ...detail, messages } } };
}

/** The state with a thread's detail loaded (its summary updated from it). */
export function withDetail(state: DiscussionState, detail: ThreadDetail): DiscussionState {
  const { messages: _messages, ...summary } = detail;
  const next = withThread(state, summary);
  return { ...next, details: { ...next.details, [detail.id]: detail } };
}

/** Open threads per target ("threat:id" → count): the badges on the diagram and the lists. */
export function countOpenByTarget(threads: readonly ThreadSummary[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const thread of threads) {
    if (thread.isResolved) continue;
    const key = targetKey(thread.target);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The discussion filters of the Discussion tab. */
export const DISCUSSION_FILTERS = ["open", "resolved", "mine", "mentions"] as const;
export type DiscussionFilter = (typeof DISCUSSION_FILTERS)[number];

export const DISCUSSION_FILTER_LABELS: Record<DiscussionFilter, string> = {
  open: "Open",
  resolved: "Resolved",
  mine: "Mine",
  mentions: "Mentions me",
};

/** Whether a thread passes a filter for this user. */
export function matchesFilter(
  thread: ThreadSummary,
  filter: DiscussionFilter,
  userId: string,
): boolean {
  switch (filter) {
    case "open":
      return !thread.isResolved;
    case "resolved":
      return thread.isResolved;
    case "mine":
      return thread.createdBy?.id === userId || thread.participants.some((p) => p.id === userId);
    case "mentions":
      return thread.mentioned.includes(userId);
  }
}
