"use client";

import { useRef, useState, type FormEvent } from "react";
import { LIMITS } from "@/lib/limits";
import type { StrideCategory } from "@/lib/model/threats";
import {
  listTargetOptions,
  targetIdOfOption,
  targetOptionValue,
} from "@/lib/model/threat-target-options";
import type { ThreatTargetIndex } from "@/lib/model/threat-targets";
import { Button } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { Select } from "@/components/ui/select";
import { TextField } from "@/components/ui/text-field";
import { CATEGORY_OPTIONS } from "./threat-options";

export interface AddThreatFormProps {
  /** Records the threat; a thrown Error's message is shown under the form. */
  onAdd: (input: { title: string; category: StrideCategory; targetId: string | null }) => void;
  /** What a threat can apply to. */
  targets: ThreatTargetIndex;
  /** The element or flow picked first: the one the list is showing, else the model. */
  defaultTargetId: string | null;
}

/**
 * Title, STRIDE category and target of a new threat: the element or data flow it applies to,
 * or the model as a whole. Keeps the category and target for the next one; the target
 * follows the list's element filter until the person picks another.
 */
export function AddThreatForm({ onAdd, targets, defaultTargetId }: AddThreatFormProps) {
  const titleRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState("");
  const [category, setCategory] = useState<StrideCategory>("spoofing");
  const [picked, setPicked] = useState<{ forDefault: string | null; targetId: string | null }>({
    forDefault: defaultTargetId,
    targetId: defaultTargetId,
  });
  const [error, setError] = useState<string | null>(null);
  // A pick made for another filter gives way to the new filter's element.
  const targetId = picked.forDefault === defaultTargetId ? picked.targetId : defaultTargetId;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = title.trim();
    if (trimmed.length === 0) {
      setError("Describe the threat in a few words.");
      titleRef.current?.focus();
      return;
    }
    try {
      onAdd({ title: trimmed, category, targetId });
      setTitle("");
      setError(null);
      titleRef.current?.focus();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "The threat could not be added.");
    }
  }

  return (
    <form
      noValidate
      onSubmit={handleSubmit}
      aria-label="Add a threat"
      className="flex flex-col gap-3 border-b border-slate-200 px-5 py-4 sm:flex-row sm:items-start"
    >
      <TextField
        ref={titleRef}
        label="Threat title"
        name="title"
        className="flex-1"
        placeholder="e.g. Attacker replays a captured session token"
        maxLength={LIMITS.threatTitleLength}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={error}
      />
      <Select
        label="STRIDE category"
        className="sm:w-56"
        options={CATEGORY_OPTIONS}
        value={category}
        onValueChange={setCategory}
      />
      <Select
        label="Applies to"
        className="sm:w-64"
        options={listTargetOptions(targets, targetId)}
        value={targetOptionValue(targets, targetId)}
        onValueChange={(value) => {
          const next = targetIdOfOption(value);
          if (next !== undefined) setPicked({ forDefault: defaultTargetId, targetId: next });
        }}
      />
      <Button type="submit" icon={<PlusIcon />} className="sm:mt-7">
        Add threat
      </Button>
    </form>
  );
}
