import { eq } from "drizzle-orm";
import { nanoid } from "nanoid";
import { comments, threads, type CommentRow, type ThreadRow } from "@/drizzle/schema";
import { AppError } from "@/lib/errors";
import { extractMentionIds } from "@/lib/review/mentions";
import { describeTarget } from "@/lib/review/target-names";
import type { ThreadTarget } from "@/lib/review/targets";
import type { Database } from "@/server/db/client";
import { listMembers } from "@/server/services/members/list-members";
import { describeAbout, recordMessageNotifications } from "@/server/services/review/notify-thread";
import type { ReviewDeps } from "@/server/services/review/review-services";

/** How a message came in. */
export type MessageSource = "web" | "email";

/**
 * The thread's target as it reads in an email, after checking it exists in the model's
 * document: a thread on something that is not there is refused.
 */
export async function describeExistingTarget(
  deps: ReviewDeps,
  modelId: string,
  target: ThreadTarget,
): Promise<string> {
  const found = await deps.rooms.read(modelId, (doc) => describeTarget(doc, target));
  if (!found) {
    throw new AppError("bad_request", `The model has no ${target.kind} with id ${target.id}`, {
      issues: [{ path: "target.id", message: "Not in this model" }],
    });
  }
  return describeAbout(target.kind, found.name || null);
}

/** The mentioned ids of a body that are members of the model (others are ignored). */
export async function memberMentions(
  db: Database,
  modelId: string,
  body: string,
): Promise<string[]> {
  const ids = extractMentionIds(body);
  if (ids.length === 0) return [];
  const members = new Set((await listMembers(db, modelId)).map((m) => m.userId));
  return ids.filter((id) => members.has(id));
}

/**
 * Writes one message into a thread (its first, when `isFirst`, inside the transaction that
 * made the thread) and records who must hear of it; returns the message and those people.
 * The caller checked the author may comment and announces the change after the commit.
 */
export async function insertMessage(
  tx: Database,
  deps: ReviewDeps,
  options: {
    thread: ThreadRow;
    authorId: string;
    body: string;
    quotedId: string | null;
    source: MessageSource;
    isFirst: boolean;
    about: string;
    /** Set when the message was announced before it was stored: the id and time it was given. */
    announced?: { id: string; createdAt: Date; mentions: string[] };
  },
): Promise<{ message: CommentRow; thread: ThreadRow; toldUserIds: string[] }> {
  if (options.quotedId) {
    const [quoted] = await tx
      .select({ threadId: comments.threadId })
      .from(comments)
      .where(eq(comments.id, options.quotedId));
    if (quoted?.threadId !== options.thread.id) {
      throw new AppError("bad_request", "The quoted message is not in this thread");
    }
  }
  const now = options.announced?.createdAt ?? new Date();
  const [message] = await tx
    .insert(comments)
    .values({
      id: options.announced?.id ?? nanoid(),
      threadId: options.thread.id,
      authorId: options.authorId,
      body: options.body,
      quotedId: options.quotedId,
      mentions:
        options.announced?.mentions ??
        (await memberMentions(tx, options.thread.modelId, options.body)),
      source: options.source,
      createdAt: now,
    })
    .returning();
  const [thread] = await tx
    .update(threads)
    .set({ lastMessageAt: now })
    .where(eq(threads.id, options.thread.id))
    .returning();
  if (!message || !thread) throw new Error("the message was not stored");
  const toldUserIds = await recordMessageNotifications(tx, deps.review, {
    thread,
    message,
    isFirst: options.isFirst,
    about: options.about,
  });
  return { message, thread, toldUserIds };
}
