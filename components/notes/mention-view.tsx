"use client";

import { NodeViewWrapper, type ReactNodeViewProps } from "@tiptap/react";
import { useCallback } from "react";
import type * as Y from "yjs";
import { MENTION_KIND_LABELS, parseMentionKind, resolveMention } from "@/lib/model/notes";
import { cx, FOCUS_RING } from "@/components/ui/class-names";
import { useDocumentValue, useNotesContext } from "./notes-context";

/**
 * A `#` mention in the notes: the current name of what it points at (a rename shows at once),
 * a button that opens it; struck through, with the name it had, once it was deleted. A mention
 * whose attributes are damaged shows its stored label and is never a link.
 */
export function MentionView({ node }: ReactNodeViewProps) {
  const { doc, onOpenMention } = useNotesContext();
  const kind = parseMentionKind(node.attrs.kind);
  const id = typeof node.attrs.id === "string" ? node.attrs.id : null;
  const storedLabel = typeof node.attrs.label === "string" ? node.attrs.label : "";
  const read = useCallback(
    (current: Y.Doc) =>
      kind !== null && id !== null
        ? resolveMention(current, kind, id)
        : ({ exists: false } as const),
    [kind, id],
  );
  const target = useDocumentValue(doc, read, (value) =>
    value.exists ? `${value.name}\u0000${value.diagramId ?? ""}` : "",
  );

  if (!target.exists || kind === null || id === null) {
    return (
      <NodeViewWrapper
        as="span"
        className="rounded bg-slate-100 px-1 text-slate-500 line-through"
        title={kind ? `${MENTION_KIND_LABELS[kind]} deleted` : "Deleted"}
        data-mention-state="deleted"
      >
        #{storedLabel || "deleted"}
      </NodeViewWrapper>
    );
  }

  return (
    <NodeViewWrapper as="span" data-mention-state="live">
      <button
        type="button"
        contentEditable={false}
        onClick={() => onOpenMention?.(kind, id, target.diagramId)}
        disabled={onOpenMention === null}
        title={`${MENTION_KIND_LABELS[kind]}: ${target.name}`}
        className={cx(
          "rounded bg-indigo-50 px-1 font-medium text-indigo-800 hover:bg-indigo-100 disabled:cursor-default",
          FOCUS_RING,
        )}
      >
        #{target.name || "(no name)"}
      </button>
    </NodeViewWrapper>
  );
}
