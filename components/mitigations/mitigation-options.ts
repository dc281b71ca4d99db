import {
  CONTROL_FUNCTION_LABELS,
  CONTROL_FUNCTIONS,
  CONTROL_TYPE_LABELS,
  CONTROL_TYPES,
  MITIGATION_STATUS_LABELS,
  MITIGATION_STATUSES,
  RATING_LEVELS,
  type ControlFunction,
  type ControlType,
  type MitigationStatus,
  type RatingLevel,
} from "@/lib/model/mitigations";
import type { BadgeTone } from "@/components/ui/badge";
import type { SelectOption } from "@/components/ui/select";

export const CONTROL_TYPE_OPTIONS: readonly SelectOption<ControlType>[] = CONTROL_TYPES.map(
  (controlType) => ({ value: controlType, label: CONTROL_TYPE_LABELS[controlType] }),
);

export const CONTROL_FUNCTION_OPTIONS: readonly SelectOption<ControlFunction>[] =
  CONTROL_FUNCTIONS.map((controlFunction) => ({
    value: controlFunction,
    label: CONTROL_FUNCTION_LABELS[controlFunction],
  }));

export const MITIGATION_STATUS_OPTIONS: readonly SelectOption<MitigationStatus>[] =
  MITIGATION_STATUSES.map((status) => ({ value: status, label: MITIGATION_STATUS_LABELS[status] }));

export const MITIGATION_STATUS_TONES: Record<MitigationStatus, BadgeTone> = {
  proposed: "info",
  "in-progress": "warning",
  implemented: "success",
  abandoned: "neutral",
};

/** A rating as a select value: "" stands for "not rated yet" (null in the document). */
export type RatingChoice = RatingLevel | "";

const RATING_LABELS: Record<RatingLevel, string> = { low: "Low", medium: "Medium", high: "High" };

export const RATING_OPTIONS: readonly SelectOption<RatingChoice>[] = [
  { value: "", label: "Not rated" },
  ...RATING_LEVELS.map((level) => ({ value: level, label: RATING_LABELS[level] })),
];

/** The select value of a stored rating. */
export function toRatingChoice(rating: RatingLevel | null): RatingChoice {
  return rating ?? "";
}

/** The stored rating of a select value. */
export function fromRatingChoice(choice: RatingChoice): RatingLevel | null {
  return choice === "" ? null : choice;
}
