"use client";

import { useId } from "react";
import { ELEMENT_KIND_LABELS } from "@/lib/model/element-records";
import {
  INTERACTION_TARGETS,
  RULE_ELEMENT_KINDS,
  type InteractionTarget,
  type RuleElementKind,
} from "@/lib/stride/rule-types";
import { Select, type SelectOption } from "@/components/ui/select";
import {
  ENDPOINT_KINDS,
  listExclusionOptions,
  type DraftErrors,
  type DraftScope,
  type RuleDraft,
} from "./rule-draft";

const KIND_LABELS: Record<RuleElementKind, string> = {
  ...ELEMENT_KIND_LABELS,
  "data-flow": "Data flow",
};

const APPLIES_TO_OPTIONS: readonly SelectOption<InteractionTarget>[] = INTERACTION_TARGETS.map(
  (target) => ({
    value: target,
    label: { flow: "The data flow", source: "The source", target: "The target" }[target],
  }),
);

const SCOPE_OPTIONS: readonly { value: DraftScope; label: string }[] = [
  { value: "interaction", label: "Each interaction (source, data flow, target)" },
  { value: "element", label: "Each element of some kinds" },
];

interface KindCheckboxesProps<K extends RuleElementKind> {
  legend: string;
  hint: string;
  kinds: readonly K[];
  value: readonly K[];
  onValueChange: (kinds: K[]) => void;
  error?: string;
}

/** A group of checkboxes, one per element kind; keeps the order of `kinds`. */
function KindCheckboxes<K extends RuleElementKind>({
  legend,
  hint,
  kinds,
  value,
  onValueChange,
  error,
}: KindCheckboxesProps<K>) {
  const hintId = useId();
  function handleToggle(kind: K, isChecked: boolean) {
    onValueChange(kinds.filter((each) => (each === kind ? isChecked : value.includes(each))));
  }
  return (
    <fieldset aria-describedby={hintId} aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1">
        {kinds.map((kind) => (
          <label key={kind} className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className="size-4"
              checked={value.includes(kind)}
              onChange={(event) => handleToggle(kind, event.target.checked)}
            />
            {KIND_LABELS[kind]}
          </label>
        ))}
      </div>
      <p
        id={hintId}
        className={error ? "mt-1 text-sm text-red-700" : "mt-1 text-sm text-slate-500"}
      >
        {error ?? hint}
      </p>
    </fieldset>
  );
}

export interface RuleConditionFieldsProps {
  draft: RuleDraft;
  /** Receives the changed fields; the caller revises the draft (see reviseDraft). */
  onChange: (changes: Partial<RuleDraft>) => void;
  errors: DraftErrors;
}

/** The rule builder's condition: what the rule runs over, and the exclusions ("unless"). */
export function RuleConditionFields({ draft, onChange, errors }: RuleConditionFieldsProps) {
  const scopeName = useId();
  const exclusionOptions = listExclusionOptions(draft);

  function handleToggleExclusion(key: string, isChecked: boolean) {
    onChange({
      exclusions: exclusionOptions
        .map((option) => option.key)
        .filter((each) => (each === key ? isChecked : draft.exclusions.includes(each))),
    });
  }

  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">The rule runs on</legend>
        <div className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1">
          {SCOPE_OPTIONS.map((option) => (
            <label key={option.value} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="radio"
                name={scopeName}
                className="size-4"
                checked={draft.scope === option.value}
                onChange={() => onChange({ scope: option.value })}
              />
              {option.label}
            </label>
          ))}
        </div>
      </fieldset>

      {draft.scope === "interaction" ? (
        <div className="space-y-4 rounded-md bg-slate-50 p-3">
          <KindCheckboxes
            legend="Source kinds"
            hint="None checked: any kind."
            kinds={ENDPOINT_KINDS}
            value={draft.sourceKinds}
            onValueChange={(sourceKinds) => onChange({ sourceKinds })}
          />
          <KindCheckboxes
            legend="Target kinds"
            hint="None checked: any kind."
            kinds={ENDPOINT_KINDS}
            value={draft.targetKinds}
            onValueChange={(targetKinds) => onChange({ targetKinds })}
          />
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className="size-4"
              checked={draft.isBoundaryCrossingRequired}
              onChange={(event) => onChange({ isBoundaryCrossingRequired: event.target.checked })}
            />
            Only when the flow crosses a trust boundary
          </label>
          <Select
            label="Record the threat against"
            options={APPLIES_TO_OPTIONS}
            value={draft.appliesTo}
            onValueChange={(appliesTo) => onChange({ appliesTo })}
          />
        </div>
      ) : (
        <div className="rounded-md bg-slate-50 p-3">
          <KindCheckboxes
            legend="Element kinds"
            hint="The rule runs on every element of these kinds."
            kinds={RULE_ELEMENT_KINDS}
            value={draft.elementKinds}
            onValueChange={(elementKinds) => onChange({ elementKinds })}
            error={errors.elementKinds}
          />
        </div>
      )}

      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Unless</legend>
        {exclusionOptions.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">The chosen kinds have no yes/no fields.</p>
        ) : (
          <div className="mt-1.5 grid gap-1 sm:grid-cols-2">
            {exclusionOptions.map((option) => (
              <label key={option.key} className="flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  className="size-4"
                  checked={draft.exclusions.includes(option.key)}
                  onChange={(event) => handleToggleExclusion(option.key, event.target.checked)}
                />
                {option.label}
              </label>
            ))}
          </div>
        )}
        <p
          className={
            errors.exclusions ? "mt-1 text-sm text-red-700" : "mt-1 text-sm text-slate-500"
          }
        >
          {errors.exclusions ?? "The rule does not fire when any checked field is yes."}
        </p>
      </fieldset>
    </div>
  );
}
