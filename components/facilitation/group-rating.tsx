"use client";

import { useState } from "react";
import { z } from "zod";
import {
  DREAD_FACTOR_LABELS,
  DREAD_FACTOR_QUESTIONS,
  DREAD_FACTOR_RANGES,
  DREAD_FACTORS,
  scoreDread,
  summarizeGroupRatings,
  type DreadFactor,
  type DreadRating,
  type DreadScale,
} from "@/lib/risk/dread";
import {
  THREAT_SEVERITIES,
  THREAT_SEVERITY_LABELS,
  type ThreatPatch,
  type ThreatSeverity,
} from "@/lib/model/threats";
import type { FacilitationSession } from "@/components/api/schemas";
import { formatDreadScore } from "@/components/threats/dread-format";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { Select } from "@/components/ui/select";

/**
 * How far from the group's mean score a voter stands out: a fifth of the score's range, which
 * is 10 on both scales (5-15 summed, 0-10 averaged).
 */
const OUTLIER_DISTANCE = 2;

/** A vote as the API answers it once revealed. */
type Vote = FacilitationSession["votes"][number];

const dreadVoteSchema = z.object({
  dread: z.record(z.enum(DREAD_FACTORS), z.number()),
});
const severityVoteSchema = z.object({ severity: z.enum(THREAT_SEVERITIES) });

/** A revealed DREAD vote as a rating on `scale`; null when it is not one. */
function dreadOf(vote: Vote, scale: DreadScale): DreadRating | null {
  const parsed = dreadVoteSchema.safeParse(vote.value);
  if (!parsed.success) return null;
  const { dread } = parsed.data;
  if (DREAD_FACTORS.some((factor) => dread[factor] === undefined)) return null;
  return { scale, ...(dread as Record<DreadFactor, number>) } as DreadRating;
}

export interface GroupRatingProps {
  threatTitle: string;
  method: "severity" | "dread";
  /** The model's DREAD scale: the range each factor is rated in. */
  scale: DreadScale;
  votes: FacilitationSession["votes"];
  isRevealed: boolean;
  canVote: boolean;
  canRun: boolean;
  isBusy: boolean;
  userId: string;
  onVote: (value: { severity: ThreatSeverity } | { dread: Record<DreadFactor, number> }) => void;
  onReveal: () => void;
  /** Records the agreed rating on the threat (those who may write the document). */
  onRecord: (patch: ThreatPatch) => void;
}

/**
 * A group rating of one threat: everyone rates in private (bug-bar severity, or DREAD on the
 * model's scale), sees who has voted but not what, the facilitator reveals, the spread shows
 * with the outliers named so they can explain, and the agreed rating is recorded on the threat.
 */
export function GroupRating(props: GroupRatingProps) {
  const hasVoted = props.votes.some((vote) => vote.userId === props.userId);
  return (
    <div className="rounded-md border border-slate-200 bg-white p-3" aria-label="Group rating">
      <p className="font-medium">
        Rate “{props.threatTitle}” ({props.method === "dread" ? "DREAD" : "severity"})
      </p>
      {props.canVote && !props.isRevealed ? (
        props.method === "dread" ? (
          <DreadBallot scale={props.scale} isBusy={props.isBusy} onVote={props.onVote} />
        ) : (
          <SeverityButtons
            label="Your vote"
            isBusy={props.isBusy}
            onPick={(severity) => props.onVote({ severity })}
          />
        )
      ) : null}
      {hasVoted && !props.isRevealed ? (
        <p className="mt-1 text-xs text-emerald-700">
          Your vote is in (only you know it; vote again to change it)
        </p>
      ) : null}
      <p className="mt-2 text-xs text-slate-600" aria-label="Voters">
        Voted:{" "}
        {props.votes.length === 0 ? "nobody yet" : props.votes.map((vote) => vote.name).join(", ")}
      </p>
      {props.isRevealed ? (
        props.method === "dread" ? (
          <DreadResult {...props} />
        ) : (
          <SeverityResult {...props} />
        )
      ) : props.canRun ? (
        <Button
          className="mt-2"
          size="sm"
          disabled={props.isBusy || props.votes.length === 0}
          onClick={props.onReveal}
        >
          Reveal votes
        </Button>
      ) : null}
    </div>
  );
}

/** Five factors on the model's scale, cast together. */
function DreadBallot({
  scale,
  isBusy,
  onVote,
}: {
  scale: DreadScale;
  isBusy: boolean;
  onVote: GroupRatingProps["onVote"];
}) {
  const range = DREAD_FACTOR_RANGES[scale];
  const [ballot, setBallot] = useState<Partial<Record<DreadFactor, number>>>({});
  const options = [
    { value: "", label: "–" },
    ...Array.from({ length: range.max - range.min + 1 }, (_, index) => ({
      value: String(range.min + index),
      label: String(range.min + index),
    })),
  ];
  const isComplete = DREAD_FACTORS.every((factor) => ballot[factor] !== undefined);
  return (
    <form
      className="mt-2 space-y-2"
      aria-label="Your vote"
      onSubmit={(event) => {
        event.preventDefault();
        if (isComplete) onVote({ dread: ballot as Record<DreadFactor, number> });
      }}
    >
      <div className="grid gap-2 sm:grid-cols-5">
        {DREAD_FACTORS.map((factor) => (
          <Select
            key={factor}
            label={DREAD_FACTOR_LABELS[factor]}
            title={DREAD_FACTOR_QUESTIONS[factor]}
            options={options}
            value={ballot[factor] === undefined ? "" : String(ballot[factor])}
            onValueChange={(value) =>
              setBallot((current) => ({
                ...current,
                [factor]: value === "" ? undefined : Number(value),
              }))
            }
          />
        ))}
      </div>
      <Button type="submit" size="sm" disabled={isBusy || !isComplete}>
        Cast my vote
      </Button>
    </form>
  );
}

function SeverityResult(props: GroupRatingProps) {
  const severities = props.votes
    .map((vote) => severityVoteSchema.safeParse(vote.value).data?.severity)
    .filter((severity): severity is ThreatSeverity => severity !== undefined);
  const counts = THREAT_SEVERITIES.map((severity) => ({
    severity,
    count: severities.filter((value) => value === severity).length,
  }));
  return (
    <div className="mt-2">
      <ul aria-label="Votes" className="flex flex-wrap gap-3 text-sm">
        {counts.map(({ severity, count }) => (
          <li key={severity} className={cx(count === 0 && "text-slate-400")}>
            {THREAT_SEVERITY_LABELS[severity]}: {count}
          </li>
        ))}
      </ul>
      {new Set(severities).size > 1 ? (
        <p className="text-xs text-amber-800">
          The group disagrees: let the outliers explain before agreeing.
        </p>
      ) : null}
      {props.canRun ? (
        <SeverityButtons
          label="Record the agreed severity"
          verb="Record"
          isBusy={props.isBusy}
          onPick={(severity) => props.onRecord({ severity })}
        />
      ) : null}
    </div>
  );
}

/**
 * The revealed DREAD votes: each voter's factors and score, the spread per factor (factors
 * the group disagrees on are marked), the voters furthest from the mean named, and the mean
 * rating to record.
 */
function DreadResult(props: GroupRatingProps) {
  const rated = props.votes
    .map((vote) => ({ vote, rating: dreadOf(vote, props.scale) }))
    .filter((entry): entry is { vote: Vote; rating: DreadRating } => entry.rating !== null);
  const summary = summarizeGroupRatings(rated.map((entry) => entry.rating));
  if (!summary) return <p className="mt-2 text-slate-600">No DREAD votes were cast.</p>;
  const range = DREAD_FACTOR_RANGES[props.scale];
  const outliers = rated.filter(
    (entry) => Math.abs(scoreDread(entry.rating).value - summary.score.mean) > OUTLIER_DISTANCE,
  );
  const agreed = Object.fromEntries(
    DREAD_FACTORS.map((factor) => [
      factor,
      Math.min(range.max, Math.max(range.min, Math.round(summary.factors[factor].mean))),
    ]),
  ) as Record<DreadFactor, number>;
  const agreedScore = scoreDread({ scale: props.scale, ...agreed } as DreadRating);
  return (
    <div className="mt-2 space-y-2">
      <table className="w-full text-left text-xs" aria-label="Votes">
        <thead>
          <tr className="text-slate-500">
            <th className="py-1 pr-2 font-medium">Who</th>
            {DREAD_FACTORS.map((factor) => (
              <th
                key={factor}
                className={cx(
                  "px-1 py-1 font-medium",
                  summary.divergentFactors.includes(factor) && "text-amber-800",
                )}
                title={DREAD_FACTOR_LABELS[factor]}
              >
                {DREAD_FACTOR_LABELS[factor].slice(0, 3)}
              </th>
            ))}
            <th className="px-1 py-1 font-medium">Score</th>
          </tr>
        </thead>
        <tbody>
          {rated.map(({ vote, rating }) => (
            <tr key={vote.userId} className="border-t border-slate-100">
              <td className="py-1 pr-2">{vote.name}</td>
              {DREAD_FACTORS.map((factor) => (
                <td key={factor} className="px-1 py-1 font-mono">
                  {rating[factor]}
                </td>
              ))}
              <td className="px-1 py-1 font-mono">{formatDreadScore(scoreDread(rating))}</td>
            </tr>
          ))}
          <tr className="border-t border-slate-300 text-slate-600">
            <td className="py-1 pr-2">Spread</td>
            {DREAD_FACTORS.map((factor) => (
              <td key={factor} className="px-1 py-1 font-mono">
                {summary.factors[factor].min}–{summary.factors[factor].max}
              </td>
            ))}
            <td className="px-1 py-1 font-mono">
              {summary.score.min.toFixed(1)}–{summary.score.max.toFixed(1)}
            </td>
          </tr>
        </tbody>
      </table>
      {summary.divergentFactors.length > 0 ? (
        <p className="text-xs text-amber-800">
          The group disagrees on{" "}
          {summary.divergentFactors.map((factor) => DREAD_FACTOR_LABELS[factor]).join(", ")}
          {outliers.length > 0
            ? `: ${outliers.map((entry) => entry.vote.name).join(", ")}, explain your rating.`
            : "."}
        </p>
      ) : outliers.length > 0 ? (
        <p className="text-xs text-amber-800">
          {outliers.map((entry) => entry.vote.name).join(", ")}: your score stands apart, explain it
          before the group agrees.
        </p>
      ) : null}
      {props.canRun ? (
        <Button
          size="sm"
          variant="secondary"
          disabled={props.isBusy}
          onClick={() => props.onRecord({ dread: agreed })}
        >
          Record the group’s mean ({formatDreadScore(agreedScore)})
        </Button>
      ) : null}
    </div>
  );
}

/** One button per bug-bar severity, e.g. to vote or to record the agreed one. */
function SeverityButtons(props: {
  label: string;
  /** Put before each severity's name on its button ("Record Important"). */
  verb?: string;
  isBusy: boolean;
  onPick: (severity: ThreatSeverity) => void;
}) {
  return (
    <div className="mt-2 flex flex-wrap gap-1" role="group" aria-label={props.label}>
      {THREAT_SEVERITIES.map((severity) => (
        <Button
          key={severity}
          variant="secondary"
          size="sm"
          disabled={props.isBusy}
          onClick={() => props.onPick(severity)}
        >
          {props.verb ? `${props.verb} ` : ""}
          {THREAT_SEVERITY_LABELS[severity]}
        </Button>
      ))}
    </div>
  );
}
