"use client";

import { useId } from "react";
import { ELEMENT_KIND_LABELS } from "@/lib/model/element-records";
import { LIMITS } from "@/lib/limits";
import { Button } from "@/components/ui/button";
import { PlusIcon, TrashIcon } from "@/components/ui/icons";
import { Select, type SelectOption } from "@/components/ui/select";
import { TextField } from "@/components/ui/text-field";
import {
  createConditionGroup,
  createGroupCondition,
  getConditionChoice,
  getFirstChoice,
  type ConditionGroup,
  type CrossingShape,
  type GroupCondition,
  type GroupConditionChoice,
  type GroupContext,
  type GroupMode,
  type Subgroup,
} from "./condition-groups";
import { ENDPOINT_KINDS, type FieldOption } from "./field-options";
import {
  isTextNeeded,
  OPERATOR_LABELS,
  OPERATORS_OF_TYPE,
  type FieldOperator,
  type FieldTestErrors,
} from "./field-tests";

const MODE_OPTIONS: readonly SelectOption<GroupMode>[] = [
  { value: "any", label: "Any of these holds" },
  { value: "all", label: "All of these hold" },
];

const SHAPE_OPTIONS: readonly SelectOption<CrossingShape>[] = [
  { value: "any", label: "any trust boundary" },
  { value: "box", label: "a box boundary" },
  { value: "line", label: "a line boundary" },
];

const MODE_LEGENDS: Readonly<Record<GroupMode, string>> = { any: "Any of", all: "All of" };

/** Messages of groups: field tests by test id, groups and other conditions by id. */
interface GroupListErrors {
  tests?: Readonly<Record<string, FieldTestErrors>>;
  items?: Readonly<Record<string, string>>;
}

export interface ConditionGroupListProps {
  /** What one group is called, capitalised: "Group" gives "Remove group 2". */
  groupName: string;
  /** The add button's text, e.g. "Add group". */
  addLabel: string;
  groups: readonly ConditionGroup[];
  /** The fields a condition may test, and whether kinds and crossings may be tested. */
  context: GroupContext;
  /** The first id no test, group or condition of the draft uses (see createFieldTestId). */
  firstFreeId: number;
  errors: GroupListErrors;
  /** Receives the edited groups; the caller revises the draft (see reviseDraft). */
  onGroupsChange: (groups: ConditionGroup[]) => void;
}

/**
 * "Any of" and "all of" groups of conditions, each a fieldset whose legend says how its
 * conditions combine, with groups one level down inside a group.
 */
export function ConditionGroupList({
  groupName,
  addLabel,
  groups,
  context,
  firstFreeId,
  errors,
  onGroupsChange,
}: ConditionGroupListProps) {
  const firstChoice = getFirstChoice(context);

  function handleAddGroup() {
    const group = createConditionGroup(firstFreeId, context);
    if (group !== null) onGroupsChange([...groups, group]);
  }

  function handleGroupChange(id: string, changed: ConditionGroup | null) {
    onGroupsChange(
      groups.flatMap((group) => (group.id !== id ? [group] : changed === null ? [] : [changed])),
    );
  }

  return (
    <div className="space-y-2">
      {groups.map((group, index) => (
        <GroupFieldset
          key={group.id}
          id={group.id}
          name={`${groupName} ${index + 1}`}
          mode={group.mode}
          items={group.items}
          context={context}
          firstFreeId={firstFreeId}
          errors={errors}
          onModeChange={(mode) => handleGroupChange(group.id, { ...group, mode })}
          onItemsChange={(items) => handleGroupChange(group.id, { ...group, items })}
          onRemove={() => handleGroupChange(group.id, null)}
          onAddGroup={() => {
            const inner = createConditionGroup(firstFreeId, context);
            if (inner === null) return;
            const subgroup: Subgroup = {
              type: "group",
              id: inner.id,
              mode: inner.mode,
              conditions: inner.items.filter(isCondition),
            };
            handleGroupChange(group.id, { ...group, items: [...group.items, subgroup] });
          }}
        />
      ))}
      {firstChoice !== null ? (
        <Button variant="secondary" size="sm" icon={<PlusIcon />} onClick={handleAddGroup}>
          {addLabel}
        </Button>
      ) : null}
    </div>
  );
}

type GroupItem = GroupCondition | Subgroup;

function isCondition(item: GroupItem): item is GroupCondition {
  return item.type !== "group";
}

interface GroupFieldsetProps {
  /** The group's id, under which its own message is stored. */
  id: string;
  /** e.g. "Group 2" or "Group 2.1". */
  name: string;
  mode: GroupMode;
  items: readonly GroupItem[];
  context: GroupContext;
  firstFreeId: number;
  errors: GroupListErrors;
  onModeChange: (mode: GroupMode) => void;
  onItemsChange: (items: GroupItem[]) => void;
  onRemove: () => void;
  /** Adds a group inside this one; absent for a group that is already inside another. */
  onAddGroup?: () => void;
}

function GroupFieldset({
  id,
  name,
  mode,
  items,
  context,
  firstFreeId,
  errors,
  onModeChange,
  onItemsChange,
  onRemove,
  onAddGroup,
}: GroupFieldsetProps) {
  const errorId = useId();
  const lowerName = name.toLowerCase();
  const groupError = errors.items?.[id];

  function handleItemChange(index: number, changed: GroupItem | null) {
    onItemsChange(
      items.flatMap((item, each) => (each !== index ? [item] : changed === null ? [] : [changed])),
    );
  }

  function handleAddCondition() {
    const choice = getFirstChoice(context);
    const condition =
      choice === null ? null : createGroupCondition(String(firstFreeId), choice, context);
    if (condition !== null) onItemsChange([...items, condition]);
  }

  return (
    <fieldset
      className="space-y-2 rounded-md border border-slate-200 p-2"
      aria-describedby={groupError ? errorId : undefined}
      aria-invalid={groupError ? true : undefined}
    >
      <legend className="px-1 text-sm font-medium text-slate-700">
        {MODE_LEGENDS[mode]} <span className="font-normal text-slate-500">({lowerName})</span>
      </legend>
      <Select
        label={`${name} holds when`}
        isLabelHidden
        className="w-56"
        options={MODE_OPTIONS}
        value={mode}
        onValueChange={onModeChange}
      />
      <ol className="space-y-2">
        {items.map((item, index) => (
          <li key={item.id}>
            {item.type === "group" ? (
              <GroupFieldset
                id={item.id}
                name={`${name}.${index + 1}`}
                mode={item.mode}
                items={item.conditions}
                context={context}
                firstFreeId={firstFreeId}
                errors={errors}
                onModeChange={(changed) => handleItemChange(index, { ...item, mode: changed })}
                onItemsChange={(changed) =>
                  handleItemChange(index, { ...item, conditions: changed.filter(isCondition) })
                }
                onRemove={() => handleItemChange(index, null)}
              />
            ) : (
              <ConditionRow
                name={`condition ${index + 1} of ${lowerName}`}
                condition={item}
                context={context}
                errors={errors}
                onChange={(changed) => handleItemChange(index, changed)}
                onRemove={() => handleItemChange(index, null)}
              />
            )}
          </li>
        ))}
      </ol>
      {groupError ? (
        <p id={errorId} className="text-sm text-red-700">
          {groupError}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" icon={<PlusIcon />} onClick={handleAddCondition}>
          Add condition to {lowerName}
        </Button>
        {onAddGroup ? (
          <Button variant="secondary" size="sm" icon={<PlusIcon />} onClick={onAddGroup}>
            Add group to {lowerName}
          </Button>
        ) : null}
        <Button variant="ghost" size="sm" icon={<TrashIcon />} onClick={onRemove}>
          Remove {lowerName}
        </Button>
      </div>
    </fieldset>
  );
}

interface ConditionRowProps {
  /** e.g. "condition 2 of group 1". */
  name: string;
  condition: GroupCondition;
  context: GroupContext;
  errors: GroupListErrors;
  onChange: (condition: GroupCondition) => void;
  onRemove: () => void;
}

/** One condition of a group: what it tests, then how (field test, kinds or boundary shape). */
function ConditionRow({ name, condition, context, errors, onChange, onRemove }: ConditionRowProps) {
  const choices: SelectOption<GroupConditionChoice>[] = [...context.fields.values()].map(
    (option: FieldOption) => ({ value: `field:${option.key}`, label: option.label }),
  );
  if (context.isInteraction) {
    choices.push(
      { value: "kind:source", label: "the source’s kind" },
      { value: "kind:target", label: "the target’s kind" },
      { value: "crossing", label: "the data flow crosses a trust boundary" },
    );
  }
  const choice = getConditionChoice(condition);
  if (!choices.some((each) => each.value === choice)) {
    choices.unshift({ value: choice, label: choice.replace(/^field:/, "") });
  }
  const message = errors.items?.[condition.id];

  function handleChoiceChange(value: GroupConditionChoice) {
    const changed = createGroupCondition(condition.id, value, context);
    if (changed !== null) onChange(changed);
  }

  return (
    <fieldset className="flex flex-wrap items-start gap-2">
      <legend className="sr-only">{name}</legend>
      <Select
        label="Condition"
        isLabelHidden
        className="min-w-44 flex-1"
        options={choices}
        value={choice}
        error={condition.type === "field" ? errors.tests?.[condition.id]?.key : undefined}
        onValueChange={handleChoiceChange}
      />
      {condition.type === "field" ? (
        <FieldTestControls
          condition={condition}
          context={context}
          errors={errors}
          onChange={onChange}
        />
      ) : condition.type === "crossing" ? (
        <Select
          label="Boundary"
          isLabelHidden
          className="w-40"
          options={SHAPE_OPTIONS}
          value={condition.shape}
          onValueChange={(shape) => onChange({ ...condition, shape })}
        />
      ) : (
        <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 pt-2">
          <legend className="sr-only">Is one of</legend>
          {ENDPOINT_KINDS.map((kind) => (
            <label key={kind} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                className="size-4"
                checked={condition.kinds.includes(kind)}
                onChange={(event) =>
                  onChange({
                    ...condition,
                    kinds: ENDPOINT_KINDS.filter((each) =>
                      each === kind ? event.target.checked : condition.kinds.includes(each),
                    ),
                  })
                }
              />
              {ELEMENT_KIND_LABELS[kind]}
            </label>
          ))}
          {message ? <p className="w-full text-sm text-red-700">{message}</p> : null}
        </fieldset>
      )}
      <Button
        variant="ghost"
        size="icon"
        aria-label={`Remove ${name}`}
        icon={<TrashIcon />}
        onClick={onRemove}
      />
    </fieldset>
  );
}

interface FieldTestControlsProps {
  condition: Extract<GroupCondition, { type: "field" }>;
  context: GroupContext;
  errors: GroupListErrors;
  onChange: (condition: GroupCondition) => void;
}

/** The test and, when the test needs one, the text of a field condition. */
function FieldTestControls({ condition, context, errors, onChange }: FieldTestControlsProps) {
  const option = context.fields.get(condition.key);
  const operators: readonly SelectOption<FieldOperator>[] = (
    option === undefined ? [condition.operator] : OPERATORS_OF_TYPE[option.type]
  ).map((operator) => ({ value: operator, label: OPERATOR_LABELS[operator] }));
  return (
    <>
      <Select
        label="Test"
        isLabelHidden
        className="w-40"
        options={operators}
        value={condition.operator}
        onValueChange={(operator) => onChange({ ...condition, operator })}
      />
      {isTextNeeded(condition.operator) ? (
        <TextField
          label="Text"
          isLabelHidden
          className="w-40"
          value={condition.text}
          maxLength={LIMITS.shortTextLength}
          error={errors.tests?.[condition.id]?.text}
          onChange={(event) => onChange({ ...condition, text: event.target.value })}
        />
      ) : null}
    </>
  );
}
