import { and, eq, inArray } from "drizzle-orm";
import {
  comments,
  inboxItems,
  models,
  replyKeys,
  users,
  type CommentRow,
  type ThreadRow,
} from "@/drizzle/schema";
import { encodeJsonMessage, MESSAGE_THREAD_CHANGED } from "@/lib/collab/messages";
import type { InboxReason } from "@/lib/review/inbox";
import type { ThreadNotice } from "@/lib/review/schemas";
import { TARGET_KIND_LABELS, type ThreadTargetKind } from "@/lib/review/targets";
import type { Database } from "@/server/db/client";
import type { MailMessage } from "@/server/mail/mailer";
import { enqueueMail } from "@/server/mail/outbox";
import { newReplyKey, replyAddressOf } from "@/server/mail/reply-address";
import { buildThreadEmail } from "@/server/mail/thread-email";
import { listMembers } from "@/server/services/members/list-members";
import {
  presentMessage,
  presentThreadSummaries,
  loadPeople,
} from "@/server/services/review/present-threads";
import type { ReviewDeps, ReviewServices } from "@/server/services/review/review-services";

/** The link that opens a thread in the workspace. */
export function threadLink(publicUrl: string, modelId: string, threadId: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/models/${encodeURIComponent(modelId)}?tab=discussion&thread=${encodeURIComponent(threadId)}`;
}

/** The reply key of a person for a thread, made on first use. */
async function replyKeyOf(tx: Database, userId: string, threadId: string): Promise<string> {
  await tx
    .insert(replyKeys)
    .values({ key: newReplyKey(), userId, threadId })
    .onConflictDoNothing({ target: [replyKeys.userId, replyKeys.threadId] });
  const [row] = await tx
    .select({ key: replyKeys.key })
    .from(replyKeys)
    .where(and(eq(replyKeys.userId, userId), eq(replyKeys.threadId, threadId)));
  if (!row) throw new Error("the reply key was not stored");
  return row.key;
}

/**
 * Records who must hear of a new message, in the caller's transaction: an inbox item for each
 * member it concerns (the people it mentions, everyone who wrote in the thread, opened it or
 * was mentioned in it earlier, and
 * for a new thread the model's owners), never the author, and an email in the outbox for each
 * of them who gets every message by email. Returns the ids of the people told.
 */
export async function recordMessageNotifications(
  tx: Database,
  review: ReviewServices,
  options: { thread: ThreadRow; message: CommentRow; isFirst: boolean; about: string },
): Promise<string[]> {
  const { thread, message } = options;
  const members = new Map((await listMembers(tx, thread.modelId)).map((m) => [m.userId, m]));
  // Everyone who wrote in the thread, opened it or was mentioned in it follows it.
  const earlier = await tx
    .select({ authorId: comments.authorId, mentions: comments.mentions })
    .from(comments)
    .where(eq(comments.threadId, thread.id));
  const participants = new Set(
    [thread.createdBy, ...earlier.flatMap((row) => [row.authorId, ...row.mentions])].filter(
      (id): id is string => id !== null,
    ),
  );
  const mentioned = new Set(message.mentions);
  const reasons = new Map<string, InboxReason>();
  for (const member of members.values()) {
    if (member.userId === message.authorId) continue;
    if (mentioned.has(member.userId)) reasons.set(member.userId, "mention");
    else if (participants.has(member.userId)) reasons.set(member.userId, "reply");
    else if (options.isFirst && member.role === "owner") reasons.set(member.userId, "new-thread");
  }
  if (reasons.size === 0) return [];
  await tx.insert(inboxItems).values(
    [...reasons].map(([userId, reason]) => ({
      userId,
      modelId: thread.modelId,
      threadId: thread.id,
      commentId: message.id,
      reason,
      actorId: message.authorId,
    })),
  );
  const recipients = await tx
    .select({ id: users.id, email: users.email, choice: users.emailNotifications })
    .from(users)
    .where(inArray(users.id, [...reasons.keys()]));
  const [model] = await tx
    .select({ title: models.title })
    .from(models)
    .where(eq(models.id, thread.modelId));
  const author = (await loadPeople(tx, [message.authorId])).get(message.authorId ?? "");
  const mail: MailMessage[] = [];
  for (const recipient of recipients) {
    if (recipient.choice !== "each") continue;
    const replyTo = review.replyAddresses
      ? replyAddressOf(await replyKeyOf(tx, recipient.id, thread.id), review.replyAddresses)
      : null;
    mail.push(
      buildThreadEmail({
        to: recipient.email,
        modelTitle: model?.title ?? "A threat model",
        thread: {
          id: thread.id,
          modelId: thread.modelId,
          subject: thread.subject,
          about: options.about,
        },
        message: {
          id: message.id,
          body: message.body,
          authorName: author?.name ?? "Someone",
          isFirst: options.isFirst,
        },
        reason: reasons.get(recipient.id) ?? "reply",
        link: threadLink(review.publicUrl, thread.modelId, thread.id),
        messageIdDomain: review.messageIdDomain,
        replyTo,
      }),
    );
  }
  await enqueueMail(tx, mail);
  return [...reasons.keys()];
}

/** "threat “SQL injection”", "the model": how a thread's target reads in an email. */
export function describeAbout(kind: ThreadTargetKind, name: string | null): string {
  if (kind === "model") return "the model";
  const label = TARGET_KIND_LABELS[kind];
  return name ? `${label} “${name}”` : `a ${label}`;
}

/**
 * After a thread changed (committed): everyone with the model open gets the thread as it is
 * now and the message written or edited; the people told get their inbox count; queued email
 * goes out.
 */
export async function announceThreadChange(
  deps: ReviewDeps,
  options: { thread: ThreadRow; message: CommentRow | null; toldUserIds: string[] },
): Promise<void> {
  deps.review.liveThreads.forget(options.thread.id);
  const [summary] = await presentThreadSummaries(deps.db, [options.thread]);
  if (summary) {
    const people = options.message
      ? await loadPeople(deps.db, [options.message.authorId])
      : new Map();
    const notice: ThreadNotice = {
      thread: summary,
      message: options.message ? presentMessage(options.message, people) : null,
    };
    deps.rooms.pushNotice(
      options.thread.modelId,
      encodeJsonMessage(MESSAGE_THREAD_CHANGED, notice),
    );
  }
  deps.review.userEvents.publish(options.toldUserIds, { type: "inbox" });
  if (options.toldUserIds.length > 0) deps.review.outbox.kick();
}
