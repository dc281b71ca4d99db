import { describe, expect, it } from "vitest";
import type { InboxItem, InboxPage } from "@/lib/review/inbox";
import {
  appendPage,
  changeItems,
  mergeFirstPage,
  moveSelection,
  resolveSelection,
  type InboxList,
} from "./inbox-list";

function item(id: number, overrides: Partial<InboxItem> = {}): InboxItem {
  return {
    id,
    reason: "mention",
    isRead: false,
    isArchived: false,
    createdAt: "2026-01-01T00:00:00.000Z",
    model: { id: "m1", title: "Checkout" },
    actor: { id: "u1", name: "Alice" },
    thread: null,
    excerpt: "",
    reviewId: null,
    ...overrides,
  };
}

function page(ids: number[], nextBefore: number | null, unreadCount = 0): InboxPage {
  return { items: ids.map((id) => item(id)), nextBefore, unreadCount };
}

const ids = (list: InboxList) => list.items.map((found) => found.id);

describe("mergeFirstPage", () => {
  it("takes the page as it is when nothing is loaded or it is the only page", () => {
    expect(ids(mergeFirstPage(null, page([9, 8], 8)))).toEqual([9, 8]);
    const loaded = appendPage(mergeFirstPage(null, page([9, 8], 8)), page([7, 6], null));
    const merged = mergeFirstPage(loaded, page([10, 9, 7], null, 3));
    expect(ids(merged)).toEqual([10, 9, 7]);
    expect(merged.nextBefore).toBeNull();
    expect(merged.unreadCount).toBe(3);
  });

  it("keeps older items loaded with Load more, and where to continue", () => {
    const loaded = appendPage(mergeFirstPage(null, page([9, 8], 8)), page([7, 6], 6));
    const merged = mergeFirstPage(loaded, page([10, 9], 9));
    expect(ids(merged)).toEqual([10, 9, 8, 7, 6]);
    expect(merged.nextBefore).toBe(6);
  });

  it("drops items of the first page's range that the server no longer lists", () => {
    const loaded = mergeFirstPage(null, page([9, 8, 7], 7));
    const merged = mergeFirstPage(loaded, page([9, 7], 7));
    expect(ids(merged)).toEqual([9, 7]);
    expect(merged.nextBefore).toBe(7);
  });
});

describe("appendPage", () => {
  it("adds the next page below, without repeating items", () => {
    const list = appendPage(mergeFirstPage(null, page([9, 8], 8)), page([8, 7], null, 1));
    expect(ids(list)).toEqual([9, 8, 7]);
    expect(list.nextBefore).toBeNull();
    expect(list.unreadCount).toBe(1);
  });
});

describe("changeItems", () => {
  it("changes or drops the given items only", () => {
    const list = mergeFirstPage(null, page([3, 2, 1], null));
    expect(ids(changeItems(list, new Set([2]), () => null))).toEqual([3, 1]);
    const read = changeItems(list, "all", (found) => ({ ...found, isRead: true }));
    expect(read.items.every((found) => found.isRead)).toBe(true);
  });
});

describe("selection", () => {
  const items = [item(5), item(4), item(3)];

  it("starts at the first item and stops at the ends", () => {
    expect(moveSelection(items, null, 1)).toEqual({ id: 5, index: 0 });
    expect(moveSelection(items, null, -1)).toEqual({ id: 5, index: 0 });
    expect(moveSelection(items, { id: 5, index: 0 }, 1)).toEqual({ id: 4, index: 1 });
    expect(moveSelection(items, { id: 3, index: 2 }, 1)).toEqual({ id: 3, index: 2 });
    expect(moveSelection(items, { id: 5, index: 0 }, -1)).toEqual({ id: 5, index: 0 });
    expect(moveSelection([], null, 1)).toBeNull();
  });

  it("follows the selected item when the list changes around it", () => {
    expect(resolveSelection([item(6), ...items], { id: 4, index: 1 })).toBe(2);
  });

  it("falls to the next item when the selected one leaves, or the last at the end", () => {
    expect(resolveSelection([item(5), item(3)], { id: 4, index: 1 })).toBe(1);
    expect(resolveSelection([item(5), item(4)], { id: 3, index: 2 })).toBe(1);
    expect(resolveSelection([], { id: 3, index: 2 })).toBe(-1);
    expect(resolveSelection(items, null)).toBe(-1);
  });
});
