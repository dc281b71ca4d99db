/**
 * The discussion API's bodies and answers, shared by the server (which parses every body with
 * them) and the UI. Limits come from REVIEW_LIMITS.
 */
import { z } from "zod";
import { ROLES } from "../model/roles";
import { isWellFormedText, singleLineTextSchema } from "../text";
import { threadTargetSchema, THREAD_TARGET_KINDS } from "./targets";

export const REVIEW_LIMITS = {
  subjectLength: 200,
  /** One message's Markdown. */
  bodyLength: 20_000,
  /** Threads per page of GET /api/models/:id/threads. */
  threadsPerPage: 500,
  /** Inbox items per page: the default and the most a client may ask for. */
  inboxPageDefault: 50,
  inboxPageMax: 200,
  /** Reviewers of one review request. */
  reviewersPerReview: 50,
  reviewMessageLength: 2_000,
  /** Days an invitation stays valid. */
  invitationDays: 7,
  /** Messages (threads included) one person may write per minute, on one server node. */
  messagesPerUserPerMinute: 60,
  /** Invitations one person may send per hour, on one server node: each is an email. */
  invitationsPerUserPerHour: 50,
  /** Event streams (open pages) one person may hold on one server node. */
  eventStreamsPerUser: 20,
} as const;

// eslint-disable-next-line no-control-regex -- control characters other than tab and newline
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** A message's Markdown: 1..bodyLength characters, no control characters but tab and newline. */
export const messageBodySchema = z
  .string()
  .transform((value) => value.replace(/\r\n?/g, "\n"))
  .pipe(
    z
      .string()
      .trim()
      .min(1, "Write something first")
      .max(REVIEW_LIMITS.bodyLength, `At most ${REVIEW_LIMITS.bodyLength} characters`)
      .refine((value) => !CONTROL_EXCEPT_LINES.test(value), "Must not contain control characters")
      .refine(isWellFormedText, "Must be well-formed text"),
  );

const idRef = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Malformed id");

/** POST /api/models/:id/threads */
export const createThreadInput = z.object({
  target: threadTargetSchema,
  subject: singleLineTextSchema(REVIEW_LIMITS.subjectLength),
  body: messageBodySchema,
});
export type CreateThreadInput = z.infer<typeof createThreadInput>;

/** POST /api/threads/:id/messages */
export const postMessageInput = z.object({
  body: messageBodySchema,
  /** The message being answered with a quote. */
  quotedId: idRef.optional(),
});

/** PATCH /api/threads/:id/messages/:messageId: the new text; the old one goes to the history. */
export const editMessageInput = z.object({ body: messageBodySchema });

/** PATCH /api/threads/:id: resolve or reopen, or rename. */
export const patchThreadInput = z
  .object({
    isResolved: z.boolean().optional(),
    subject: singleLineTextSchema(REVIEW_LIMITS.subjectLength).optional(),
  })
  .refine((input) => input.isResolved !== undefined || input.subject !== undefined, {
    message: "Send isResolved or subject",
  });

/** A person as threads and the inbox show them. */
export const personSchema = z.object({ id: z.string(), name: z.string() });
export type Person = z.infer<typeof personSchema>;

export const threadMessageSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  author: personSchema.nullable(),
  body: z.string(),
  quotedId: z.string().nullable(),
  mentions: z.array(z.string()),
  /** "web", or "email" for a reply received by mail. */
  source: z.string(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
});
export type ThreadMessage = z.infer<typeof threadMessageSchema>;

export const threadSummarySchema = z.object({
  id: z.string(),
  modelId: z.string(),
  target: z.object({ kind: z.enum(THREAD_TARGET_KINDS), id: z.string() }),
  subject: z.string(),
  isResolved: z.boolean(),
  resolvedBy: personSchema.nullable(),
  resolvedAt: z.string().nullable(),
  createdBy: personSchema.nullable(),
  createdAt: z.string(),
  lastMessageAt: z.string(),
  messageCount: z.number(),
  /** Everyone who wrote in it, first writer first. */
  participants: z.array(personSchema),
  /** Everyone mentioned in it. */
  mentioned: z.array(z.string()),
});
export type ThreadSummary = z.infer<typeof threadSummarySchema>;

export const threadDetailSchema = threadSummarySchema.extend({
  messages: z.array(threadMessageSchema),
});
export type ThreadDetail = z.infer<typeof threadDetailSchema>;

/** One earlier text of an edited message. */
export const messageEditSchema = z.object({ body: z.string(), writtenAt: z.string() });

/**
 * What the server pushes on the model's socket when a thread changes (MESSAGE_THREAD_CHANGED):
 * the thread as it is now, and the message that was added or edited, if any.
 */
export const threadNoticeSchema = z.object({
  thread: threadSummarySchema,
  message: threadMessageSchema.nullable(),
  /** A message announced before it was stored, which could not be stored after all. */
  retractedMessageId: z.string().optional(),
});
export type ThreadNotice = z.infer<typeof threadNoticeSchema>;

/** Email notification settings of a user. */
export const EMAIL_NOTIFICATION_CHOICES = ["each", "digest", "off"] as const;
export type EmailNotificationChoice = (typeof EMAIL_NOTIFICATION_CHOICES)[number];

/** PATCH /api/users/me/notifications */
export const notificationSettingsInput = z.object({
  emailNotifications: z.enum(EMAIL_NOTIFICATION_CHOICES),
});

/** POST /api/models/:id/invitations */
export const createInvitationInput = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address")),
  role: z.enum(ROLES),
});

/** POST /api/models/:id/reviews */
export const requestReviewInput = z.object({
  reviewerIds: z.array(idRef).min(1, "Pick at least one reviewer").max(50),
  message: z.string().trim().max(REVIEW_LIMITS.reviewMessageLength).default(""),
  /** A day, YYYY-MM-DD; the review is due at its end. */
  dueDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "A date like 2027-01-31")
    .optional(),
});

export const REVIEW_DECISIONS = ["approved", "changes-requested"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** POST /api/models/:id/reviews/:reviewId/decision */
export const reviewDecisionInput = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  note: z.string().trim().max(REVIEW_LIMITS.reviewMessageLength).default(""),
});

/** A thread command on the model's socket (MESSAGE_THREAD_COMMAND). */
export const threadSocketCommandSchema = z.object({
  requestId: z.string().min(1).max(64),
  command: z.object({
    type: z.literal("post"),
    threadId: idRef,
    body: messageBodySchema,
    quotedId: idRef.optional(),
  }),
});

/** The server's answer to a thread command (MESSAGE_THREAD_ANSWER). */
export const threadSocketAnswerSchema = z.union([
  z.object({ requestId: z.string(), ok: z.literal(true), message: threadMessageSchema }),
  z.object({ requestId: z.string(), ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type ThreadSocketAnswer = z.infer<typeof threadSocketAnswerSchema>;
