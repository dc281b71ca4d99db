import { and, asc, eq } from "drizzle-orm";
import { commentEdits, comments, inboxItems } from "@/drizzle/schema";
import { AppError } from "@/lib/errors";
import { extractMentionIds } from "@/lib/review/mentions";
import type { ThreadMessage } from "@/lib/review/schemas";
import { listMembers } from "@/server/services/members/list-members";
import { announceThreadChange } from "@/server/services/review/notify-thread";
import { loadPeople, presentMessage } from "@/server/services/review/present-threads";
import type { ReviewDeps } from "@/server/services/review/review-services";
import { loadThreadFor } from "@/server/services/review/thread-access";

/**
 * Changes the text of one's own message (only its author, and only while they may comment).
 * The text it replaces goes to the message's history, which every reader of the thread can
 * see. Members newly mentioned by the edit find it in their inbox.
 */
export async function editMessage(
  deps: ReviewDeps,
  options: { threadId: string; messageId: string; userId: string; body: string },
): Promise<ThreadMessage> {
  const { thread } = await loadThreadFor(deps.db, { ...options, action: "model.comment" });
  const written = await deps.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(comments)
      .where(and(eq(comments.id, options.messageId), eq(comments.threadId, thread.id)))
      .for("update");
    if (!current) throw new AppError("not_found", "No such message");
    if (current.authorId !== options.userId) {
      throw new AppError("forbidden", "Only its author can edit a message");
    }
    if (current.body === options.body) return { message: current, added: [] };
    await tx.insert(commentEdits).values({
      commentId: current.id,
      body: current.body,
      writtenAt: current.editedAt ?? current.createdAt,
    });
    const members = new Set((await listMembers(tx, thread.modelId)).map((m) => m.userId));
    const mentions = extractMentionIds(options.body).filter((id) => members.has(id));
    const added = mentions.filter((id) => !current.mentions.includes(id) && id !== options.userId);
    const [message] = await tx
      .update(comments)
      .set({ body: options.body, mentions, editedAt: new Date() })
      .where(eq(comments.id, current.id))
      .returning();
    if (!message) throw new Error("the message was not stored");
    if (added.length > 0) {
      await tx.insert(inboxItems).values(
        added.map((userId) => ({
          userId,
          modelId: thread.modelId,
          threadId: thread.id,
          commentId: message.id,
          reason: "mention",
          actorId: options.userId,
        })),
      );
    }
    return { message, added };
  });
  await announceThreadChange(deps, {
    thread,
    message: written.message,
    toldUserIds: written.added,
  });
  return presentMessage(written.message, await loadPeople(deps.db, [written.message.authorId]));
}

/** The earlier texts of a message, oldest first (readers of the thread may see them). */
export async function listMessageEdits(
  deps: Pick<ReviewDeps, "db">,
  options: { threadId: string; messageId: string; userId: string },
): Promise<{ body: string; writtenAt: string }[]> {
  const { thread } = await loadThreadFor(deps.db, { ...options, action: "model.read" });
  const [message] = await deps.db
    .select({ id: comments.id })
    .from(comments)
    .where(and(eq(comments.id, options.messageId), eq(comments.threadId, thread.id)));
  if (!message) throw new AppError("not_found", "No such message");
  const rows = await deps.db
    .select({ body: commentEdits.body, writtenAt: commentEdits.writtenAt })
    .from(commentEdits)
    .where(eq(commentEdits.commentId, message.id))
    .orderBy(asc(commentEdits.id));
  return rows.map((row) => ({ body: row.body, writtenAt: row.writtenAt.toISOString() }));
}
