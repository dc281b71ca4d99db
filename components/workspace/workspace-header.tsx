"use client";

import { IntentLink } from "@/components/ui/intent-link";
import { LIMITS } from "@/lib/limits";
import type { Role } from "@/lib/model/roles";
import { RoleBadge } from "@/components/models/role-badge";
import { ReviewStateBadge } from "@/components/review/review-state-badge";
import type { ReviewState } from "@/lib/review/reviews";
import { ModelExportMenu } from "./model-export-menu";
import { Button } from "@/components/ui/button";
import { cx, FOCUS_RING } from "@/components/ui/class-names";
import { ArrowLeftIcon, UsersIcon } from "@/components/ui/icons";
import { InlineEdit } from "@/components/ui/inline-edit";
import { MenuButton } from "@/components/ui/menu-button";
import { ConnectionIndicator, type ConnectionIndicatorProps } from "./connection-indicator";
import type { Participant } from "./presence";
import { PresenceAvatars } from "./presence-avatars";

export interface WorkspaceHeaderProps {
  modelId: string;
  title: string;
  canRename: boolean;
  /** Saves a new title; throws an Error with a readable message when it is refused. */
  onRename: (title: string) => void | Promise<void>;
  role: Role;
  participants: Participant[];
  connection: ConnectionIndicatorProps;
  /** Shows the Members button (owners only). */
  canManageMembers: boolean;
  onOpenMembers: () => void;
  /** Opens the versions (every member may compare; saving and restoring depend on the role). */
  onOpenVersions: () => void;
  /** Opens the model's activity feed. */
  onOpenActivity: () => void;
  /** The model's review state (null while it loads); the Review button shows it. */
  reviewState: ReviewState | null;
  onOpenReview: () => void;
  /** Starts a facilitated session; no button without it (not allowed, or one is running). */
  onStartSession?: (() => void) | undefined;
}

/**
 * The workspace's title row, one line on a laptop screen: back to the models, editable title,
 * role, presence, connection state and the model's actions.
 */
export function WorkspaceHeader({
  modelId,
  title,
  canRename,
  onRename,
  role,
  participants,
  connection,
  canManageMembers,
  onOpenMembers,
  onOpenVersions,
  onOpenActivity,
  reviewState,
  onOpenReview,
  onStartSession,
}: WorkspaceHeaderProps) {
  return (
    <div className="mb-3 flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
      <div className="flex min-w-[min(100%,14rem)] flex-1 items-center gap-2">
        <IntentLink
          href="/models"
          aria-label="All models"
          title="All models"
          className={cx(
            "inline-flex size-8 shrink-0 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900",
            FOCUS_RING,
          )}
        >
          <ArrowLeftIcon />
        </IntentLink>
        <InlineEdit
          value={title}
          inputLabel="Model title"
          editLabel="Rename model"
          isDisabled={!canRename}
          maxLength={LIMITS.modelTitleLength}
          onSave={onRename}
          className="min-w-0 max-w-2xl"
          inputClassName="text-lg font-semibold"
          renderValue={(value) => (
            <h1 className="truncate text-xl font-semibold tracking-tight text-slate-900">
              {value}
            </h1>
          )}
        />
        <RoleBadge role={role} isOwnRole />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <PresenceAvatars participants={participants} />
        <ConnectionIndicator {...connection} />
        {onStartSession ? (
          <Button size="sm" onClick={onStartSession}>
            Start session
          </Button>
        ) : null}
        <Button variant="secondary" size="sm" onClick={onOpenReview}>
          Review
          {reviewState && reviewState !== "none" ? <span className="sr-only">:</span> : null}
          {reviewState && reviewState !== "none" ? <ReviewStateBadge state={reviewState} /> : null}
        </Button>
        <ModelExportMenu modelId={modelId} />
        {/* Below 1280 px these wait in "More", so the title row stays one line. */}
        <div className="hidden items-center gap-3 xl:flex">
          <Button variant="secondary" size="sm" onClick={onOpenActivity}>
            Activity
          </Button>
          <Button variant="secondary" size="sm" onClick={onOpenVersions}>
            Versions
          </Button>
          {canManageMembers ? (
            <Button variant="secondary" size="sm" icon={<UsersIcon />} onClick={onOpenMembers}>
              Members
            </Button>
          ) : null}
        </div>
        <div className="xl:hidden">
          <MenuButton
            label="More"
            menuLabel="More model actions"
            items={[
              { key: "activity", label: "Activity", onSelect: onOpenActivity },
              { key: "versions", label: "Versions", onSelect: onOpenVersions },
              ...(canManageMembers
                ? [{ key: "members", label: "Members", onSelect: onOpenMembers }]
                : []),
            ]}
          />
        </div>
      </div>
    </div>
  );
}
