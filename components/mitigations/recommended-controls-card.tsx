"use client";

import { useId, useState } from "react";
import {
  CONTROL_FUNCTION_LABELS,
  CONTROL_TYPE_LABELS,
  type Mitigation,
} from "@/lib/model/mitigations";
import { STRIDE_PROPERTIES, type RecommendedControl } from "@/lib/risk/controls";
import { STRIDE_CATEGORY_CODES, STRIDE_CATEGORY_LABELS, type Threat } from "@/lib/model/threats";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PlusIcon } from "@/components/ui/icons";
import { Select } from "@/components/ui/select";
import { SkeletonList } from "@/components/ui/skeleton";
import {
  buildRecommendations,
  buildSubjectOptions,
  decodeSubject,
  encodeSubject,
  type Recommendation,
  type RecommendationSubject,
} from "./recommendations";

export interface RecommendedControlsCardProps {
  threats: readonly Threat[];
  mitigations: readonly Mitigation[];
  isReadOnly: boolean;
  isLoading: boolean;
  /** Adds the control as a mitigation, linked to `threat` when given. */
  onAdd: (control: RecommendedControl, threat: Threat | null) => void;
  /** Links an existing mitigation to the threat. */
  onLink: (mitigation: { id: string; title: string }, threat: Threat) => void;
}

/**
 * Controls recommended for a threat (by its STRIDE category) or for a category, those that
 * cover several categories first; each can be added as a mitigation linked to the threat.
 */
export function RecommendedControlsCard({
  threats,
  mitigations,
  isReadOnly,
  isLoading,
  onAdd,
  onLink,
}: RecommendedControlsCardProps) {
  const headingId = useId();
  const [subject, setSubject] = useState<RecommendationSubject | null>(null);
  const recommendations = buildRecommendations(subject, threats, mitigations);
  const isSubjectDeleted = subject?.kind === "threat" && recommendations === null;

  return (
    <Card aria-labelledby={headingId}>
      <CardHeader
        title="Recommended controls"
        headingId={headingId}
        description="Controls that counter a STRIDE category; those covering several categories come first."
      />
      {isLoading ? (
        <div className="p-5">
          <SkeletonList rows={2} label="Loading the recommended controls" />
        </div>
      ) : (
        <div className="space-y-4 p-5">
          <Select
            label="Recommend controls for"
            options={buildSubjectOptions(threats)}
            value={isSubjectDeleted ? "" : encodeSubject(subject)}
            onValueChange={(value) => setSubject(decodeSubject(value))}
          />
          {recommendations === null ? (
            <p className="text-sm text-slate-600">
              {isSubjectDeleted
                ? "The threat you picked has been deleted. Pick another one."
                : "Pick a threat to see the controls that counter its STRIDE category."}
            </p>
          ) : (
            <>
              <p className="text-sm text-slate-700">
                {STRIDE_CATEGORY_LABELS[recommendations.category]} attacks{" "}
                <strong className="font-semibold">
                  {STRIDE_PROPERTIES[recommendations.category].property.toLowerCase()}
                </strong>
                : {STRIDE_PROPERTIES[recommendations.category].meaning}
              </p>
              <ol aria-label="Recommended controls" className="space-y-3">
                {recommendations.items.map((item) => (
                  <RecommendationItem
                    key={item.control.id}
                    item={item}
                    threat={recommendations.threat}
                    isReadOnly={isReadOnly}
                    onAdd={onAdd}
                    onLink={onLink}
                  />
                ))}
              </ol>
            </>
          )}
        </div>
      )}
    </Card>
  );
}

function RecommendationItem({
  item,
  threat,
  isReadOnly,
  onAdd,
  onLink,
}: {
  item: Recommendation;
  threat: Threat | null;
  isReadOnly: boolean;
  onAdd: RecommendedControlsCardProps["onAdd"];
  onLink: RecommendedControlsCardProps["onLink"];
}) {
  const nameId = useId();
  const { control, existing } = item;
  const coveredLabels = control.categories.map((category) => STRIDE_CATEGORY_LABELS[category]);

  return (
    <li aria-labelledby={nameId} className="rounded-lg p-3 ring-1 ring-slate-200">
      <p id={nameId} className="text-sm font-medium text-slate-900">
        {control.name}
      </p>
      <p className="mt-0.5 text-xs text-slate-600">{control.description}</p>
      <div className="mt-2 flex flex-wrap items-center gap-1.5">
        <Badge tone="accent">{CONTROL_TYPE_LABELS[control.type]}</Badge>
        <Badge tone="accent">{CONTROL_FUNCTION_LABELS[control.function]}</Badge>
        <span className="text-xs text-slate-600" title={coveredLabels.join(", ")}>
          <span aria-hidden="true">
            Covers {control.categories.map((category) => STRIDE_CATEGORY_CODES[category]).join(" ")}
          </span>
          <span className="sr-only">Covers {coveredLabels.join(", ")}</span>
        </span>
      </div>
      <div className="mt-2">
        <RecommendationAction
          control={control}
          existing={existing}
          threat={threat}
          isReadOnly={isReadOnly}
          onAdd={onAdd}
          onLink={onLink}
        />
      </div>
    </li>
  );
}

/** What can be done with a recommendation: add it, link the mitigation that has it, or nothing. */
function RecommendationAction({
  control,
  existing,
  threat,
  isReadOnly,
  onAdd,
  onLink,
}: Recommendation & {
  threat: Threat | null;
  isReadOnly: boolean;
  onAdd: RecommendedControlsCardProps["onAdd"];
  onLink: RecommendedControlsCardProps["onLink"];
}) {
  if (existing?.isLinked) return <Badge tone="success">Linked to this threat</Badge>;
  if (existing && (threat === null || isReadOnly)) {
    return <Badge tone="neutral">Already a mitigation</Badge>;
  }
  if (isReadOnly) return null;
  if (existing && threat) {
    return (
      <Button variant="secondary" size="sm" onClick={() => onLink(existing, threat)}>
        Link the existing mitigation
      </Button>
    );
  }
  return (
    <Button
      variant="secondary"
      size="sm"
      icon={<PlusIcon />}
      onClick={() => onAdd(control, threat)}
    >
      {threat ? "Add and link to the threat" : "Add as a mitigation"}
    </Button>
  );
}
