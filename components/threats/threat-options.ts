import {
  STRIDE_CATEGORIES,
  STRIDE_CATEGORY_LABELS,
  THREAT_STATUSES,
  THREAT_STATUS_LABELS,
  type StrideCategory,
  type ThreatStatus,
} from "@/lib/model/threats";
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
