import { THREAT_SEVERITIES, THREAT_SEVERITY_LABELS } from "../model";
import type { ThreatSeverity } from "../model";

/*
 * Severity on a bug bar in the style of Microsoft's: Critical, Important, Moderate, Low and
 * Information. A threat is rated by its worst realistic outcome.
 */

/** One level of the bug bar, for pickers and help text. */
export interface SeverityLevel {
  id: ThreatSeverity;
  label: string;
  /** What the worst case looks like at this level. */
  description: string;
}

const DESCRIPTIONS: Record<ThreatSeverity, string> = {
  critical:
    "The worst case is a serious breach: sensitive data exposed, or harm that needs the " +
    "privacy or legal team involved.",
  important:
    "The worst case seriously harms users or the business, for example the system becomes " +
    "unusable and nobody knows a way around it.",
  moderate:
    "The worst case has a real but contained impact, for example an outage that people can " +
    "work around.",
  low: "The worst case has little impact.",
  information:
    "The threat was considered and evaluated and found not to apply; it stays on record to " +
    "show that someone looked.",
};

/** The bug bar, most severe first. */
export const SEVERITY_LEVELS: readonly SeverityLevel[] = THREAT_SEVERITIES.map((id) => ({
  id,
  label: THREAT_SEVERITY_LABELS[id],
  description: DESCRIPTIONS[id],
}));

/** Orders severities most severe first (for Array.prototype.sort). */
export function compareSeverity(a: ThreatSeverity, b: ThreatSeverity): number {
  return THREAT_SEVERITIES.indexOf(a) - THREAT_SEVERITIES.indexOf(b);
}

/** The most severe of the given severities (nulls, i.e. not rated, ignored); null if none. */
export function getWorstSeverity(
  severities: Iterable<ThreatSeverity | null>,
): ThreatSeverity | null {
  let worst: ThreatSeverity | null = null;
  for (const severity of severities) {
    if (severity !== null && (worst === null || compareSeverity(severity, worst) < 0)) {
      worst = severity;
    }
  }
  return worst;
}
