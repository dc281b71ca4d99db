"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";
import { PART_LOADERS } from "@/components/app/part-loaders";

/**
 * The notes editor, with its script (Tiptap and ProseMirror, several hundred KB) loaded the
 * first time notes are shown rather than with every page that can show them. Same props as
 * NotesEditor; a placeholder stands in while the script loads.
 */
export const NotesEditorOnDemand = dynamic(
  () => PART_LOADERS.notesEditor().then((module) => module.NotesEditor),
  { loading: () => <Skeleton className="h-64 w-full" /> },
);
