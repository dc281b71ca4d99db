import { z } from "zod";
import { REVIEW_LIMITS } from "./schemas";

/** Why something is in a user's inbox. */
export const INBOX_REASONS = [
  /** They were @mentioned in a message. */
  "mention",
  /** A new message in a thread they wrote in, opened or were mentioned in. */
  "reply",
  /** A new thread on a model they own. */
  "new-thread",
  /** They were asked to review a model. */
  "review-requested",
  /** A reviewer decided on a review they asked for. */
  "review-decided",
] as const;
export type InboxReason = (typeof INBOX_REASONS)[number];

/** The inbox's filters. */
export const INBOX_FILTERS = [
  "all",
  "unread",
  "mentions",
  "participating",
  "reviews",
  "archived",
] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

/** GET /api/inbox?filter=&before=&limit= */
export const inboxQuery = z.object({
  filter: z.enum(INBOX_FILTERS).default("all"),
  /** Items older than this id (the last id of the previous page). */
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(REVIEW_LIMITS.inboxPageMax)
    .default(REVIEW_LIMITS.inboxPageDefault),
});

/** POST /api/inbox/read and /api/inbox/archive: some items, or all of them. */
export const inboxChangeInput = z.union([
  z.object({
    ids: z.array(z.number().int().positive()).min(1).max(REVIEW_LIMITS.inboxPageMax),
    value: z.boolean().default(true),
  }),
  z.object({ all: z.literal(true), value: z.boolean().default(true) }),
]);

export const inboxItemSchema = z.object({
  id: z.number(),
  reason: z.enum(INBOX_REASONS),
  isRead: z.boolean(),
  isArchived: z.boolean(),
  createdAt: z.string(),
  model: z.object({ id: z.string(), title: z.string() }),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  thread: z
    .object({
      id: z.string(),
      subject: z.string(),
      targetKind: z.string(),
      targetId: z.string(),
      isResolved: z.boolean(),
    })
    .nullable(),
  /** The first characters of the message, as text. */
  excerpt: z.string(),
  reviewId: z.string().nullable(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const inboxPageSchema = z.object({
  items: z.array(inboxItemSchema),
  unreadCount: z.number(),
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: z.number().nullable(),
});
export type InboxPage = z.infer<typeof inboxPageSchema>;

/** How each reason reads in the inbox. */
export const INBOX_REASON_LABELS: Record<InboxReason, string> = {
  mention: "mentioned you",
  reply: "replied",
  "new-thread": "started a thread",
  "review-requested": "asked for your review",
  "review-decided": "reviewed",
};
