import { describe, expect, it } from "vitest";
import type { ThreadMessage, ThreadSummary } from "@/lib/review/schemas";
import {
  countOpenByTarget,
  EMPTY_DISCUSSION,
  matchesFilter,
  withDetail,
  withMessage,
  withThread,
} from "./discussion-store";

function thread(overrides: Partial<ThreadSummary> = {}): ThreadSummary {
  return {
    id: "t1",
    modelId: "m",
    target: { kind: "threat", id: "x" },
    subject: "Subject",
    isResolved: false,
    resolvedBy: null,
    resolvedAt: null,
    createdBy: { id: "alice", name: "Alice" },
    createdAt: "2026-12-05T10:00:00.000Z",
    lastMessageAt: "2026-12-05T10:00:00.000Z",
    messageCount: 1,
    participants: [{ id: "alice", name: "Alice" }],
    mentioned: [],
    ...overrides,
  };
}

function message(overrides: Partial<ThreadMessage> = {}): ThreadMessage {
  return {
    id: "c1",
    threadId: "t1",
    author: { id: "alice", name: "Alice" },
    body: "Hello",
    quotedId: null,
    mentions: [],
    source: "web",
    createdAt: "2026-12-05T10:00:00.000Z",
    editedAt: null,
    ...overrides,
  };
}

describe("the discussion store", () => {
  it("keeps threads by latest activity and replaces a thread by id", () => {
    let state = withThread(
      EMPTY_DISCUSSION,
      thread({ id: "a", lastMessageAt: "2026-12-05T09:00:00Z" }),
    );
    state = withThread(state, thread({ id: "b", lastMessageAt: "2026-12-05T11:00:00Z" }));
    state = withThread(
      state,
      thread({ id: "a", lastMessageAt: "2026-12-05T12:00:00Z", subject: "New" }),
    );
    expect(state.threads.map((t) => `${t.id}:${t.subject}`)).toEqual(["a:New", "b:Subject"]);
  });

  it("adds new messages and replaces edited ones in a loaded thread only", () => {
    const loaded = withDetail(EMPTY_DISCUSSION, { ...thread(), messages: [message()] });
    const added = withMessage(loaded, message({ id: "c2", body: "Reply" }));
    const edited = withMessage(added, message({ id: "c1", body: "Edited" }));
    expect(edited.details.t1?.messages.map((m) => m.body)).toEqual(["Edited", "Reply"]);
    expect(withMessage(EMPTY_DISCUSSION, message())).toBe(EMPTY_DISCUSSION);
  });

  it("counts open threads per target and filters by status, participation and mentions", () => {
    const threads = [
      thread({ id: "1" }),
      thread({ id: "2" }),
      thread({ id: "3", isResolved: true }),
      thread({ id: "4", target: { kind: "model", id: "" }, mentioned: ["bob"] }),
    ];
    expect(Object.fromEntries(countOpenByTarget(threads))).toEqual({ "threat:x": 2, "model:": 1 });
    expect(threads.filter((t) => matchesFilter(t, "resolved", "bob")).map((t) => t.id)).toEqual([
      "3",
    ]);
    expect(threads.filter((t) => matchesFilter(t, "mentions", "bob")).map((t) => t.id)).toEqual([
      "4",
    ]);
    expect(threads.filter((t) => matchesFilter(t, "mine", "bob"))).toEqual([]);
    expect(threads.filter((t) => matchesFilter(t, "mine", "alice"))).toHaveLength(4);
  });
});
