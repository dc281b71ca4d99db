/**
 * The discussion API as the browser calls it: threads, the inbox, notification settings,
 * invitations and reviews. Every answer is parsed with the shared schemas of lib/review.
 */
import { z } from "zod";
import { inboxPageSchema, type InboxFilter, type InboxPage } from "@/lib/review/inbox";
import { reviewsAnswerSchema, type ReviewsAnswer } from "@/lib/review/reviews";
import {
  EMAIL_NOTIFICATION_CHOICES,
  messageEditSchema,
  threadDetailSchema,
  threadMessageSchema,
  threadSummarySchema,
  type EmailNotificationChoice,
  type ReviewDecision,
  type ThreadDetail,
  type ThreadMessage,
  type ThreadSummary,
} from "@/lib/review/schemas";
import type { ThreadTarget } from "@/lib/review/targets";
import { ROLES, type Role } from "@/lib/model/roles";
import { requestJson, requestNoContent } from "./api-client";

const modelPath = (modelId: string) => `/api/models/${encodeURIComponent(modelId)}`;
const threadPath = (threadId: string) => `/api/threads/${encodeURIComponent(threadId)}`;

/** Every thread of a model (at most the API's page), most recently active first. */
export async function listThreads(modelId: string, signal?: AbortSignal): Promise<ThreadSummary[]> {
  const answer = await requestJson(
    `${modelPath(modelId)}/threads`,
    z.object({ threads: z.array(threadSummarySchema) }),
    { signal },
  );
  return answer.threads;
}

export async function fetchThread(threadId: string, signal?: AbortSignal): Promise<ThreadDetail> {
  const answer = await requestJson(threadPath(threadId), z.object({ thread: threadDetailSchema }), {
    signal,
  });
  return answer.thread;
}

export async function createThread(
  modelId: string,
  input: { target: ThreadTarget; subject: string; body: string },
): Promise<ThreadDetail> {
  const answer = await requestJson(
    `${modelPath(modelId)}/threads`,
    z.object({ thread: threadDetailSchema }),
    { method: "POST", body: input },
  );
  return answer.thread;
}

export async function postThreadMessage(
  threadId: string,
  input: { body: string; quotedId?: string },
): Promise<ThreadMessage> {
  const answer = await requestJson(
    `${threadPath(threadId)}/messages`,
    z.object({ message: threadMessageSchema }),
    { method: "POST", body: input },
  );
  return answer.message;
}

export async function editThreadMessage(
  threadId: string,
  messageId: string,
  body: string,
): Promise<ThreadMessage> {
  const answer = await requestJson(
    `${threadPath(threadId)}/messages/${encodeURIComponent(messageId)}`,
    z.object({ message: threadMessageSchema }),
    { method: "PATCH", body: { body } },
  );
  return answer.message;
}

export async function listMessageEdits(threadId: string, messageId: string) {
  const answer = await requestJson(
    `${threadPath(threadId)}/messages/${encodeURIComponent(messageId)}/edits`,
    z.object({ edits: z.array(messageEditSchema) }),
  );
  return answer.edits;
}

export async function setThreadResolved(threadId: string, isResolved: boolean) {
  const answer = await requestJson(
    threadPath(threadId),
    z.object({ thread: threadSummarySchema }),
    {
      method: "PATCH",
      body: { isResolved },
    },
  );
  return answer.thread;
}

/** Tells the server the user read the thread (its inbox items turn read). */
export function markThreadRead(threadId: string): Promise<void> {
  return requestNoContent(`${threadPath(threadId)}/read`, { method: "POST" });
}

export function fetchInbox(
  options: { filter: InboxFilter; before?: number },
  signal?: AbortSignal,
): Promise<InboxPage> {
  const query = new URLSearchParams({ filter: options.filter });
  if (options.before !== undefined) query.set("before", String(options.before));
  return requestJson(`/api/inbox?${query.toString()}`, inboxPageSchema, { signal });
}

export async function fetchUnreadCount(signal?: AbortSignal): Promise<number> {
  const answer = await requestJson("/api/inbox/count", z.object({ unreadCount: z.number() }), {
    signal,
  });
  return answer.unreadCount;
}

/** Marks inbox items read (or unread), or archives them (or brings them back). */
export async function changeInbox(
  change: "read" | "archive",
  ids: number[] | "all",
  value = true,
): Promise<number> {
  const answer = await requestJson(`/api/inbox/${change}`, z.object({ unreadCount: z.number() }), {
    method: "POST",
    body: ids === "all" ? { all: true, value } : { ids, value },
  });
  return answer.unreadCount;
}

const notificationSettingsSchema = z.object({
  emailNotifications: z.enum(EMAIL_NOTIFICATION_CHOICES),
});

export async function fetchNotificationSettings(signal?: AbortSignal) {
  return requestJson("/api/users/me/notifications", notificationSettingsSchema, { signal });
}

export async function saveNotificationSettings(emailNotifications: EmailNotificationChoice) {
  return requestJson("/api/users/me/notifications", notificationSettingsSchema, {
    method: "PUT",
    body: { emailNotifications },
  });
}

export const pendingInvitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  invitedBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type PendingInvitation = z.infer<typeof pendingInvitationSchema>;

export async function listInvitations(modelId: string, signal?: AbortSignal) {
  const answer = await requestJson(
    `${modelPath(modelId)}/invitations`,
    z.object({ invitations: z.array(pendingInvitationSchema) }),
    { signal },
  );
  return answer.invitations;
}

export async function inviteByEmail(modelId: string, email: string, role: Role) {
  const answer = await requestJson(
    `${modelPath(modelId)}/invitations`,
    z.object({ invitation: pendingInvitationSchema }),
    { method: "POST", body: { email, role } },
  );
  return answer.invitation;
}

export function revokeInvitation(modelId: string, invitationId: string): Promise<void> {
  return requestNoContent(`${modelPath(modelId)}/invitations/${encodeURIComponent(invitationId)}`, {
    method: "DELETE",
  });
}

export const invitationViewSchema = z.object({
  modelTitle: z.string(),
  modelId: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  invitedBy: z.string(),
  expiresAt: z.string(),
  status: z.enum(["pending", "accepted", "expired", "revoked"]),
});
export type InvitationView = z.infer<typeof invitationViewSchema>;

export async function fetchInvitation(token: string, signal?: AbortSignal) {
  const answer = await requestJson(
    `/api/invitations/${encodeURIComponent(token)}`,
    z.object({ invitation: invitationViewSchema }),
    { signal },
  );
  return answer.invitation;
}

export function acceptInvitation(token: string) {
  return requestJson(
    `/api/invitations/${encodeURIComponent(token)}/accept`,
    z.object({ modelId: z.string(), role: z.enum(ROLES) }),
    { method: "POST" },
  );
}

export function fetchReviews(modelId: string, signal?: AbortSignal): Promise<ReviewsAnswer> {
  return requestJson(`${modelPath(modelId)}/reviews`, reviewsAnswerSchema, { signal });
}

export function requestReview(
  modelId: string,
  input: { reviewerIds: string[]; message: string; dueDate?: string },
): Promise<ReviewsAnswer> {
  return requestJson(`${modelPath(modelId)}/reviews`, reviewsAnswerSchema, {
    method: "POST",
    body: input,
  });
}

export function decideReview(
  modelId: string,
  reviewId: string,
  input: { decision: ReviewDecision; note: string },
): Promise<ReviewsAnswer> {
  return requestJson(
    `${modelPath(modelId)}/reviews/${encodeURIComponent(reviewId)}/decision`,
    reviewsAnswerSchema,
    { method: "POST", body: input },
  );
}
