/*
 * Where the script of each part of the workspace that loads on demand comes from: one place for
 * the components that load a part when it is first shown and for the preload that fetches them
 * all a moment after a model opens (components/workspace/on-demand.tsx).
 */
export const PART_LOADERS = {
  threatList: () => import("@/components/threats/threat-list"),
  mitigations: () => import("@/components/mitigations/mitigations-view"),
  notesTab: () => import("@/components/notes/notes-tab"),
  notesEditor: () => import("@/components/notes/notes-editor"),
  discussionTab: () => import("@/components/review/discussion-tab"),
  messageBody: () => import("@/components/review/message-body"),
  contextTab: () => import("@/components/context/context-tab"),
  activity: () => import("@/components/activity/activity-dialog"),
  versions: () => import("@/components/versions/versions-dialog"),
  review: () => import("@/components/review/review-dialog"),
  members: () => import("@/components/members/members-dialog"),
  startSession: () => import("@/components/facilitation/start-session-dialog"),
  sessionBar: () => import("@/components/facilitation/session-bar"),
  generation: () => import("@/lib/stride/generate"),
  threatGeneration: () => import("@/components/threats/threat-generation"),
  layout: () => import("@/lib/diagram/layout"),
};
