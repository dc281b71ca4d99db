import { REVIEW_STATE_LABELS, type ReviewsAnswer } from "@/lib/review/reviews";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const STATE_TONES: Record<ReviewsAnswer["state"], BadgeTone> = {
  none: "neutral",
  "in-review": "info",
  "changes-requested": "warning",
  approved: "success",
};

/** The model's review state as a badge (header and dialog). */
export function ReviewStateBadge({ state }: { state: ReviewsAnswer["state"] }) {
  return <Badge tone={STATE_TONES[state]}>{REVIEW_STATE_LABELS[state]}</Badge>;
}
