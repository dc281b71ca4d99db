import type { ModelDreadScale } from "@/lib/model/meta";
import { THREAT_SEVERITY_LABELS, getThreatRisk, type Threat } from "@/lib/model/threats";
import { Badge } from "@/components/ui/badge";
import { DREAD_BAND_LABELS, DREAD_BAND_TONES, SEVERITY_TONES } from "./threat-options";
import { formatDreadScore } from "./dread-format";

/**
 * The short facts about a threat that the list and the board show beside its title: severity,
 * DREAD score and band, response, and whether it needs review. Nothing when nothing is set.
 */
export function ThreatBadges({ threat, scale }: { threat: Threat; scale: ModelDreadScale }) {
  const risk = getThreatRisk(threat, scale);
  return (
    <>
      {threat.severity ? (
        <Badge tone={SEVERITY_TONES[threat.severity]}>
          {THREAT_SEVERITY_LABELS[threat.severity]}
        </Badge>
      ) : null}
      {risk ? (
        <Badge tone={risk.band ? DREAD_BAND_TONES[risk.band] : "neutral"}>
          DREAD {formatDreadScore(risk)}
          {risk.band ? ` · ${DREAD_BAND_LABELS[risk.band]}` : ""}
        </Badge>
      ) : null}
      {threat.response === "accept" ? <Badge tone="accent">Accepted</Badge> : null}
      {threat.needsReview ? <Badge tone="warning">Needs review</Badge> : null}
    </>
  );
}
