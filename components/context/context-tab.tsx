"use client";

import { useId, useState, type FormEvent } from "react";
import type * as Y from "yjs";
import {
  addContextItem,
  CONTEXT_LIST_LABELS,
  CONTEXT_LISTS,
  getContext,
  linkContextItem,
  moveContextItem,
  removeContextItem,
  setAssumptionVerified,
  updateContextItem,
  type ContextItem,
  type ContextListName,
} from "@/lib/model/context";
import { listElements } from "@/lib/model/elements";
import { listFlows } from "@/lib/model/flows";
import { setDescription } from "@/lib/model/meta";
import { getMetaMap } from "@/lib/model/roots";
import { getErrorMessage } from "@/components/api/api-client";
import { useDocumentValue } from "@/components/notes/notes-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { InlineEdit } from "@/components/ui/inline-edit";
import { ModelRuleSets } from "@/components/models/model-rule-sets";

/** What each list is for, as a hint under its title. */
const LIST_HINTS: Record<ContextListName, string> = {
  scenarios: "How the system is used: who does what, in a sentence each.",
  assets: "What an attacker wants or what must be protected; link each to the stores that hold it.",
  entryPoints: "Where input comes in; link each to its data flow.",
  dependencies: "What the system relies on but does not control.",
  assumptions: "What the model takes for granted; check each one.",
};

function readDescription(doc: Y.Doc): string {
  const value = getMetaMap(doc).get("description");
  return typeof value === "string" ? value : "";
}

/** Elements and flows that items can be linked to, with readable names. */
function readTargets(doc: Y.Doc): { id: string; label: string }[] {
  return [
    ...listElements(doc)
      .filter((element) => element.kind !== "trust-boundary")
      .map((element) => ({ id: element.id, label: element.name || "Unnamed element" })),
    ...listFlows(doc).map((flow) => ({ id: flow.id, label: `${flow.name || "Unnamed"} (flow)` })),
  ].sort((a, b) => a.label.localeCompare(b.label));
}

export interface ContextTabProps {
  doc: Y.Doc;
  /** Viewers, commenters, a closed connection or an old version: read only. */
  isReadOnly: boolean;
}

/**
 * The model's background from the Design phase, on a screen of its own: the description and
 * scope, then the scenarios, assets, entry points, external dependencies and assumptions, each
 * edited live by everyone in the room. Items are reordered, linked to the elements and flows
 * they concern, and assumptions are checked as holding or not.
 */
export function ContextTab({ doc, isReadOnly }: ContextTabProps) {
  const context = useDocumentValue(doc, getContext, (value) => JSON.stringify(value));
  const description = useDocumentValue(doc, readDescription, (value) => value);
  const targets = useDocumentValue(doc, readTargets, (value) => JSON.stringify(value));
  const [error, setError] = useState<string | null>(null);

  function run(change: () => void) {
    try {
      change();
      setError(null);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : getErrorMessage(caught));
    }
  }

  return (
    <div className="space-y-4">
      {error ? (
        <Alert tone="danger" title="That change was not made">
          {error}
        </Alert>
      ) : null}
      <Card as="section" aria-label="Description and scope" className="p-4">
        <h2 className="text-base font-semibold text-slate-900">Description and scope</h2>
        <DescriptionField
          value={description}
          isReadOnly={isReadOnly}
          onSave={(text) => run(() => setDescription(doc, text))}
        />
      </Card>
      <ModelRuleSets doc={doc} isReadOnly={isReadOnly} />
      <div className="grid gap-4 lg:grid-cols-2">
        {CONTEXT_LISTS.map((name) => (
          <ContextList
            key={name}
            name={name}
            items={context[name]}
            targets={targets}
            isReadOnly={isReadOnly}
            run={run}
            doc={doc}
          />
        ))}
      </div>
    </div>
  );
}

function DescriptionField({
  value,
  isReadOnly,
  onSave,
}: {
  value: string;
  isReadOnly: boolean;
  onSave: (text: string) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const id = useId();
  if (isReadOnly) {
    return (
      <p className="mt-1 text-sm whitespace-pre-line text-slate-700">
        {value || "No description yet."}
      </p>
    );
  }
  return (
    <div className="mt-1">
      <label htmlFor={id} className="sr-only">
        The model's description and scope
      </label>
      <textarea
        id={id}
        rows={3}
        maxLength={20_000}
        value={draft ?? value}
        placeholder="What the system does, what is in scope and what is not."
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => {
          if (draft !== null && draft !== value) onSave(draft);
          setDraft(null);
        }}
        className="w-full rounded border border-slate-300 px-2 py-1 text-sm"
      />
    </div>
  );
}

function ContextList({
  doc,
  name,
  items,
  targets,
  isReadOnly,
  run,
}: {
  doc: Y.Doc;
  name: ContextListName;
  items: ContextItem[];
  targets: { id: string; label: string }[];
  isReadOnly: boolean;
  run: (change: () => void) => void;
}) {
  const [text, setText] = useState("");
  const inputId = useId();
  const labelOf = new Map(targets.map((target) => [target.id, target.label]));

  function add(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === "") return;
    run(() => addContextItem(doc, name, text.trim()));
    setText("");
  }

  return (
    <Card as="section" aria-label={CONTEXT_LIST_LABELS[name]} className="p-4">
      <h2 className="text-base font-semibold text-slate-900">
        {CONTEXT_LIST_LABELS[name]} <span className="text-slate-500">({items.length})</span>
      </h2>
      <p className="text-xs text-slate-500">{LIST_HINTS[name]}</p>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">None yet.</p>
      ) : (
        <ol className="mt-2 space-y-2">
          {items.map((item, index) => (
            <li key={item.id} className="rounded border border-slate-200 p-2 text-sm">
              <div className="flex items-start gap-2">
                <div className="min-w-0 flex-1">
                  {isReadOnly ? (
                    <span>{item.text}</span>
                  ) : (
                    <InlineEdit
                      value={item.text}
                      inputLabel={`Edit “${item.text}”`}
                      editLabel={`Edit “${item.text}”`}
                      maxLength={2_000}
                      onSave={(next) => run(() => updateContextItem(doc, name, item.id, next))}
                    />
                  )}
                </div>
                {!isReadOnly ? (
                  <div className="flex shrink-0 gap-1">
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Move “${item.text}” up`}
                      disabled={index === 0}
                      onClick={() => run(() => moveContextItem(doc, name, item.id, index - 1))}
                    >
                      ↑
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Move “${item.text}” down`}
                      disabled={index === items.length - 1}
                      onClick={() => run(() => moveContextItem(doc, name, item.id, index + 1))}
                    >
                      ↓
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Remove “${item.text}”`}
                      onClick={() => run(() => removeContextItem(doc, name, item.id))}
                    >
                      ✕
                    </Button>
                  </div>
                ) : null}
              </div>
              <div className="mt-1 flex flex-wrap items-center gap-1 text-xs">
                {item.targetIds.map((targetId) => (
                  <span
                    key={targetId}
                    className="inline-flex items-center gap-1 rounded bg-indigo-50 px-1.5 py-0.5 text-indigo-900"
                  >
                    {labelOf.get(targetId) ?? "deleted element"}
                    {!isReadOnly ? (
                      <button
                        type="button"
                        aria-label={`Unlink ${labelOf.get(targetId) ?? "deleted element"} from “${item.text}”`}
                        className="text-indigo-700 hover:text-indigo-950"
                        onClick={() =>
                          run(() => linkContextItem(doc, name, item.id, targetId, false))
                        }
                      >
                        ×
                      </button>
                    ) : null}
                  </span>
                ))}
                {!isReadOnly && targets.length > 0 ? (
                  <select
                    aria-label={`Link “${item.text}” to an element or flow`}
                    value=""
                    onChange={(event) => {
                      const targetId = event.target.value;
                      if (targetId) run(() => linkContextItem(doc, name, item.id, targetId, true));
                    }}
                    className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
                  >
                    <option value="">Link to…</option>
                    {targets
                      .filter((target) => !item.targetIds.includes(target.id))
                      .map((target) => (
                        <option key={target.id} value={target.id}>
                          {target.label}
                        </option>
                      ))}
                  </select>
                ) : null}
                {name === "assumptions" ? (
                  isReadOnly ? (
                    <span className="text-slate-600">
                      {item.verified === null
                        ? "Not checked"
                        : item.verified
                          ? "Checked: holds"
                          : "Checked: does not hold"}
                    </span>
                  ) : (
                    <select
                      aria-label={`Is “${item.text}” checked?`}
                      value={item.verified === null ? "" : String(item.verified)}
                      onChange={(event) =>
                        run(() =>
                          setAssumptionVerified(
                            doc,
                            item.id,
                            event.target.value === "" ? null : event.target.value === "true",
                          ),
                        )
                      }
                      className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
                    >
                      <option value="">Not checked</option>
                      <option value="true">Checked: holds</option>
                      <option value="false">Checked: does not hold</option>
                    </select>
                  )
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      )}
      {!isReadOnly ? (
        <form onSubmit={add} className="mt-3 flex gap-2">
          <label htmlFor={inputId} className="sr-only">
            Add to {CONTEXT_LIST_LABELS[name]}
          </label>
          <input
            id={inputId}
            value={text}
            maxLength={2_000}
            onChange={(event) => setText(event.target.value)}
            placeholder={`Add to ${CONTEXT_LIST_LABELS[name].toLowerCase()}`}
            className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm"
          />
          <Button type="submit" size="sm" disabled={text.trim() === ""}>
            Add
          </Button>
        </form>
      ) : null}
    </Card>
  );
}
