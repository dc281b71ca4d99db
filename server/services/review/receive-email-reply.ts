import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { nanoid } from "nanoid";
import { inboundMail, replyKeys, users } from "@/drizzle/schema";
import { isAppError } from "@/lib/errors";
import { stripQuotedReply } from "@/lib/review/reply-text";
import { messageBodySchema } from "@/lib/review/schemas";
import { log } from "@/server/logger";
import { readReplyAddress } from "@/server/mail/reply-address";
import { recordAuditEvent } from "@/server/services/audit/record-audit-event";
import { postMessage } from "@/server/services/review/post-message";
import type { ReviewDeps } from "@/server/services/review/review-services";

/** What became of an inbound reply. */
export type ReplyOutcome =
  | { accepted: true; commentId: string }
  | { accepted: false; reason: ReplyRefusal; message: string };

/** Why a reply was refused. */
export type ReplyRefusal =
  | "off"
  | "not-a-reply-address"
  | "unsigned"
  | "forged"
  | "unknown-key"
  | "sender-mismatch"
  | "replayed"
  | "no-access"
  | "empty";

const MESSAGES: Record<ReplyRefusal, string> = {
  off: "Replies by email are not accepted here",
  "not-a-reply-address": "No such mailbox",
  unsigned: "This reply address is not signed",
  forged: "This reply address is not valid",
  "unknown-key": "This reply address is not valid",
  "sender-mismatch": "Reply from the address the notification was sent to",
  replayed: "This reply was already received",
  "no-access": "You can no longer write in this model",
  empty: "The reply has no text of its own (only quoted text)",
};

/** SHA-256, hex. */
function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * Turns a reply to a notification into a message of the thread, written by the person the
 * reply address was made for. Refused, logged and recorded (nothing written) when: the address
 * is not signed by this server or was altered; it names no key; the sender is not that
 * person's address; the same message (by Message-ID, or the same text to the same address)
 * was received before; the person may no longer comment in the model; or nothing is left once
 * the quoted history is removed.
 */
export async function receiveEmailReply(
  deps: ReviewDeps,
  mail: { recipient: string; sender: string; messageId: string | null; text: string; raw: string },
): Promise<ReplyOutcome> {
  const refuse = async (reason: ReplyRefusal, detail: Record<string, unknown> = {}) => {
    log.warn("email reply refused", {
      reason,
      sender: mail.sender,
      recipient: mail.recipient,
      ...detail,
    });
    await deps.db
      .insert(inboundMail)
      .values({
        messageKey: `refused:${nanoid()}`,
        sender: mail.sender.slice(0, 320),
        recipient: mail.recipient.slice(0, 320),
        outcome: reason,
      })
      .catch((error: unknown) => log.error("refused reply not recorded", { error }));
    await recordAuditEvent(deps.db, {
      actorId: typeof detail.userId === "string" ? detail.userId : null,
      action: "email-reply.refused",
      modelId: typeof detail.modelId === "string" ? detail.modelId : null,
      detail: { reason, sender: mail.sender.slice(0, 320) },
    }).catch((error: unknown) => log.error("refused reply not audited", { error }));
    return { accepted: false as const, reason, message: MESSAGES[reason] };
  };

  const settings = deps.review.replyAddresses;
  if (!settings) return refuse("off");
  const address = readReplyAddress(mail.recipient, settings);
  if ("problem" in address) return refuse(address.problem);
  const [row] = await deps.db
    .select({
      userId: replyKeys.userId,
      threadId: replyKeys.threadId,
      email: users.email,
    })
    .from(replyKeys)
    .innerJoin(users, eq(users.id, replyKeys.userId))
    .where(eq(replyKeys.key, address.key));
  if (!row) return refuse("unknown-key");
  if (row.email.toLowerCase() !== mail.sender.trim().toLowerCase()) {
    return refuse("sender-mismatch", { userId: row.userId });
  }
  const text = stripQuotedReply(mail.text);
  const body = messageBodySchema.safeParse(text);
  if (!body.success) return refuse("empty", { userId: row.userId });
  const messageKey = mail.messageId ? `id:${mail.messageId.trim()}` : `raw:${sha256(mail.raw)}`;
  const contentKey = sha256(`${address.key}\n${body.data}`);
  // Claimed before writing: of two deliveries of one reply, only one gets past this insert.
  const claimed = await deps.db
    .insert(inboundMail)
    .values({
      messageKey,
      contentKey,
      sender: mail.sender.slice(0, 320),
      recipient: mail.recipient.slice(0, 320),
      outcome: "accepted",
    })
    .onConflictDoNothing()
    .returning({ id: inboundMail.id });
  const claim = claimed[0];
  if (!claim) return refuse("replayed", { userId: row.userId });
  try {
    const message = await postMessage(deps, {
      threadId: row.threadId,
      userId: row.userId,
      body: body.data,
      source: "email",
    });
    await deps.db
      .update(inboundMail)
      .set({ commentId: message.id })
      .where(eq(inboundMail.id, claim.id));
    return { accepted: true, commentId: message.id };
  } catch (error) {
    await deps.db.delete(inboundMail).where(eq(inboundMail.id, claim.id));
    if (isAppError(error) && (error.code === "forbidden" || error.code === "not_found")) {
      return refuse("no-access", { userId: row.userId });
    }
    throw error;
  }
}
