"use client";

import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useMemo } from "react";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { Skeleton } from "@/components/ui/skeleton";
import { cx } from "@/components/ui/class-names";
import type { CollabUser } from "@/components/workspace/collab-session";
import { NotesContext, type NotesContextValue } from "./notes-context";
import { buildNotesExtensions } from "./notes-extensions";
import { NotesToolbar } from "./notes-toolbar";

export interface NotesEditorProps {
  doc: Y.Doc;
  /** The room's presence, for carets; null for a version opened read-only. */
  awareness: Awareness | null;
  user: CollabUser | null;
  /** False until the document first synced: the editor waits, so nothing is typed into a void. */
  hasSynced: boolean;
  /** Viewers, commenters, closed sessions and old versions: the notes are shown, not editable. */
  isReadOnly: boolean;
  /** Why the notes are read-only, shown in the editor's header. */
  readOnlyReason?: string;
  onOpenMention: NotesContextValue["onOpenMention"];
  /** A narrower layout for the panel beside the diagram. */
  isCompact?: boolean;
}

/**
 * The meeting notes, edited together: bound to the shared document's `notes` fragment, with
 * everyone's caret and name, `#` mentions, decisions and action items. Read-only people see
 * the notes live and a "Read-only" label instead of a toolbar.
 */
export function NotesEditor(props: NotesEditorProps) {
  if (!props.hasSynced) {
    return (
      <div className="space-y-2 rounded-md border border-slate-200 p-4" aria-busy="true">
        <span className="sr-only">Loading the notes</span>
        <Skeleton className="h-5 w-1/3" />
        <Skeleton className="h-4 w-full" />
        <Skeleton className="h-4 w-5/6" />
      </div>
    );
  }
  return <LoadedNotesEditor {...props} />;
}

function LoadedNotesEditor({
  doc,
  awareness,
  user,
  isReadOnly,
  readOnlyReason,
  onOpenMention,
  isCompact = false,
}: NotesEditorProps) {
  const extensions = useMemo(
    () => buildNotesExtensions({ doc, awareness, user }),
    [doc, awareness, user],
  );
  const editor = useEditor(
    {
      extensions,
      editable: !isReadOnly,
      immediatelyRender: false,
      editorProps: {
        attributes: {
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": "Meeting notes",
          "aria-readonly": String(isReadOnly),
          class: cx(
            "notes-content prose-notes px-4 py-3 focus:outline-none",
            isCompact ? "min-h-64" : "min-h-96",
          ),
        },
      },
    },
    [extensions],
  );
  useEffect(() => {
    // A role change or a closed session while the editor is open.
    if (editor !== null && editor.isEditable === isReadOnly) editor.setEditable(!isReadOnly, false);
  }, [editor, isReadOnly]);
  const context = useMemo(() => ({ doc, onOpenMention }), [doc, onOpenMention]);

  return (
    <NotesContext.Provider value={context}>
      <section
        aria-label="Notes editor"
        className="overflow-hidden rounded-md border border-slate-200 bg-white"
      >
        {isReadOnly ? (
          <div className="flex items-center gap-2 border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-sm text-slate-600">
            <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-semibold text-slate-700 uppercase">
              Read-only
            </span>
            <span>{readOnlyReason ?? "You can read the notes but not change them."}</span>
          </div>
        ) : editor !== null ? (
          <NotesToolbar editor={editor} />
        ) : null}
        {editor === null ? (
          <div className="p-4">
            <Skeleton className="h-4 w-full" />
          </div>
        ) : (
          <EditorContent editor={editor} />
        )}
      </section>
    </NotesContext.Provider>
  );
}
