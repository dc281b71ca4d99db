"use client";

import { useCallback, useState } from "react";
import type { Role } from "@/lib/model/roles";
import {
  inviteByEmail,
  listInvitations,
  revokeInvitation,
  type PendingInvitation,
} from "@/components/api/review-endpoints";
import { useResourceList } from "@/components/api/use-resource-list";

/**
 * A model's pending invitations (owners only) with sending and withdrawing. `invite` and
 * `revoke` throw ApiError when the server refuses; the list changes only when it agrees.
 * `sentTo` is the address of the last invitation sent, for a confirmation.
 */
export function useInvitations(modelId: string) {
  const load = useCallback((signal: AbortSignal) => listInvitations(modelId, signal), [modelId]);
  const { state, reload, update } = useResourceList<PendingInvitation>(load);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function invite(email: string, role: Role): Promise<PendingInvitation> {
    setSentTo(null);
    const invitation = await inviteByEmail(modelId, email, role);
    // A newer invitation to the same address replaces the pending one.
    update((items) => [invitation, ...items.filter((item) => item.email !== invitation.email)]);
    setSentTo(invitation.email);
    return invitation;
  }

  async function revoke(invitationId: string): Promise<void> {
    setSentTo(null);
    await revokeInvitation(modelId, invitationId);
    update((items) => items.filter((item) => item.id !== invitationId));
  }

  return { state, reload, invite, revoke, sentTo };
}

export type Invitations = ReturnType<typeof useInvitations>;
