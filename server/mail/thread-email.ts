import { renderMessageHtml } from "@/lib/review/markdown";
import { mentionsAsText } from "@/lib/review/mentions";
import type { InboxReason } from "@/lib/review/inbox";
import type { MailMessage } from "@/server/mail/mailer";

/** The Message-ID of a thread's first message: every later one answers it. */
export function threadMessageId(threadId: string, domain: string): string {
  return `<thread.${threadId}@${domain}>`;
}

/** The Message-ID of a later message of a thread. */
export function commentMessageId(commentId: string, domain: string): string {
  return `<comment.${commentId}@${domain}>`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

const WHY: Record<InboxReason, string> = {
  mention: "You were mentioned",
  reply: "You take part in this thread",
  "new-thread": "You own this model",
  "review-requested": "You were asked to review this model",
  "review-decided": "You asked for this review",
};

/**
 * The notification of one message of a thread to one person. Every message of a thread gets
 * the same subject and answers the thread's first message (In-Reply-To and References), so
 * mail clients show the thread as one conversation; the first message's own id is the
 * thread's. With a reply address, answering the email answers the thread.
 */
export function buildThreadEmail(options: {
  to: string;
  modelTitle: string;
  thread: { id: string; modelId: string; subject: string; about: string };
  message: { id: string; body: string; authorName: string; isFirst: boolean };
  reason: InboxReason;
  link: string;
  messageIdDomain: string;
  replyTo: string | null;
}): MailMessage {
  const { thread, message } = options;
  const root = threadMessageId(thread.id, options.messageIdDomain);
  const subject = `${message.isFirst ? "" : "Re: "}[${options.modelTitle}] ${thread.subject}`;
  const bodyText = mentionsAsText(message.body);
  const replyLine = options.replyTo
    ? "Reply to this email to answer in the thread (the quoted text is left out)."
    : "Answer in the thread from the link above.";
  const heading = `${message.authorName} ${message.isFirst ? "started a thread" : "wrote"} on ${thread.about}:`;
  const text = [
    heading,
    "",
    bodyText,
    "",
    "--",
    `Open the thread: ${options.link}`,
    replyLine,
    `${WHY[options.reason]}. Change how you get these emails in your account settings.`,
  ].join("\n");
  const html = [
    `<p style="color:#475569;font:14px sans-serif">${escapeHtml(heading)}</p>`,
    `<div style="font:15px/1.5 sans-serif">${renderMessageHtml(message.body)}</div>`,
    `<hr style="border:none;border-top:1px solid #e2e8f0">`,
    `<p style="font:13px sans-serif"><a href="${escapeHtml(options.link)}">Open the thread</a> · ${escapeHtml(replyLine)}</p>`,
    `<p style="color:#64748b;font:12px sans-serif">${escapeHtml(WHY[options.reason])}. Change how you get these emails in your account settings.</p>`,
  ].join("\n");
  return {
    to: options.to,
    subject,
    text,
    html,
    messageId: message.isFirst ? root : commentMessageId(message.id, options.messageIdDomain),
    ...(message.isFirst ? {} : { inReplyTo: root, references: [root] }),
    ...(options.replyTo ? { replyTo: options.replyTo } : {}),
    headers: {
      "Auto-Submitted": "auto-generated",
      "List-Id": `<model-${escapeHeader(thread.modelId)}.${options.messageIdDomain}>`,
    },
  };
}

function escapeHeader(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, "");
}
