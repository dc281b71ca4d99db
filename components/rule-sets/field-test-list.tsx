"use client";

import { useEffect, useId, useRef } from "react";
import { LIMITS } from "@/lib/limits";
import { Button } from "@/components/ui/button";
import { PlusIcon, TrashIcon } from "@/components/ui/icons";
import { Select, type SelectOption } from "@/components/ui/select";
import { TextField } from "@/components/ui/text-field";
import type { FieldOption } from "./field-options";
import {
  isTextNeeded,
  OPERATOR_LABELS,
  OPERATORS_OF_TYPE,
  type FieldOperator,
  type FieldTest,
  type FieldTestErrors,
} from "./field-tests";

export interface FieldTestListProps {
  /** The group's name, e.g. "Only when". */
  legend: string;
  /** Says how the tests combine; shown under the list. */
  hint: string;
  /** What one test is called, capitalised: "Condition" gives "Condition 2", "Remove condition 2". */
  itemName: string;
  /** The add button's text, e.g. "Add condition". */
  addLabel: string;
  tests: readonly FieldTest[];
  /** The fields a test may pick. */
  options: readonly FieldOption[];
  /** Messages per test id. */
  errors?: Readonly<Record<string, FieldTestErrors>>;
  /** Receives the edited list; the caller revises the draft (see reviseDraft). */
  onTestsChange: (tests: FieldTest[]) => void;
  /** Appends a new test (see createFieldTest). */
  onAdd: () => void;
}

/**
 * A list of field tests ("the data flow's protocol contains HTTP"), one group per test with its
 * field, operator and, when the operator needs one, text. Adding a test moves the focus to its
 * field; removing one moves it to the add button.
 */
export function FieldTestList({
  legend,
  hint,
  itemName,
  addLabel,
  tests,
  options,
  errors,
  onTestsChange,
  onAdd,
}: FieldTestListProps) {
  const hintId = useId();
  const lastFieldRef = useRef<HTMLSelectElement>(null);
  const addButtonRef = useRef<HTMLButtonElement>(null);
  const focusAfterChange = useRef<"last-field" | "add-button" | null>(null);
  const byKey = new Map(options.map((option) => [option.key, option]));
  const fieldOptions: readonly SelectOption[] = options.map((option) => ({
    value: option.key,
    label: option.label,
  }));

  useEffect(() => {
    const target = focusAfterChange.current;
    focusAfterChange.current = null;
    if (target === "last-field") lastFieldRef.current?.focus();
    if (target === "add-button") addButtonRef.current?.focus();
  }, [tests.length]);

  function handleEdit(id: string, changes: Partial<FieldTest>) {
    onTestsChange(tests.map((test) => (test.id === id ? { ...test, ...changes } : test)));
  }

  function handleRemove(id: string) {
    focusAfterChange.current = "add-button";
    onTestsChange(tests.filter((test) => test.id !== id));
  }

  function handleAdd() {
    focusAfterChange.current = "last-field";
    onAdd();
  }

  return (
    <fieldset aria-describedby={hintId}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {tests.length > 0 ? (
        <ol className="mt-1.5 space-y-2">
          {tests.map((test, index) => {
            const option = byKey.get(test.key);
            const testErrors = errors?.[test.id];
            const name = `${itemName} ${index + 1}`;
            const operatorOptions: readonly SelectOption<FieldOperator>[] = (
              option === undefined ? [test.operator] : OPERATORS_OF_TYPE[option.type]
            ).map((operator) => ({ value: operator, label: OPERATOR_LABELS[operator] }));
            return (
              <li key={test.id}>
                <fieldset className="flex flex-wrap items-start gap-2">
                  <legend className="sr-only">{name}</legend>
                  <Select
                    ref={index === tests.length - 1 ? lastFieldRef : undefined}
                    label="Field"
                    isLabelHidden
                    className="min-w-44 flex-1"
                    options={
                      option === undefined
                        ? [{ value: test.key, label: test.key }, ...fieldOptions]
                        : fieldOptions
                    }
                    value={test.key}
                    error={testErrors?.key}
                    onValueChange={(key) => handleEdit(test.id, { key })}
                  />
                  <Select
                    label="Test"
                    isLabelHidden
                    className="w-40"
                    options={operatorOptions}
                    value={test.operator}
                    onValueChange={(operator) => handleEdit(test.id, { operator })}
                  />
                  {isTextNeeded(test.operator) ? (
                    <TextField
                      label="Text"
                      isLabelHidden
                      className="w-40"
                      value={test.text}
                      maxLength={LIMITS.shortTextLength}
                      error={testErrors?.text}
                      onChange={(event) => handleEdit(test.id, { text: event.target.value })}
                    />
                  ) : null}
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={`Remove ${name.toLowerCase()}`}
                    icon={<TrashIcon />}
                    onClick={() => handleRemove(test.id)}
                  />
                </fieldset>
              </li>
            );
          })}
        </ol>
      ) : null}
      <p id={hintId} className="mt-1 text-sm text-slate-500">
        {options.length === 0 ? "The chosen kinds have no fields to test." : hint}
      </p>
      {options.length > 0 ? (
        <Button
          ref={addButtonRef}
          variant="secondary"
          size="sm"
          className="mt-1.5"
          icon={<PlusIcon />}
          onClick={handleAdd}
        >
          {addLabel}
        </Button>
      ) : null}
    </fieldset>
  );
}
