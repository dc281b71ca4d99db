"use client";

import Link from "next/link";
import { signOut, useSession } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { ROLE_LABELS, type Role } from "@/lib/model/roles";
import { ApiError, getErrorMessage, isAbortError } from "@/components/api/api-client";
import {
  acceptInvitation,
  fetchInvitation,
  type InvitationView as Invitation,
} from "@/components/api/review-endpoints";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format-date";
import { Spinner } from "@/components/ui/spinner";

type Loaded =
  | { status: "loading" }
  | { status: "invalid" }
  | { status: "error"; message: string }
  | { status: "ready"; invitation: Invitation };

/** "an editor", "a viewer". */
function withArticle(role: Role): string {
  const label = ROLE_LABELS[role].toLowerCase();
  return `${/^[aeiou]/.test(label) ? "an" : "a"} ${label}`;
}

/**
 * The page an invitation email links to (no sign-in needed to see it): who invited the visitor
 * to which model in which role. Signed in with the invited address, it accepts at once and
 * goes straight into the model; signed in with another address, it says so and offers to sign
 * out; signed out, it offers to create an account (address filled in) or sign in, both coming
 * back here. A used, withdrawn, expired or unknown link is explained, with no way forward that
 * cannot work.
 */
export function InvitationView({ token }: { token: string }) {
  const router = useRouter();
  const { data: session, status: sessionStatus } = useSession();
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [loadKey, setLoadKey] = useState(0);
  const [acceptError, setAcceptError] = useState<string | null>(null);
  const hasAccepted = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    fetchInvitation(token, controller.signal).then(
      (invitation) => setLoaded({ status: "ready", invitation }),
      (error: unknown) => {
        if (isAbortError(error)) return;
        const isInvalid =
          error instanceof ApiError && (error.code === "not_found" || error.code === "bad_request");
        setLoaded(
          isInvalid ? { status: "invalid" } : { status: "error", message: getErrorMessage(error) },
        );
      },
    );
    return () => controller.abort();
  }, [token, loadKey]);

  const invitation = loaded.status === "ready" ? loaded.invitation : null;
  const sessionEmail = sessionStatus === "authenticated" ? (session.user?.email ?? "") : null;
  const isInvitee =
    invitation !== null &&
    sessionEmail !== null &&
    sessionEmail.toLowerCase() === invitation.email.toLowerCase();
  const shouldAccept = invitation?.status === "pending" && isInvitee;

  const accept = useCallback(() => {
    setAcceptError(null);
    acceptInvitation(token).then(
      ({ modelId }) => router.replace(`/models/${encodeURIComponent(modelId)}`),
      (error: unknown) => setAcceptError(getErrorMessage(error)),
    );
  }, [token, router]);

  useEffect(() => {
    if (!shouldAccept || hasAccepted.current) return;
    hasAccepted.current = true;
    accept();
  }, [shouldAccept, accept]);

  if (loaded.status === "loading") return <Spinner label="Loading the invitation" />;
  if (loaded.status === "invalid") {
    return (
      <Alert tone="danger" title="This invitation link is not valid">
        Open the link from the email exactly as it is. If it still does not work, ask the person who
        invited you for a new invitation.
      </Alert>
    );
  }
  if (loaded.status === "error") {
    return (
      <Alert
        tone="danger"
        title="The invitation could not be loaded"
        action={
          <Button variant="secondary" size="sm" onClick={() => setLoadKey((key) => key + 1)}>
            Try again
          </Button>
        }
      >
        {loaded.message}
      </Alert>
    );
  }

  const { invitation: offer } = loaded;
  const returnHere = `/invitations/${encodeURIComponent(token)}`;
  return (
    <div className="space-y-5">
      <p className="text-base text-slate-900">
        <strong className="font-semibold">{offer.invitedBy}</strong> invited you to{" "}
        <strong className="font-semibold">{offer.modelTitle}</strong> as {withArticle(offer.role)}.
      </p>
      {offer.status === "accepted" ? (
        <Alert tone="info" title="This invitation was already used" role="none">
          {isInvitee ? (
            <Link
              href={`/models/${encodeURIComponent(offer.modelId)}`}
              className="font-medium underline"
            >
              Open the model
            </Link>
          ) : (
            `Each invitation link works once. If it was meant for you, ask ${offer.invitedBy} for a new one.`
          )}
        </Alert>
      ) : offer.status === "revoked" ? (
        <Alert tone="warning" title="This invitation was withdrawn" role="none">
          Ask {offer.invitedBy} for a new one if you still need access.
        </Alert>
      ) : offer.status === "expired" ? (
        <Alert tone="warning" title="This invitation has expired" role="none">
          It was valid until {formatDateTime(offer.expiresAt)}. Ask {offer.invitedBy} to send a new
          one.
        </Alert>
      ) : sessionStatus === "loading" ? (
        <Spinner label="Checking your session" />
      ) : isInvitee ? (
        acceptError ? (
          <Alert
            tone="danger"
            title="Could not join the model"
            action={
              <Button variant="secondary" size="sm" onClick={accept}>
                Try again
              </Button>
            }
          >
            {acceptError}
          </Alert>
        ) : (
          <div className="flex items-center gap-2 text-sm text-slate-600">
            <Spinner size="sm" label="Joining the model" />
            <span aria-hidden="true">Joining the model…</span>
          </div>
        )
      ) : sessionEmail !== null ? (
        <div className="space-y-4">
          <Alert tone="warning" title="This invitation is for another address" role="none">
            You are signed in as {sessionEmail || "another account"}, but the invitation is for{" "}
            {offer.email}. Sign out, then sign in or create an account with {offer.email}.
          </Alert>
          <Button
            variant="secondary"
            className="w-full"
            onClick={() => void signOut({ callbackUrl: returnHere })}
          >
            Sign out
          </Button>
        </div>
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-slate-600">
            The invitation is for <strong className="font-medium">{offer.email}</strong> and is
            valid until {formatDateTime(offer.expiresAt)}.
          </p>
          <Link
            href={`/signup?${new URLSearchParams({ email: offer.email, callbackUrl: returnHere }).toString()}`}
            className={buttonClasses("primary", "md", "w-full")}
          >
            Create an account
          </Link>
          <Link
            href={`/signin?${new URLSearchParams({ callbackUrl: returnHere }).toString()}`}
            className={buttonClasses("secondary", "md", "w-full")}
          >
            Sign in
          </Link>
        </div>
      )}
    </div>
  );
}
