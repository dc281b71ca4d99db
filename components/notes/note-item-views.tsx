"use client";

import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from "@tiptap/react";
import { useEffect, useId, useState } from "react";
import { useThreatRecords } from "@/components/mitigations/use-document-records";
import { cx } from "@/components/ui/class-names";
import { useNotesContext } from "./notes-context";

/** The threat a decision or action item is linked to: a select while editing, a name otherwise. */
function ThreatLink({
  threatId,
  isEditable,
  onChange,
}: {
  threatId: string | null;
  isEditable: boolean;
  onChange: (threatId: string | null) => void;
}) {
  const { doc } = useNotesContext();
  const threats = useThreatRecords(doc);
  const id = useId();
  const linked = threats.find((threat) => threat.id === threatId) ?? null;
  if (!isEditable) {
    return threatId === null ? null : (
      <span className="text-xs text-slate-600">
        Threat: {linked ? linked.title : <span className="line-through">deleted</span>}
      </span>
    );
  }
  return (
    <span className="flex items-center gap-1 text-xs text-slate-600">
      <label htmlFor={id}>Threat</label>
      <select
        id={id}
        value={threatId ?? ""}
        onChange={(event) => onChange(event.target.value === "" ? null : event.target.value)}
        className="max-w-48 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
      >
        <option value="">None</option>
        {threatId !== null && linked === null ? <option value={threatId}>(deleted)</option> : null}
        {threats.map((threat) => (
          <option key={threat.id} value={threat.id}>
            {threat.title}
          </option>
        ))}
      </select>
    </span>
  );
}

/** A text attribute edited in place and written to the document when it loses focus or on Enter. */
function AttributeInput({
  label,
  value,
  isEditable,
  onCommit,
  placeholder,
}: {
  label: string;
  value: string;
  isEditable: boolean;
  onCommit: (value: string) => void;
  placeholder: string;
}) {
  const [draft, setDraft] = useState(value);
  const id = useId();
  useEffect(() => setDraft(value), [value]);
  if (!isEditable)
    return value === "" ? null : (
      <span className="text-xs text-slate-600">
        {label}: {value}
      </span>
    );
  return (
    <span className="flex items-center gap-1 text-xs text-slate-600">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={draft}
        maxLength={120}
        placeholder={placeholder}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => {
          if (draft.trim() !== value) onCommit(draft.trim());
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            event.currentTarget.blur();
          }
        }}
        className="w-32 rounded border border-slate-300 px-1 py-0.5 text-xs"
      />
    </span>
  );
}

const attributeString = (value: unknown): string => (typeof value === "string" ? value : "");
const attributeId = (value: unknown): string | null =>
  typeof value === "string" && value !== "" ? value : null;

/** A decision block: a label, the text, and the threat it concerns. */
export function DecisionView({ node, editor, updateAttributes }: ReactNodeViewProps) {
  return (
    <NodeViewWrapper
      className="my-2 rounded-md border-l-4 border-emerald-500 bg-emerald-50 px-3 py-2"
      data-note-item="decision"
    >
      <div contentEditable={false} className="mb-1 flex flex-wrap items-center gap-3 select-none">
        <span className="text-xs font-semibold tracking-wide text-emerald-800 uppercase">
          Decision
        </span>
        <ThreatLink
          threatId={attributeId(node.attrs.threatId)}
          isEditable={editor.isEditable}
          onChange={(threatId) => updateAttributes({ threatId })}
        />
      </div>
      <NodeViewContent className="min-h-5 text-slate-900" />
    </NodeViewWrapper>
  );
}

/** An action item block: done, the text (what), who, due date and the linked threat. */
export function ActionItemView({ node, editor, updateAttributes }: ReactNodeViewProps) {
  const isEditable = editor.isEditable;
  const done = node.attrs.done === true;
  const due = attributeString(node.attrs.due);
  const isOverdue = !done && due !== "" && due < new Date().toISOString().slice(0, 10);
  const dueId = useId();
  return (
    <NodeViewWrapper
      className="my-2 rounded-md border-l-4 border-amber-500 bg-amber-50 px-3 py-2"
      data-note-item="action"
    >
      <div contentEditable={false} className="mb-1 flex flex-wrap items-center gap-3 select-none">
        <label className="flex items-center gap-1 text-xs font-semibold tracking-wide text-amber-800 uppercase">
          <input
            type="checkbox"
            checked={done}
            disabled={!isEditable}
            onChange={(event) => updateAttributes({ done: event.target.checked })}
            aria-label="Done"
          />
          Action
        </label>
        <AttributeInput
          label="Who"
          value={attributeString(node.attrs.assignee)}
          isEditable={isEditable}
          placeholder="Name"
          onCommit={(assignee) => updateAttributes({ assignee: assignee || null })}
        />
        {isEditable ? (
          <span className="flex items-center gap-1 text-xs text-slate-600">
            <label htmlFor={dueId}>Due</label>
            <input
              id={dueId}
              type="date"
              value={due}
              onChange={(event) => updateAttributes({ due: event.target.value || null })}
              className="rounded border border-slate-300 px-1 py-0.5 text-xs"
            />
          </span>
        ) : due !== "" ? (
          <span className="text-xs text-slate-600">Due: {due}</span>
        ) : null}
        {isOverdue ? <span className="text-xs font-medium text-red-700">Overdue</span> : null}
        <ThreatLink
          threatId={attributeId(node.attrs.threatId)}
          isEditable={isEditable}
          onChange={(threatId) => updateAttributes({ threatId })}
        />
      </div>
      <NodeViewContent
        className={cx("min-h-5 text-slate-900", done && "text-slate-500 line-through")}
      />
    </NodeViewWrapper>
  );
}
