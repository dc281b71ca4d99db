"use client";

import {
  DREAD_SCALE_OF_MODEL_SCALE,
  MODEL_DREAD_SCALE_LABELS,
  type ModelDreadScale,
} from "@/lib/model/meta";
import { getThreatRisk, type Threat, type ThreatPatch } from "@/lib/model/threats";
import {
  DREAD_FACTORS,
  DREAD_FACTOR_LABELS,
  DREAD_FACTOR_QUESTIONS,
  DREAD_FACTOR_RANGES,
  type DreadFactor,
} from "@/lib/risk/dread";
import { Badge } from "@/components/ui/badge";
import { Select, type SelectOption } from "@/components/ui/select";
import { formatDreadScore } from "./dread-format";
import { DREAD_BAND_LABELS, DREAD_BAND_TONES, NONE } from "./threat-options";

/** "Not rated" and every value of the scale; a stored value off the scale stays selectable. */
function getFactorOptions(scale: ModelDreadScale, current: number | null): SelectOption[] {
  const { min, max } = DREAD_FACTOR_RANGES[DREAD_SCALE_OF_MODEL_SCALE[scale]];
  const options: SelectOption[] = [{ value: NONE, label: "Not rated" }];
  for (let value = min; value <= max; value += 1) {
    options.push({ value: String(value), label: String(value) });
  }
  if (current !== null && (current < min || current > max)) {
    options.push({ value: String(current), label: `${current} (not on this scale)` });
  }
  return options;
}

export interface DreadRatingFieldsProps {
  threat: Threat;
  scale: ModelDreadScale;
  isReadOnly: boolean;
  /** Writes the changed factor; shows its own errors. */
  onRate: (patch: ThreatPatch) => void;
}

/**
 * The five DREAD factors on the model's scale, each saved as soon as it is picked, with the
 * score and band computed from them.
 */
export function DreadRatingFields({ threat, scale, isReadOnly, onRate }: DreadRatingFieldsProps) {
  const risk = getThreatRisk(threat, scale);
  const ratedCount = DREAD_FACTORS.filter((factor) => threat.dread[factor] !== null).length;

  function handleChange(factor: DreadFactor, value: string) {
    const dread: NonNullable<ThreatPatch["dread"]> = {};
    dread[factor] = value === NONE ? null : Number(value);
    onRate({ dread });
  }

  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold text-slate-900">DREAD rating</legend>
      <p className="text-sm text-slate-600">
        Scale of this model: {MODEL_DREAD_SCALE_LABELS[scale]}.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        {DREAD_FACTORS.map((factor) => (
          <div key={factor}>
            <Select
              label={DREAD_FACTOR_LABELS[factor]}
              options={getFactorOptions(scale, threat.dread[factor])}
              value={threat.dread[factor] === null ? NONE : String(threat.dread[factor])}
              disabled={isReadOnly}
              onValueChange={(value) => handleChange(factor, value)}
            />
            <p className="mt-1 text-xs text-slate-500">{DREAD_FACTOR_QUESTIONS[factor]}</p>
          </div>
        ))}
      </div>
      <p
        role="status"
        aria-label="DREAD score"
        className="flex flex-wrap items-center gap-2 text-sm text-slate-700"
      >
        {risk ? (
          <>
            <span>
              Score{" "}
              <strong className="font-semibold text-slate-900">{formatDreadScore(risk)}</strong>
            </span>
            {risk.band ? (
              <Badge tone={DREAD_BAND_TONES[risk.band]}>{DREAD_BAND_LABELS[risk.band]} risk</Badge>
            ) : null}
          </>
        ) : ratedCount === DREAD_FACTORS.length ? (
          "Some ratings were given on another scale: rate them again to see the score."
        ) : (
          `No score yet: ${ratedCount} of ${DREAD_FACTORS.length} factors rated.`
        )}
      </p>
    </fieldset>
  );
}
