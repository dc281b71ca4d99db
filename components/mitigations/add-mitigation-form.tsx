"use client";

import { useRef, useState, type FormEvent } from "react";
import { LIMITS } from "@/lib/limits";
import type { ControlFunction, ControlType } from "@/lib/model/mitigations";
import { Button } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { Select } from "@/components/ui/select";
import { TextField } from "@/components/ui/text-field";
import type { ControlCell } from "./control-matrix";
import { CONTROL_FUNCTION_OPTIONS, CONTROL_TYPE_OPTIONS } from "./mitigation-options";

export interface AddMitigationFormProps {
  /** Records the mitigation; a thrown Error's message is shown under the form. */
  onAdd: (input: {
    title: string;
    controlType: ControlType;
    controlFunction: ControlFunction;
  }) => void;
  /** The matrix cell the list is filtered to: type and function follow it when it changes. */
  selectedCell: ControlCell | null;
}

/** Title, control type and function of a new mitigation; keeps type and function for the next. */
export function AddMitigationForm({ onAdd, selectedCell }: AddMitigationFormProps) {
  const titleRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState("");
  const [controlType, setControlType] = useState<ControlType>("technical");
  const [controlFunction, setControlFunction] = useState<ControlFunction>("preventive");
  const [error, setError] = useState<string | null>(null);
  const [followedCell, setFollowedCell] = useState(selectedCell);

  // Adjusting state to a changed prop during render (not in an effect) avoids a second paint.
  if (followedCell !== selectedCell) {
    setFollowedCell(selectedCell);
    if (selectedCell) {
      setControlType(selectedCell.controlType);
      setControlFunction(selectedCell.controlFunction);
    }
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = title.trim();
    if (trimmed.length === 0) {
      setError("Name the control in a few words.");
      titleRef.current?.focus();
      return;
    }
    try {
      onAdd({ title: trimmed, controlType, controlFunction });
      setTitle("");
      setError(null);
      titleRef.current?.focus();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "The mitigation could not be added.");
    }
  }

  return (
    <form
      noValidate
      onSubmit={handleSubmit}
      aria-label="Add a mitigation"
      className="grid gap-3 border-b border-slate-200 px-5 py-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start"
    >
      <TextField
        ref={titleRef}
        label="Mitigation title"
        name="title"
        className="sm:col-span-3"
        placeholder="e.g. Sign session tokens and check the signature"
        maxLength={LIMITS.mitigationTitleLength}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={error}
      />
      <Select
        label="Control type"
        options={CONTROL_TYPE_OPTIONS}
        value={controlType}
        onValueChange={setControlType}
      />
      <Select
        label="Control function"
        options={CONTROL_FUNCTION_OPTIONS}
        value={controlFunction}
        onValueChange={setControlFunction}
      />
      <Button type="submit" icon={<PlusIcon />} className="sm:mt-7">
        Add mitigation
      </Button>
    </form>
  );
}
