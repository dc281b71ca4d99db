import {
  MODEL_DREAD_SCALES,
  MODEL_DREAD_SCALE_LABELS,
  type ModelDreadScale,
} from "@/lib/model/meta";
import {
  STRIDE_CATEGORIES,
  STRIDE_CATEGORY_LABELS,
  THREAT_RESPONSES,
  THREAT_RESPONSE_LABELS,
  THREAT_SEVERITIES,
  THREAT_SEVERITY_LABELS,
  THREAT_STATUSES,
  THREAT_STATUS_LABELS,
  type StrideCategory,
  type ThreatResponse,
  type ThreatSeverity,
  type ThreatStatus,
} from "@/lib/model/threats";
import type { DreadBand } from "@/lib/risk/dread";
import type { BadgeTone } from "@/components/ui/badge";
import type { SelectOption } from "@/components/ui/select";

export const CATEGORY_OPTIONS: readonly SelectOption<StrideCategory>[] = STRIDE_CATEGORIES.map(
  (category) => ({ value: category, label: STRIDE_CATEGORY_LABELS[category] }),
);

export const STATUS_OPTIONS: readonly SelectOption<ThreatStatus>[] = THREAT_STATUSES.map(
  (status) => ({
    value: status,
    label: THREAT_STATUS_LABELS[status],
  }),
);

export const STATUS_TONES: Record<ThreatStatus, BadgeTone> = {
  open: "warning",
  "needs-investigation": "info",
  mitigated: "success",
  "not-applicable": "neutral",
};

/** The value a select uses for "not rated" / "not decided" (a select cannot hold null). */
export const NONE = "none";
export type NoneValue = typeof NONE;

export const SEVERITY_OPTIONS: readonly SelectOption<ThreatSeverity | NoneValue>[] = [
  { value: NONE, label: "Not rated" },
  ...THREAT_SEVERITIES.map((severity) => ({
    value: severity,
    label: THREAT_SEVERITY_LABELS[severity],
  })),
];

export const RESPONSE_OPTIONS: readonly SelectOption<ThreatResponse | NoneValue>[] = [
  { value: NONE, label: "Not decided" },
  ...THREAT_RESPONSES.map((response) => ({
    value: response,
    label: THREAT_RESPONSE_LABELS[response],
  })),
];

/** What each response means, shown under the response select. */
export const RESPONSE_DESCRIPTIONS: Record<ThreatResponse, string> = {
  reduce: "Fix it or change the design so that its impact and severity go down.",
  transfer: "Another system or team handles it.",
  avoid: "The part of the system that has the issue will be cut.",
  accept:
    "Live with it, without a fix. An authorized risk decision maker must approve: senior " +
    "leadership for critical issues, a senior engineer for defense in depth.",
};

export const SEVERITY_TONES: Record<ThreatSeverity, BadgeTone> = {
  critical: "danger",
  important: "warning",
  moderate: "info",
  low: "neutral",
  information: "neutral",
};

export const DREAD_BAND_LABELS: Record<DreadBand, string> = {
  high: "High",
  medium: "Medium",
  low: "Low",
};

export const DREAD_BAND_TONES: Record<DreadBand, BadgeTone> = {
  high: "danger",
  medium: "warning",
  low: "neutral",
};

export const DREAD_SCALE_OPTIONS: readonly SelectOption<ModelDreadScale>[] = MODEL_DREAD_SCALES.map(
  (scale) => ({ value: scale, label: MODEL_DREAD_SCALE_LABELS[scale] }),
);
