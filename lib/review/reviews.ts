import { z } from "zod";
import { personSchema } from "./schemas";

/** A reviewer's decision on one review. */
export const reviewerSchema = z.object({
  user: personSchema,
  decision: z.enum(["pending", "approved", "changes-requested"]),
  note: z.string(),
  decidedAt: z.string().nullable(),
  /** The version saved when they decided. */
  version: z.object({ id: z.number(), number: z.number(), label: z.string() }).nullable(),
  /** True when the model changed since the version they decided on. */
  isOnOlderVersion: z.boolean(),
});
export type Reviewer = z.infer<typeof reviewerSchema>;

export const reviewSchema = z.object({
  id: z.string(),
  requestedBy: personSchema.nullable(),
  message: z.string(),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  reviewers: z.array(reviewerSchema),
});
export type Review = z.infer<typeof reviewSchema>;

/**
 * Where the model stands, from its newest review: none asked; in review (someone has not
 * decided); changes requested (someone asked for them); approved (everyone approved).
 */
export const REVIEW_STATES = ["none", "in-review", "changes-requested", "approved"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const reviewsAnswerSchema = z.object({
  state: z.enum(REVIEW_STATES),
  reviews: z.array(reviewSchema),
});
export type ReviewsAnswer = z.infer<typeof reviewsAnswerSchema>;

/** The model's review state from its reviews, newest first (see REVIEW_STATES). */
export function reviewStateOf(reviews: readonly Review[]): ReviewState {
  const newest = reviews[0];
  if (!newest || newest.reviewers.length === 0) return "none";
  if (newest.reviewers.some((r) => r.decision === "changes-requested")) return "changes-requested";
  if (newest.reviewers.some((r) => r.decision === "pending")) return "in-review";
  return "approved";
}

/** How each state reads. */
export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  none: "Not reviewed",
  "in-review": "In review",
  "changes-requested": "Changes requested",
  approved: "Approved",
};
