"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { setTitle } from "@/lib/model/meta";
import type { MentionKind } from "@/lib/model/notes";
import { canWriteDocument, ROLE_LABELS } from "@/lib/model/roles";
import type { ModelSummary, User } from "@/components/api/schemas";
import { getErrorMessage } from "@/components/api/api-client";
import { sendSessionCommand, startFacilitationSession } from "@/components/api/endpoints";
import { getCoverageHeat } from "@/components/facilitation/coverage-heat";
import type { Command } from "@/components/facilitation/session-bar";
import { SocketUnavailableError } from "@/components/workspace/collab-session";
import type { SessionScope } from "@/components/facilitation/start-session-dialog";
import {
  setSessionPresence,
  useAwayParticipants,
  useFollowFacilitator,
} from "@/components/facilitation/use-follow";
import { useFacilitationSession } from "@/components/facilitation/use-facilitation-session";
import { PageSpinner } from "@/components/ui/spinner";
import { DiagramTab } from "@/components/diagram/diagram-tab";
import { NotesEditorOnDemand as NotesEditor } from "@/components/notes/notes-editor-on-demand";
import { getModelErrorMessage } from "@/components/threats/model-error-message";
import { Alert } from "@/components/ui/alert";
import { PartBoundary } from "@/components/ui/part-boundary";
import { useToast } from "@/components/ui/toast";
import { getUserColor } from "@/components/ui/user-color";
import { postThreadMessage } from "@/components/api/review-endpoints";
import { buildDiscussionUrl } from "@/components/review/discussion-links";
import { DiscussionContext, useDiscussion } from "@/components/review/use-discussion";
import { useReviews } from "@/components/review/use-reviews";
import { resolveMention } from "@/lib/model/notes";
import type { ThreadTarget } from "@/lib/review/targets";
import { ConnectionNotice } from "./connection-notice";
import { useCollabDocument } from "./use-collab-document";
import { useDocumentTitle } from "./use-document-title";
import { usePresence } from "./use-presence";
import {
  ActivityDialog,
  ContextTab,
  DiscussionTab,
  MembersDialog,
  MitigationsView,
  NotesTab,
  preloadWorkspaceParts,
  ReviewDialog,
  SessionBar,
  StartSessionDialog,
  ThreatList,
  VersionsDialog,
} from "./on-demand";
import { useWorkspaceTab } from "./use-workspace-tab";
import { WorkspaceHeader } from "./workspace-header";
import { buildWorkspaceTabUrl, type WorkspaceTab } from "./workspace-tab";
import { WorkspaceTabs } from "./workspace-tabs";
import {
  buildDiagramTargetUrl,
  buildThreatListTargetUrl,
  DIAGRAM_SELECT_PARAM,
  buildThreatOpenUrl,
  THREAT_OPEN_PARAM,
  THREAT_TARGET_PARAM,
} from "./workspace-links";

/** Follows a link between the workspace's tabs; Back returns to where it was. */
function navigateWithinWorkspace(href: string) {
  if (href !== window.location.href) window.history.pushState(null, "", href);
}

export interface WorkspaceProps {
  model: ModelSummary;
  user: User;
  /** Asks for the model again, e.g. after the members (and maybe the user's role) changed. */
  onModelChanged: () => void;
}

/**
 * The live workspace of one model: header, connection notices, and the shared document's
 * sections as tabs (diagram, threats, mitigations), the selected one kept in the URL.
 */
export function Workspace({ model, user, onModelChanged }: WorkspaceProps) {
  const { notify } = useToast();
  const collabUser = useMemo(
    () => ({ id: user.id, name: user.name || user.email, color: getUserColor(user.id) }),
    [user.id, user.name, user.email],
  );
  const collab = useCollabDocument({ modelId: model.id, user: collabUser });
  const facilitation = useFacilitationSession(model.id, collab.onSessionChanged);
  const { sendSessionCommand: sendOnSocket } = collab;
  // A facilitator's command goes on the socket, where every participant waits for the move;
  // through the HTTP API while the socket is not there.
  const sendCommand = useCallback(
    async (command: Command) => {
      try {
        await sendOnSocket(command);
        return undefined;
      } catch (caught) {
        if (!(caught instanceof SocketUnavailableError)) throw caught;
        return sendSessionCommand(model.id, command);
      }
    },
    [sendOnSocket, model.id],
  );
  const participants = usePresence(collab.awareness, user.id);
  const discussion = useDiscussion(model.id, collab.onDiscussionNotice);
  const reviews = useReviews(model.id, collab.onDiscussionNotice);
  // Links from the inbox and review email open the review (`?review=1`).
  const [isReviewOpen, setIsReviewOpen] = useState(
    () =>
      typeof window !== "undefined" &&
      new URLSearchParams(window.location.search).get("review") === "1",
  );
  const documentTitle = useDocumentTitle(collab.doc);
  const [isMembersOpen, setIsMembersOpen] = useState(false);
  const [isVersionsOpen, setIsVersionsOpen] = useState(false);
  const [isActivityOpen, setIsActivityOpen] = useState(false);
  const [membersRevision, setMembersRevision] = useState(0);
  const [isNotesPanelOpen, setIsNotesPanelOpen] = useState(false);
  const [tab, selectTab] = useWorkspaceTab();
  const searchParams = useSearchParams();
  const threatTargetId = searchParams.get(THREAT_TARGET_PARAM);
  const diagramTargetId = searchParams.get(DIAGRAM_SELECT_PARAM);
  const openThreatId = searchParams.get(THREAT_OPEN_PARAM);

  const title = documentTitle || model.title;
  const hasWriteRole = canWriteDocument(model.role);
  const isClosed = collab.status === "closed";
  const isReadOnly = !hasWriteRole || isClosed;
  const runningSession = facilitation.session?.status === "running" ? facilitation.session : null;
  const canRunSession = (model.role === "owner" || model.role === "facilitator") && !isClosed;
  const canJoinSession = model.role !== "viewer" && !isClosed;
  const canComment = model.role !== "viewer" && !isClosed;
  const openDiscussion = useCallback(
    (options: { target?: ThreadTarget; threadId?: string }) =>
      navigateWithinWorkspace(buildDiscussionUrl(window.location.href, options)),
    [],
  );
  const { sendThreadMessage } = collab;
  const sendMessage = useCallback(
    async (input: { threadId: string; body: string; quotedId?: string }) => {
      try {
        return await sendThreadMessage(input);
      } catch (caught) {
        if (!(caught instanceof SocketUnavailableError)) throw caught;
        return postThreadMessage(input.threadId, input);
      }
    },
    [sendThreadMessage],
  );
  const discussionContext = useMemo(
    () => ({
      discussion,
      modelId: model.id,
      userId: user.id,
      canComment,
      sendMessage,
      openDiscussion,
    }),
    [discussion, model.id, user.id, canComment, sendMessage, openDiscussion],
  );
  const [isFollowing, setIsFollowing] = useState(true);
  const [isCoverageShown, setIsCoverageShown] = useState(false);
  const coverageHeat = useMemo(
    () =>
      isCoverageShown && facilitation.session
        ? getCoverageHeat(facilitation.session.state)
        : undefined,
    [isCoverageShown, facilitation.session],
  );
  const isFinding = runningSession?.state.phase === "find";
  const fixLockReason = isFinding
    ? "Finding, not fixing: responses and mitigations wait for the Fix phase of the session."
    : null;
  useFollowFacilitator({
    doc: collab.doc,
    session: runningSession,
    isFollowing: isFollowing && !canRunSession,
    onNavigate: navigateWithinWorkspace,
  });
  useEffect(() => {
    // Others see who stepped away from the session.
    setSessionPresence(collab.awareness, { isAway: !isFollowing });
  }, [collab.awareness, isFollowing]);
  const awayNames = useAwayParticipants(collab.awareness, user.id);

  const [isStartOpen, setIsStartOpen] = useState(false);
  async function handleStartSession(scope: SessionScope) {
    try {
      facilitation.accept(await startFacilitationSession(model.id, scope));
      notify({
        tone: "success",
        message: "The session started: everyone in the model follows it.",
      });
    } catch (caught) {
      notify({ tone: "danger", message: getErrorMessage(caught) });
    }
  }

  const notesReadOnlyReason = !hasWriteRole
    ? `As a ${ROLE_LABELS[model.role].toLowerCase()} you can read the notes, not change them.`
    : "The connection ended: the notes cannot be changed until you reload.";

  /** A thread's target, shown where it lives: the threat's details, the element on its diagram. */
  const showThreadTarget = useCallback(
    (target: ThreadTarget) => {
      const here = window.location.href;
      const { doc } = collab;
      if (target.kind === "threat") navigateWithinWorkspace(buildThreatOpenUrl(here, target.id));
      else if (target.kind === "mitigation")
        navigateWithinWorkspace(buildWorkspaceTabUrl(here, "mitigations"));
      else if (target.kind === "decision")
        navigateWithinWorkspace(buildWorkspaceTabUrl(here, "notes"));
      else if ((target.kind === "element" || target.kind === "flow") && doc) {
        const found = resolveMention(doc, target.kind, target.id);
        if (found.exists && found.diagramId !== null)
          navigateWithinWorkspace(buildDiagramTargetUrl(here, found.diagramId, target.id));
      } else if (target.kind === "diagram")
        navigateWithinWorkspace(buildWorkspaceTabUrl(here, "diagram"));
    },
    [collab],
  );

  /** A mention in the notes opens the threat, or selects the element or flow on its diagram. */
  const openMention = useCallback((kind: MentionKind, id: string, diagramId: string | null) => {
    const here = window.location.href;
    if (kind === "threat") navigateWithinWorkspace(buildThreatOpenUrl(here, id));
    else if (kind === "mitigation")
      navigateWithinWorkspace(buildWorkspaceTabUrl(here, "mitigations"));
    else if (diagramId !== null)
      navigateWithinWorkspace(buildDiagramTargetUrl(here, diagramId, id));
  }, []);

  /** What the Notes tab and the notes panel beside the diagram share. */
  const notesProps = {
    awareness: collab.awareness,
    user: collabUser,
    hasSynced: collab.hasSynced,
    isReadOnly,
    readOnlyReason: notesReadOnlyReason,
    onOpenMention: openMention,
  };

  useEffect(() => {
    document.title = `${title} · Threat Room`;
  }, [title]);

  // Once the model has opened, the rest of the workspace's script comes while the person looks.
  const hasSynced = collab.hasSynced;
  useEffect(() => (hasSynced ? preloadWorkspaceParts() : undefined), [hasSynced]);

  async function handleRename(nextTitle: string) {
    const { doc } = collab;
    if (!doc) return;
    try {
      setTitle(doc, nextTitle);
    } catch (caught) {
      throw new Error(getModelErrorMessage(caught, "The title could not be changed."), {
        cause: caught,
      });
    }
    // The server copies the document's title into the model list when it stores the change.
  }

  function renderPanel(panel: WorkspaceTab) {
    switch (panel) {
      case "diagram":
        return (
          <DiagramTab
            doc={collab.doc}
            awareness={collab.awareness}
            hasSynced={collab.hasSynced}
            isReadOnly={isReadOnly}
            authorId={user.id}
            selectedTargetId={diagramTargetId}
            onShowInThreatList={(targetId) =>
              navigateWithinWorkspace(buildThreatListTargetUrl(window.location.href, targetId))
            }
            highlights={coverageHeat}
            notesPanel={
              collab.doc ? <NotesEditor doc={collab.doc} {...notesProps} isCompact /> : null
            }
            isNotesOpen={isNotesPanelOpen}
            onToggleNotes={() => setIsNotesPanelOpen((isOpen) => !isOpen)}
          />
        );
      case "threats":
        return (
          <ThreatList
            key={`${threatTargetId ?? "all"}:${openThreatId ?? ""}`}
            initialTargetId={threatTargetId}
            initialOpenThreatId={openThreatId}
            responseLockReason={fixLockReason}
            canChangeScale={model.role === "owner" || model.role === "facilitator"}
            onOpenMitigations={() =>
              navigateWithinWorkspace(buildWorkspaceTabUrl(window.location.href, "mitigations"))
            }
            onShowOnDiagram={(target) =>
              navigateWithinWorkspace(
                buildDiagramTargetUrl(window.location.href, target.diagramId, target.id),
              )
            }
            doc={collab.doc}
            hasSynced={collab.hasSynced}
            isReadOnly={isReadOnly}
            authorId={user.id}
            modelId={model.id}
          />
        );
      case "mitigations":
        return (
          <MitigationsView
            doc={collab.doc}
            hasSynced={collab.hasSynced}
            isReadOnly={isReadOnly || isFinding}
            authorId={user.id}
            modelId={model.id}
            membersRevision={membersRevision}
          />
        );
      case "notes":
        return <NotesTab doc={collab.doc} {...notesProps} />;
      case "discussion":
        return <DiscussionTab doc={collab.doc} onShowTarget={showThreadTarget} />;
      case "context":
        return collab.doc && collab.hasSynced ? (
          <ContextTab doc={collab.doc} isReadOnly={isReadOnly} />
        ) : (
          <PageSpinner label="Loading the model's context" />
        );
    }
  }

  return (
    <DiscussionContext value={discussionContext}>
      <WorkspaceHeader
        modelId={model.id}
        title={title}
        canRename={hasWriteRole && !isClosed && collab.hasSynced}
        onRename={handleRename}
        role={model.role}
        participants={participants}
        connection={{
          status: collab.status,
          isSynced: collab.isSynced,
          hasUnsyncedChanges: collab.hasUnsyncedChanges,
        }}
        canManageMembers={model.role === "owner" && !isClosed}
        onOpenMembers={() => setIsMembersOpen(true)}
        onOpenVersions={() => setIsVersionsOpen(true)}
        onOpenActivity={() => setIsActivityOpen(true)}
        reviewState={reviews.answer?.state ?? null}
        onOpenReview={() => {
          reviews.refresh();
          setIsReviewOpen(true);
        }}
        onStartSession={
          canRunSession && !runningSession && collab.hasSynced
            ? () => setIsStartOpen(true)
            : undefined
        }
      />

      <div className="space-y-4">
        {hasWriteRole ? null : (
          <Alert
            tone="info"
            role="none"
            title={`Read-only: you are a ${ROLE_LABELS[model.role].toLowerCase()}`}
          >
            You can follow the model as it changes, but not edit it. Ask an owner if you need to
            make changes.
          </Alert>
        )}
        <ConnectionNotice snapshot={collab} canEdit={hasWriteRole} onReconnect={collab.reconnect} />
        {facilitation.session &&
        collab.doc &&
        (runningSession || facilitation.session.status === "ended") ? (
          <SessionBar
            modelId={model.id}
            doc={collab.doc}
            session={facilitation.session}
            clockOffsetMs={facilitation.clockOffsetMs}
            canRun={canRunSession}
            canJoin={canJoinSession}
            canWrite={!isReadOnly}
            userId={user.id}
            isFollowing={isFollowing}
            onFollowChange={setIsFollowing}
            awayNames={awayNames}
            isCoverageShown={isCoverageShown}
            onCoverageShownChange={setIsCoverageShown}
            onChanged={facilitation.accept}
            sendCommand={sendCommand}
            awareness={collab.awareness}
          />
        ) : null}
        {isFinding && tab === "mitigations" ? (
          <Alert tone="info" role="none" title="Mitigations wait for the Fix phase">
            The session is finding threats; fixing them comes next. Park fix ideas in the session
            bar.
          </Alert>
        ) : null}
        <WorkspaceTabs selected={tab} onSelect={selectTab} renderPanel={renderPanel} />
      </div>

      <PartBoundary name="The dialog">
        {isStartOpen && collab.doc ? (
          <StartSessionDialog
            doc={collab.doc}
            onStart={handleStartSession}
            onClose={() => setIsStartOpen(false)}
          />
        ) : null}
        {isActivityOpen ? (
          <ActivityDialog modelId={model.id} onClose={() => setIsActivityOpen(false)} />
        ) : null}
        {isVersionsOpen ? (
          <VersionsDialog
            modelId={model.id}
            canSave={hasWriteRole && !isClosed}
            canRestore={(model.role === "owner" || model.role === "facilitator") && !isClosed}
            onRestored={(version) =>
              notify({
                tone: "success",
                message: `Restored “${version.label || `Version ${version.number}`}”. The state before it was saved as a version.`,
              })
            }
            onClose={() => setIsVersionsOpen(false)}
          />
        ) : null}
        {isReviewOpen ? (
          <ReviewDialog
            modelId={model.id}
            userId={user.id}
            role={model.role}
            members={discussion.members}
            answer={reviews.answer}
            onChanged={reviews.accept}
            onClose={() => setIsReviewOpen(false)}
          />
        ) : null}
        {isMembersOpen ? (
          <MembersDialog
            modelId={model.id}
            currentUserId={user.id}
            onSaved={() => {
              notify({ tone: "success", message: "Members saved." });
              setMembersRevision((revision) => revision + 1);
              onModelChanged();
            }}
            onClose={() => setIsMembersOpen(false)}
          />
        ) : null}
      </PartBoundary>
    </DiscussionContext>
  );
}
