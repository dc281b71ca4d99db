"use client";

import { useId, useState, type FormEvent } from "react";
import { emailSchema } from "@/lib/api/schemas";
import { LIMITS } from "@/lib/limits";
import { ROLE_LABELS, type Role } from "@/lib/model/roles";
import { getErrorMessage } from "@/components/api/api-client";
import type { PendingInvitation } from "@/components/api/review-endpoints";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format-date";
import { Select, type SelectOption } from "@/components/ui/select";
import { SkeletonList } from "@/components/ui/skeleton";
import { TextField } from "@/components/ui/text-field";
import type { Invitations } from "./use-invitations";

export interface InvitationsSectionProps {
  invitations: Invitations;
  roleOptions: readonly SelectOption<Role>[];
}

/**
 * The Members dialog's "Invite by email" part: sends an invitation link to an address (with or
 * without an account) and lists the pending invitations with their role and expiry, each with
 * "Withdraw". Invitations are sent at once, not with "Save changes".
 */
export function InvitationsSection({ invitations, roleOptions }: InvitationsSectionProps) {
  const headingId = useId();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const [emailError, setEmailError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);
  const [withdrawingId, setWithdrawingId] = useState<string | null>(null);
  const { state } = invitations;

  async function handleInvite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setActionError(null);
    const parsed = emailSchema.safeParse(email);
    if (!parsed.success) {
      setEmailError("Enter the email address to send the invitation to.");
      return;
    }
    setEmailError(null);
    setIsSending(true);
    try {
      await invitations.invite(parsed.data, role);
      setEmail("");
    } catch (error) {
      setEmailError(getErrorMessage(error));
    } finally {
      setIsSending(false);
    }
  }

  async function handleWithdraw(invitation: PendingInvitation) {
    setActionError(null);
    setWithdrawingId(invitation.id);
    try {
      await invitations.revoke(invitation.id);
    } catch (error) {
      setActionError(getErrorMessage(error));
      invitations.reload();
    } finally {
      setWithdrawingId(null);
    }
  }

  return (
    <section aria-labelledby={headingId} className="space-y-3 border-t border-slate-200 pt-5">
      <div>
        <h3 id={headingId} className="text-sm font-semibold text-slate-900">
          Invite by email
        </h3>
        <p className="mt-0.5 text-sm text-slate-600">
          For people without an account yet: they get a link to sign up and join with the role you
          choose. The invitation is sent right away.
        </p>
      </div>
      <form
        noValidate
        onSubmit={handleInvite}
        aria-label="Invite by email"
        className="flex flex-col gap-3 sm:flex-row sm:items-start"
      >
        <TextField
          label="Email"
          type="email"
          name="inviteEmail"
          className="flex-1"
          placeholder="name@example.com"
          maxLength={LIMITS.emailLength}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={emailError}
        />
        <Select
          label="Role"
          className="sm:w-40"
          options={roleOptions}
          value={role}
          onValueChange={setRole}
        />
        <Button type="submit" variant="secondary" isLoading={isSending} className="sm:mt-7">
          Send invitation
        </Button>
      </form>
      {invitations.sentTo ? (
        <Alert tone="success" role="status">
          Invitation sent to {invitations.sentTo}.
        </Alert>
      ) : null}
      {actionError ? <Alert tone="danger">{actionError}</Alert> : null}

      {state.status === "loading" ? (
        <SkeletonList rows={1} label="Loading pending invitations" />
      ) : null}
      {state.status === "error" ? (
        <Alert
          tone="danger"
          title="The pending invitations could not be loaded"
          action={
            <Button variant="secondary" size="sm" onClick={invitations.reload}>
              Try again
            </Button>
          }
        >
          {state.message}
        </Alert>
      ) : null}
      {state.status === "ready" && state.items.length > 0 ? (
        <ul
          aria-label="Pending invitations"
          className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200"
        >
          {state.items.map((invitation) => (
            <li key={invitation.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900">{invitation.email}</p>
                <p className="text-xs text-slate-500">
                  Expires{" "}
                  <time dateTime={invitation.expiresAt}>
                    {formatDateTime(invitation.expiresAt)}
                  </time>
                  {invitation.invitedBy ? ` · invited by ${invitation.invitedBy}` : ""}
                </p>
              </div>
              <Badge>{ROLE_LABELS[invitation.role]}</Badge>
              <Button
                variant="ghost"
                size="sm"
                isLoading={withdrawingId === invitation.id}
                aria-label={`Withdraw the invitation to ${invitation.email}`}
                onClick={() => void handleWithdraw(invitation)}
              >
                Withdraw
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {state.status === "ready" && state.items.length === 0 ? (
        <p className="text-sm text-slate-500">No pending invitations.</p>
      ) : null}
    </section>
  );
}
