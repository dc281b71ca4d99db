"use client";

import dynamic from "next/dynamic";
import { SkeletonList } from "@/components/ui/skeleton";
import { PART_LOADERS } from "@/components/app/part-loaders";

/*
 * The workspace's other tabs and its dialogs, each with its script loaded the first time it is
 * shown rather than with the page: a model opens on its diagram, and these are some 200 KB of
 * script (the threat list, the mitigation matrix, Markdown for discussions, …) that the browser
 * would otherwise parse and run before the diagram could draw. Same props as the originals; a
 * placeholder stands in for a tab while its script loads, and a dialog opens once it has come.
 * preloadWorkspaceParts fetches them all once the open is over, so that they are at hand
 * without waiting, and still there for someone who goes offline later.
 */

/** Set on the document once every part below has loaded. */
const PRELOADED_ATTRIBUTE = "data-workspace-parts-loaded";

/** How long after the model opened the rest of the workspace's script is fetched. */
const PRELOAD_DELAY_MS = 2_000;

/**
 * Fetches the script of every part (PART_LOADERS) a little after the model opened, when the browser is
 * idle, so that drawing the diagram just opened is not slowed by it. A part that fails to load (the
 * network dropped) is simply loaded again when it is first shown. Returns a cancel function.
 */
export function preloadWorkspaceParts(): () => void {
  let idle: number | null = null;
  const timer = window.setTimeout(() => {
    const load = () => {
      void Promise.all(Object.values(PART_LOADERS).map((loader) => loader())).then(
        // Observable for tests, which go offline once everything is at hand.
        () => document.documentElement.setAttribute(PRELOADED_ATTRIBUTE, "true"),
        () => undefined,
      );
    };
    if (typeof window.requestIdleCallback === "function") {
      idle = window.requestIdleCallback(load, { timeout: PRELOAD_DELAY_MS });
    } else {
      load();
    }
  }, PRELOAD_DELAY_MS);
  return () => {
    window.clearTimeout(timer);
    if (idle !== null) window.cancelIdleCallback(idle);
  };
}

function TabPlaceholder() {
  return <SkeletonList label="Loading" />;
}

export const ThreatList = dynamic(
  () => PART_LOADERS.threatList().then((module) => module.ThreatList),
  {
    loading: TabPlaceholder,
  },
);

export const MitigationsView = dynamic(
  () => PART_LOADERS.mitigations().then((module) => module.MitigationsView),
  { loading: TabPlaceholder },
);

export const NotesTab = dynamic(() => PART_LOADERS.notesTab().then((module) => module.NotesTab), {
  loading: TabPlaceholder,
});

export const DiscussionTab = dynamic(
  () => PART_LOADERS.discussionTab().then((module) => module.DiscussionTab),
  { loading: TabPlaceholder },
);

export const ContextTab = dynamic(
  () => PART_LOADERS.contextTab().then((module) => module.ContextTab),
  {
    loading: TabPlaceholder,
  },
);

export const ActivityDialog = dynamic(() =>
  PART_LOADERS.activity().then((module) => module.ActivityDialog),
);

export const VersionsDialog = dynamic(() =>
  PART_LOADERS.versions().then((module) => module.VersionsDialog),
);

export const ReviewDialog = dynamic(() =>
  PART_LOADERS.review().then((module) => module.ReviewDialog),
);

export const MembersDialog = dynamic(() =>
  PART_LOADERS.members().then((module) => module.MembersDialog),
);

/** The bar of a running session: most models open with none (some 35 KB of script). */
export const SessionBar = dynamic(
  () => PART_LOADERS.sessionBar().then((module) => module.SessionBar),
  { loading: () => <SkeletonList rows={1} label="Loading the session" /> },
);

export const StartSessionDialog = dynamic(() =>
  PART_LOADERS.startSession().then((module) => module.StartSessionDialog),
);
