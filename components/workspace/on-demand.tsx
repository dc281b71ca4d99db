"use client";

import dynamic from "next/dynamic";
import { SkeletonList } from "@/components/ui/skeleton";

/*
 * The workspace's other tabs and its dialogs, each with its script loaded the first time it is
 * shown rather than with the page: a model opens on its diagram, and these are some 200 KB of
 * script (the threat list, the mitigation matrix, Markdown for discussions, …) that the browser
 * would otherwise parse and run before the diagram could draw. Same props as the originals; a
 * placeholder stands in for a tab while its script loads, and a dialog opens once it has come.
 */

function TabPlaceholder() {
  return <SkeletonList label="Loading" />;
}

export const ThreatList = dynamic(
  () => import("@/components/threats/threat-list").then((module) => module.ThreatList),
  { loading: TabPlaceholder },
);

export const MitigationsView = dynamic(
  () =>
    import("@/components/mitigations/mitigations-view").then((module) => module.MitigationsView),
  { loading: TabPlaceholder },
);

export const NotesTab = dynamic(
  () => import("@/components/notes/notes-tab").then((module) => module.NotesTab),
  { loading: TabPlaceholder },
);

export const DiscussionTab = dynamic(
  () => import("@/components/review/discussion-tab").then((module) => module.DiscussionTab),
  { loading: TabPlaceholder },
);

export const ContextTab = dynamic(
  () => import("@/components/context/context-tab").then((module) => module.ContextTab),
  { loading: TabPlaceholder },
);

export const ActivityDialog = dynamic(() =>
  import("@/components/activity/activity-dialog").then((module) => module.ActivityDialog),
);

export const VersionsDialog = dynamic(() =>
  import("@/components/versions/versions-dialog").then((module) => module.VersionsDialog),
);

export const ReviewDialog = dynamic(() =>
  import("@/components/review/review-dialog").then((module) => module.ReviewDialog),
);

export const MembersDialog = dynamic(() =>
  import("@/components/members/members-dialog").then((module) => module.MembersDialog),
);

export const StartSessionDialog = dynamic(() =>
  import("@/components/facilitation/start-session-dialog").then(
    (module) => module.StartSessionDialog,
  ),
);
