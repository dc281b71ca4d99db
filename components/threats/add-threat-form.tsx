"use client";

import { useRef, useState, type FormEvent } from "react";
import { LIMITS } from "@/lib/limits";
import type { StrideCategory } from "@/lib/model/threats";
import { Button } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { Select } from "@/components/ui/select";
import { TextField } from "@/components/ui/text-field";
import { CATEGORY_OPTIONS } from "./threat-options";

export interface AddThreatFormProps {
  /** Records the threat; a thrown Error's message is shown under the form. */
  onAdd: (input: { title: string; category: StrideCategory }) => void;
}

/** Title and STRIDE category of a new threat; keeps the category for the next one. */
export function AddThreatForm({ onAdd }: AddThreatFormProps) {
  const titleRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState("");
  const [category, setCategory] = useState<StrideCategory>("spoofing");
  const [error, setError] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = title.trim();
    if (trimmed.length === 0) {
      setError("Describe the threat in a few words.");
      titleRef.current?.focus();
      return;
    }
    try {
      onAdd({ title: trimmed, category });
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
      <Button type="submit" icon={<PlusIcon />} className="sm:mt-7">
        Add threat
      </Button>
    </form>
  );
}
