"use client";

import { useEffect, useId, useState, type FormEvent } from "react";
import { emailSchema } from "@/lib/api/schemas";
import { LIMITS } from "@/lib/limits";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/model/roles";
import { ApiError, getErrorMessage, isAbortError } from "@/components/api/api-client";
import { listMembers, replaceMembers } from "@/components/api/endpoints";
import type { Member } from "@/components/api/schemas";
import { Alert } from "@/components/ui/alert";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CloseIcon, PlusIcon } from "@/components/ui/icons";
import { Select, type SelectOption } from "@/components/ui/select";
import { SkeletonList } from "@/components/ui/skeleton";
import { TextField } from "@/components/ui/text-field";
import { InvitationsSection } from "./invitations-section";
import {
  mapMemberIssues,
  toMemberDrafts,
  validateMemberDrafts,
  type MemberDraft,
} from "./member-draft";
import { useInvitations } from "./use-invitations";

const ROLE_OPTIONS: readonly SelectOption<Role>[] = ROLES.map((role) => ({
  value: role,
  label: ROLE_LABELS[role],
}));

export interface MembersDialogProps {
  modelId: string;
  /** The signed-in user, marked "(you)" in the list. */
  currentUserId: string;
  /** Called with the saved list after a successful save. */
  onSaved: (members: Member[]) => void;
  onClose: () => void;
}

/**
 * The owner's member editor: change roles, remove people, add people by email with a role.
 * Nothing is sent until "Save changes", which replaces the whole list (PUT members). People
 * without an account are invited by email instead (sent at once): in the "Invite by email"
 * section, or with "Send an invitation instead" on a row the server refused.
 */
export function MembersDialog({ modelId, currentUserId, onSaved, onClose }: MembersDialogProps) {
  const formId = useId();
  const [loadState, setLoadState] = useState<"loading" | "ready" | { error: string }>("loading");
  const [drafts, setDrafts] = useState<MemberDraft[]>([]);
  const [newEmail, setNewEmail] = useState("");
  const [newRole, setNewRole] = useState<Role>("editor");
  const [newEmailError, setNewEmailError] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<Map<number, string>>(new Map());
  const [formError, setFormError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const invitations = useInvitations(modelId);
  const [invitingKey, setInvitingKey] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listMembers(modelId, controller.signal)
      .then((members) => {
        setDrafts(toMemberDrafts(members));
        setLoadState("ready");
      })
      .catch((caught: unknown) => {
        if (!isAbortError(caught)) setLoadState({ error: getErrorMessage(caught) });
      });
    return () => controller.abort();
  }, [modelId]);

  function clearErrors() {
    setRowErrors(new Map());
    setFormError(null);
  }

  function handleRoleChange(key: string, role: Role) {
    clearErrors();
    setDrafts((current) =>
      current.map((draft) => (draft.key === key ? { ...draft, role } : draft)),
    );
  }

  function handleRemove(key: string) {
    clearErrors();
    setDrafts((current) => current.filter((draft) => draft.key !== key));
  }

  function handleAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsedEmail = emailSchema.safeParse(newEmail);
    if (!parsedEmail.success) {
      setNewEmailError("Enter the email address of a Threat Room account.");
      return;
    }
    const email = parsedEmail.data;
    if (drafts.some((draft) => draft.email.toLowerCase() === email.toLowerCase())) {
      setNewEmailError("This person is already in the list.");
      return;
    }
    if (drafts.length >= LIMITS.membersPerModel) {
      setNewEmailError(`A model can have at most ${LIMITS.membersPerModel} members.`);
      return;
    }
    clearErrors();
    setNewEmailError(null);
    setDrafts((current) => [
      ...current,
      { key: `new:${email}`, email, name: "", role: newRole, isNew: true },
    ]);
    setNewEmail("");
  }

  /** Invites a refused new row's address with its role instead, and takes the row out. */
  async function handleInviteInstead(draft: MemberDraft, index: number) {
    setInvitingKey(draft.key);
    try {
      await invitations.invite(draft.email, draft.role);
    } catch (caught) {
      setRowErrors((current) => new Map(current).set(index, getErrorMessage(caught)));
      return;
    } finally {
      setInvitingKey(null);
    }
    setDrafts((current) => current.filter((candidate) => candidate.key !== draft.key));
    const remaining = new Map<number, string>();
    for (const [row, message] of rowErrors) {
      if (row !== index) remaining.set(row > index ? row - 1 : row, message);
    }
    setRowErrors(remaining);
    if (remaining.size === 0) setFormError(null);
  }

  async function handleSave() {
    clearErrors();
    const problem = validateMemberDrafts(drafts);
    if (problem) {
      setFormError(problem);
      return;
    }
    setIsSaving(true);
    try {
      const saved = await replaceMembers(
        modelId,
        drafts.map((draft) => ({ email: draft.email, role: draft.role })),
      );
      onSaved(saved);
      onClose();
    } catch (caught) {
      setIsSaving(false);
      if (caught instanceof ApiError && caught.issues.length > 0) {
        const { byRow, general } = mapMemberIssues(caught.issues);
        setRowErrors(byRow);
        setFormError([caught.message, ...general].join(" "));
      } else {
        setFormError(getErrorMessage(caught));
      }
    }
  }

  return (
    <Dialog
      title="Members"
      description="Choose who can open this model and what they can do. Changes apply when you save."
      size="lg"
      onClose={onClose}
      isBusy={isSaving}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={isSaving}>
            Cancel
          </Button>
          <Button onClick={handleSave} isLoading={isSaving} disabled={loadState !== "ready"}>
            Save changes
          </Button>
        </>
      }
    >
      <div className="space-y-5">
        {formError ? <Alert tone="danger">{formError}</Alert> : null}
        {loadState === "loading" ? <SkeletonList rows={2} label="Loading members" /> : null}
        {typeof loadState === "object" ? (
          <Alert tone="danger" title="The members could not be loaded">
            {loadState.error}
          </Alert>
        ) : null}
        {loadState === "ready" ? (
          <>
            <ul
              aria-label="Members"
              className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200"
            >
              {drafts.map((draft, index) => {
                const displayName = draft.name || draft.email;
                const isSelf = draft.key === currentUserId;
                const rowError = rowErrors.get(index);
                return (
                  <li key={draft.key} className="px-4 py-3">
                    <div className="flex items-center gap-3">
                      <Avatar name={displayName} userId={draft.key} size="sm" />
                      <div className="min-w-0 flex-1">
                        <p className="truncate text-sm font-medium text-slate-900">
                          {displayName}
                          {isSelf ? (
                            <span className="font-normal text-slate-500"> (you)</span>
                          ) : null}
                          {draft.isNew ? (
                            <span className="font-normal text-slate-500"> (not saved yet)</span>
                          ) : null}
                        </p>
                        {draft.name ? (
                          <p className="truncate text-xs text-slate-500">{draft.email}</p>
                        ) : null}
                      </div>
                      <Select
                        label="Role"
                        isLabelHidden
                        aria-label={`Role of ${displayName}`}
                        className="w-40"
                        options={ROLE_OPTIONS}
                        value={draft.role}
                        onValueChange={(role) => handleRoleChange(draft.key, role)}
                      />
                      <Button
                        variant="ghost"
                        size="icon"
                        aria-label={`Remove ${displayName}`}
                        title="Remove"
                        onClick={() => handleRemove(draft.key)}
                        icon={<CloseIcon />}
                      />
                    </div>
                    {rowError ? (
                      <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 pl-10">
                        <p className="text-sm text-red-700">{rowError}</p>
                        {draft.isNew ? (
                          <Button
                            variant="secondary"
                            size="sm"
                            isLoading={invitingKey === draft.key}
                            onClick={() => void handleInviteInstead(draft, index)}
                          >
                            Send an invitation instead
                            <span className="sr-only"> (to {draft.email})</span>
                          </Button>
                        ) : null}
                      </div>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            <form
              id={formId}
              noValidate
              onSubmit={handleAdd}
              aria-label="Add a member"
              className="flex flex-col gap-3 sm:flex-row sm:items-start"
            >
              <TextField
                label="Email"
                type="email"
                name="email"
                data-autofocus
                className="flex-1"
                placeholder="name@example.com"
                maxLength={LIMITS.emailLength}
                value={newEmail}
                onChange={(event) => setNewEmail(event.target.value)}
                error={newEmailError}
              />
              <Select
                label="Role"
                className="sm:w-40"
                options={ROLE_OPTIONS}
                value={newRole}
                onValueChange={setNewRole}
              />
              <Button type="submit" variant="secondary" icon={<PlusIcon />} className="sm:mt-7">
                Add
              </Button>
            </form>
            <p className="text-xs text-slate-500">
              Owners manage members. Facilitators and editors change the model. Commenters and
              viewers can read it but not change it.
            </p>
            <InvitationsSection invitations={invitations} roleOptions={ROLE_OPTIONS} />
          </>
        ) : null}
      </div>
    </Dialog>
  );
}
