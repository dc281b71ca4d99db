import { CLOSE_CODES } from "@/lib/collab/close-codes";
import type { Database } from "@/server/db/client";
import type { CollabConnection } from "@/server/collab/connection";
import { getMemberRole } from "@/server/services/members/get-member-role";
import { can, MEMBER } from "@/server/policies/policy";
import { isApiTokenActive } from "@/server/services/tokens/resolve-api-token";
import { isSessionActive } from "@/server/services/sessions/is-session-active";

/**
 * Whether an open connection may stay in the model's room: its credentials still valid and its
 * membership still there. Returns the (possibly changed) role, or the code to close it with.
 */
export async function checkConnectionAccess(
  db: Database,
  connection: CollabConnection,
  modelId: string,
): Promise<{ role: CollabConnection["role"] } | { closeCode: number; reason: string }> {
  if (connection.sessionExpiresAt !== null && connection.sessionExpiresAt <= Date.now()) {
    return { closeCode: CLOSE_CODES.unauthenticated, reason: "session expired" };
  }
  if (connection.tokenId !== null && !(await isApiTokenActive(db, connection.tokenId))) {
    return { closeCode: CLOSE_CODES.unauthenticated, reason: "token revoked" };
  }
  if (
    connection.sessionId !== null &&
    !(await isSessionActive(db, { sessionId: connection.sessionId, userId: connection.user.id }))
  ) {
    return { closeCode: CLOSE_CODES.unauthenticated, reason: "signed out" };
  }
  const role = await getMemberRole(db, { modelId, userId: connection.user.id });
  if (role === null || !can(MEMBER, "model.read", { kind: "model", role })) {
    return { closeCode: CLOSE_CODES.accessRevoked, reason: "access revoked" };
  }
  return { role };
}
