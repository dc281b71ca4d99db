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
  listFieldOptions,
  listTextFieldOptions,
  type DraftScope,
} from "./field-options";
import { ConditionGroupList } from "./condition-group-list";
import { FieldTestList } from "./field-test-list";
import {
  createFieldTest,
  createFieldTestId,
  getGroupContext,
  isExclusionChecked,
  listTextExclusions,
  replaceTextExclusions,
  toggleExclusion,
  type BoundaryCrossing,
  type DraftErrors,
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

const CROSSING_OPTIONS: readonly SelectOption<BoundaryCrossing>[] = [
  { value: "not-required", label: "Not required" },
  { value: "any", label: "Crosses any trust boundary" },
  { value: "box", label: "Crosses a box boundary (a network, a sandbox)" },
  { value: "line", label: "Crosses a line boundary (the internet edge)" },
];

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

/**
 * The rule builder's condition: what the rule runs over, the field tests and groups that must
 * all hold ("only when"), and the exclusions and exception groups ("unless").
 */
export function RuleConditionFields({ draft, onChange, errors }: RuleConditionFieldsProps) {
  const scopeName = useId();
  const exclusionHintId = useId();
  const exclusionOptions = listExclusionOptions(draft);
  const textExclusions = listTextExclusions(draft);
  const groupContext = getGroupContext(draft);
  const firstFreeId = Number(createFieldTestId(draft));

  function handleAddTest(list: "requirements" | "exclusions") {
    const test = createFieldTest(draft, list);
    if (test !== null) onChange({ [list]: [...draft[list], test] });
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
          <div className="flex flex-wrap gap-4">
            <Select
              label="Trust boundary crossing"
              options={CROSSING_OPTIONS}
              value={draft.boundaryCrossing}
              onValueChange={(boundaryCrossing) => onChange({ boundaryCrossing })}
            />
            <Select
              label="Record the threat against"
              options={APPLIES_TO_OPTIONS}
              value={draft.appliesTo}
              onValueChange={(appliesTo) => onChange({ appliesTo })}
            />
          </div>
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

      <FieldTestList
        legend="Only when"
        hint="The rule fires only when every condition holds. No condition: always."
        itemName="Condition"
        addLabel="Add condition"
        tests={draft.requirements}
        options={listFieldOptions(draft)}
        errors={errors.tests}
        onTestsChange={(requirements) => onChange({ requirements })}
        onAdd={() => handleAddTest("requirements")}
      />
      <ConditionGroupList
        groupName="Group"
        addLabel="Add “any of” group"
        groups={draft.requirementGroups}
        context={groupContext}
        firstFreeId={firstFreeId}
        errors={errors}
        onGroupsChange={(requirementGroups) => onChange({ requirementGroups })}
      />

      <fieldset aria-describedby={exclusionHintId} className="space-y-3">
        <legend className="text-sm font-medium text-slate-700">Unless</legend>
        {exclusionOptions.length === 0 ? (
          <p className="text-sm text-slate-500">The chosen kinds have no yes/no fields.</p>
        ) : (
          <div className="grid gap-1 sm:grid-cols-2">
            {exclusionOptions.map((option) => (
              <label key={option.key} className="flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  className="size-4"
                  checked={draft.exclusions.some((test) => isExclusionChecked(test, option.key))}
                  onChange={(event) =>
                    onChange({
                      exclusions: toggleExclusion(draft, option.key, event.target.checked),
                    })
                  }
                />
                {option.label}
              </label>
            ))}
          </div>
        )}
        <p
          id={exclusionHintId}
          className={errors.exclusions ? "text-sm text-red-700" : "text-sm text-slate-500"}
        >
          {errors.exclusions ?? "The rule does not fire when any checked field is yes."}
        </p>
        <FieldTestList
          legend="Or when a text field matches"
          hint="The rule does not fire when any of these holds either."
          itemName="Exception"
          addLabel="Add text exception"
          tests={textExclusions}
          options={listTextFieldOptions(draft)}
          errors={errors.tests}
          onTestsChange={(tests) => onChange({ exclusions: replaceTextExclusions(draft, tests) })}
          onAdd={() => handleAddTest("exclusions")}
        />
        <ConditionGroupList
          groupName="Exception group"
          addLabel="Add exception group"
          groups={draft.exclusionGroups}
          context={groupContext}
          firstFreeId={firstFreeId}
          errors={errors}
          onGroupsChange={(exclusionGroups) => onChange({ exclusionGroups })}
        />
      </fieldset>
    </div>
  );
}
