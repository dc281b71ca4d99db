import { aliasedTable, and, desc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import { comments, inboxItems, memberships, models, threads, users } from "@/drizzle/schema";
import { excerptOf } from "@/lib/review/excerpt";
import {
  INBOX_REASONS,
  type InboxFilter,
  type InboxItem,
  type InboxPage,
} from "@/lib/review/inbox";
import type { Database } from "@/server/db/client";
import type { UserEvents } from "@/server/events/user-events";

const actors = aliasedTable(users, "actors");

function filterOf(filter: InboxFilter): SQL[] {
  switch (filter) {
    case "all":
      return [eq(inboxItems.isArchived, false)];
    case "unread":
      return [eq(inboxItems.isArchived, false), eq(inboxItems.isRead, false)];
    case "mentions":
      return [eq(inboxItems.isArchived, false), eq(inboxItems.reason, "mention")];
    case "participating":
      return [eq(inboxItems.isArchived, false), eq(inboxItems.reason, "reply")];
    case "reviews":
      return [
        eq(inboxItems.isArchived, false),
        inArray(inboxItems.reason, ["review-requested", "review-decided"]),
      ];
    case "archived":
      return [eq(inboxItems.isArchived, true)];
  }
}

function readReason(reason: string): InboxItem["reason"] {
  return (INBOX_REASONS as readonly string[]).includes(reason)
    ? (reason as InboxItem["reason"])
    : "reply";
}

/**
 * How many unread, unarchived items the user has in models they are still a member of: the
 * count in the navigation.
 */
export async function countUnread(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(inboxItems)
    .innerJoin(
      memberships,
      and(eq(memberships.modelId, inboxItems.modelId), eq(memberships.userId, inboxItems.userId)),
    )
    .where(
      and(
        eq(inboxItems.userId, userId),
        eq(inboxItems.isRead, false),
        eq(inboxItems.isArchived, false),
      ),
    );
  return row?.count ?? 0;
}

/**
 * One page of a user's inbox across their models, newest first. Items of models they are no
 * longer a member of are left out (their content is no longer theirs to read).
 */
export async function listInbox(
  db: Database,
  options: { userId: string; filter: InboxFilter; before?: number; limit: number },
): Promise<InboxPage> {
  const where = [eq(inboxItems.userId, options.userId), ...filterOf(options.filter)];
  if (options.before !== undefined) where.push(lt(inboxItems.id, options.before));
  const rows = await db
    .select({
      id: inboxItems.id,
      reason: inboxItems.reason,
      isRead: inboxItems.isRead,
      isArchived: inboxItems.isArchived,
      createdAt: inboxItems.createdAt,
      reviewId: inboxItems.reviewId,
      modelId: models.id,
      modelTitle: models.title,
      actorId: actors.id,
      actorName: actors.name,
      threadId: threads.id,
      subject: threads.subject,
      targetKind: threads.targetKind,
      targetId: threads.targetId,
      resolvedAt: threads.resolvedAt,
      body: comments.body,
    })
    .from(inboxItems)
    .innerJoin(
      memberships,
      and(eq(memberships.modelId, inboxItems.modelId), eq(memberships.userId, inboxItems.userId)),
    )
    .innerJoin(models, eq(models.id, inboxItems.modelId))
    .leftJoin(actors, eq(actors.id, inboxItems.actorId))
    .leftJoin(threads, eq(threads.id, inboxItems.threadId))
    .leftJoin(comments, eq(comments.id, inboxItems.commentId))
    .where(and(...where))
    .orderBy(desc(inboxItems.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const items: InboxItem[] = page.map((row) => ({
    id: row.id,
    reason: readReason(row.reason),
    isRead: row.isRead,
    isArchived: row.isArchived,
    createdAt: row.createdAt.toISOString(),
    model: { id: row.modelId, title: row.modelTitle },
    actor: row.actorId && row.actorName !== null ? { id: row.actorId, name: row.actorName } : null,
    thread:
      row.threadId && row.subject !== null
        ? {
            id: row.threadId,
            subject: row.subject,
            targetKind: row.targetKind ?? "model",
            targetId: row.targetId ?? "",
            isResolved: row.resolvedAt !== null,
          }
        : null,
    excerpt: row.body ? excerptOf(row.body) : "",
    reviewId: row.reviewId,
  }));
  return {
    items,
    unreadCount: await countUnread(db, options.userId),
    nextBefore: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/**
 * Marks items read or unread, or archives or unarchives them: the ones given, or all of the
 * user's. Only the user's own items change. Their other open pages hear of it.
 */
export async function changeInbox(
  db: Database,
  userEvents: UserEvents,
  options: {
    userId: string;
    change: "read" | "archive";
    ids: number[] | "all";
    value: boolean;
  },
): Promise<{ unreadCount: number }> {
  const where = [eq(inboxItems.userId, options.userId)];
  if (options.ids !== "all") where.push(inArray(inboxItems.id, options.ids));
  const set =
    options.change === "read"
      ? { isRead: options.value }
      : // Archiving reads an item too: archived means dealt with.
        options.value
        ? { isArchived: true, isRead: true }
        : { isArchived: false };
  await db
    .update(inboxItems)
    .set(set)
    .where(and(...where));
  userEvents.publish([options.userId], { type: "inbox" });
  return { unreadCount: await countUnread(db, options.userId) };
}

/** Marks read every item of one thread in the user's inbox (they opened the thread). */
export async function markThreadRead(
  db: Database,
  userEvents: UserEvents,
  options: { userId: string; threadId: string },
): Promise<void> {
  const changed = await db
    .update(inboxItems)
    .set({ isRead: true })
    .where(
      and(
        eq(inboxItems.userId, options.userId),
        eq(inboxItems.threadId, options.threadId),
        eq(inboxItems.isRead, false),
      ),
    )
    .returning({ id: inboxItems.id });
  if (changed.length > 0) userEvents.publish([options.userId], { type: "inbox" });
}
