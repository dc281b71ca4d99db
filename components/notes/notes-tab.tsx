"use client";

import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { Skeleton } from "@/components/ui/skeleton";
import type { CollabUser } from "@/components/workspace/collab-session";
import type { NotesContextValue } from "./notes-context";
import { NotesEditorOnDemand as NotesEditor } from "./notes-editor-on-demand";
import { NoteItemsList } from "./note-items-list";

export interface NotesTabProps {
  doc: Y.Doc | null;
  awareness: Awareness | null;
  /** The signed-in user, for their caret; null for a version opened read-only. */
  user: CollabUser | null;
  hasSynced: boolean;
  isReadOnly: boolean;
  readOnlyReason?: string;
  onOpenMention: NotesContextValue["onOpenMention"];
}

/** The Notes tab: the meeting notes, and beside them the decisions and action items they hold. */
export function NotesTab({
  doc,
  awareness,
  user,
  hasSynced,
  isReadOnly,
  readOnlyReason,
  onOpenMention,
}: NotesTabProps) {
  if (doc === null) return <Skeleton className="h-96 w-full" />;
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <NotesEditor
        doc={doc}
        awareness={awareness}
        user={user}
        hasSynced={hasSynced}
        isReadOnly={isReadOnly}
        readOnlyReason={readOnlyReason}
        onOpenMention={onOpenMention}
      />
      {hasSynced ? <NoteItemsList doc={doc} /> : null}
    </div>
  );
}
