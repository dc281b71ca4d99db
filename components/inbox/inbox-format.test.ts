import { describe, expect, it } from "vitest";
import {
  formatRelativeTime,
  formatUnreadCount,
  inboxFilterHref,
  inboxItemHref,
  inboxItemSubject,
  parseInboxFilter,
} from "./inbox-format";

const thread = {
  id: "t 1",
  subject: "Key rotation",
  targetKind: "model",
  targetId: "",
  isResolved: false,
};

describe("formatUnreadCount", () => {
  it("hides zero and caps at 99+", () => {
    expect(formatUnreadCount(null)).toBe("");
    expect(formatUnreadCount(0)).toBe("");
    expect(formatUnreadCount(7)).toBe("7");
    expect(formatUnreadCount(99)).toBe("99");
    expect(formatUnreadCount(100)).toBe("99+");
  });
});

describe("inboxItemHref and inboxItemSubject", () => {
  const model = { id: "m1", title: "Checkout" };

  it("opens a thread in the discussion tab", () => {
    expect(inboxItemHref({ model, thread })).toBe("/models/m1?tab=discussion&thread=t%201");
    expect(inboxItemSubject({ reason: "mention", thread })).toBe("Key rotation");
  });

  it("opens the review panel for a review item without a thread", () => {
    expect(inboxItemHref({ model, thread: null })).toBe("/models/m1?review=1");
    expect(inboxItemSubject({ reason: "review-requested", thread: null })).toBe("Review request");
    expect(inboxItemSubject({ reason: "review-decided", thread: null })).toBe("Review decision");
  });
});

describe("formatRelativeTime", () => {
  const now = Date.parse("2026-03-10T12:00:00.000Z");

  it("reads a past moment relative to now", () => {
    expect(formatRelativeTime("2026-03-10T11:59:30.000Z", now)).toBe("just now");
    expect(formatRelativeTime("2026-03-10T11:55:00.000Z", now)).toBe("5 min. ago");
    expect(formatRelativeTime("2026-03-09T11:00:00.000Z", now)).toBe("yesterday");
    expect(formatRelativeTime("2026-03-10T12:05:00.000Z", now)).toBe("just now");
    expect(formatRelativeTime("not a date", now)).toBe("");
  });
});

describe("inbox filters in the URL", () => {
  it("parses known filters and falls back to all", () => {
    expect(parseInboxFilter("archived")).toBe("archived");
    expect(parseInboxFilter("spam")).toBe("all");
    expect(parseInboxFilter(null)).toBe("all");
    expect(inboxFilterHref("all")).toBe("/inbox");
    expect(inboxFilterHref("unread")).toBe("/inbox?filter=unread");
  });
});
