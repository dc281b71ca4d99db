"use client";

import Link from "next/link";
import { getSignInUrl } from "@/components/auth/callback-url";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import type { CollabSnapshot } from "./collab-session";

export interface ConnectionNoticeProps {
  snapshot: CollabSnapshot;
  canEdit: boolean;
  onReconnect: () => void;
}

/**
 * Explains a connection problem under the header: a closed connection with what to do next,
 * or an offline or reconnecting state, saying what happens to edits in the meantime.
 */
export function ConnectionNotice({ snapshot, canEdit, onReconnect }: ConnectionNoticeProps) {
  const { status, closeReason, transientReason, hasSynced, hasUnsyncedChanges } = snapshot;

  if (status === "closed" && closeReason) {
    return (
      <Alert
        tone="danger"
        title={closeReason.title}
        action={<CloseAction action={closeReason.action} />}
      >
        {closeReason.message}
        {hasUnsyncedChanges ? " Some of your recent changes were not saved." : null}
      </Alert>
    );
  }

  const isShown =
    status === "offline" || (status === "reconnecting" && (hasUnsyncedChanges || !hasSynced));
  if (!isShown) return null;

  const title =
    status === "reconnecting"
      ? "Reconnecting to the server"
      : snapshot.isBrowserOffline
        ? "You are offline"
        : "Cannot reach the server";
  const lead = transientReason ? `${transientReason} ` : "";
  let message: string;
  if (!hasSynced) message = `${lead}The model will load as soon as the connection returns.`;
  else if (canEdit)
    message = `${lead}You can keep working: your changes stay in this tab and are sent when the connection returns. Keep this tab open until then.`;
  else message = `${lead}You may not see the latest changes until the connection returns.`;

  return (
    <Alert
      tone="warning"
      title={title}
      action={
        <Button variant="secondary" size="sm" onClick={onReconnect}>
          Retry now
        </Button>
      }
    >
      {message}
    </Alert>
  );
}

function CloseAction({ action }: { action: "reload" | "sign-in" | "go-to-models" }) {
  switch (action) {
    case "reload":
      return (
        <Button variant="secondary" size="sm" onClick={() => window.location.reload()}>
          Reload page
        </Button>
      );
    case "sign-in":
      return (
        <Button
          variant="secondary"
          size="sm"
          onClick={() => window.location.assign(getSignInUrl(window.location.pathname))}
        >
          Sign in again
        </Button>
      );
    case "go-to-models":
      return (
        <Link href="/models" className={buttonClasses("secondary", "sm")}>
          Back to models
        </Link>
      );
  }
}
