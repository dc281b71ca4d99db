import { and, eq, isNull, ne } from "drizzle-orm";
import { sessions, users } from "@/drizzle/schema";
import { AppError } from "@/lib/errors";
import type { RoomManager } from "@/server/collab/room-manager";
import type { Database } from "@/server/db/client";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { findPasswordWeakness } from "@/server/auth/password-policy";
import { appendAuditEvent } from "@/server/services/audit/record-audit-event";
import { closeRevokedSessions } from "@/server/services/sessions/revoke-sessions";

/**
 * Changes a user's password, given the current one, and signs every other session out: the
 * reason people change a password is usually that someone else may know it. The session making
 * the change stays (`keepSessionId`). The new hash and the revocations are one transaction.
 * Returns how many sessions were signed out. Throws bad_request with the field at fault.
 */
export async function changePassword(
  db: Database,
  rooms: RoomManager,
  options: {
    userId: string;
    keepSessionId: string | null;
    currentPassword: string;
    newPassword: string;
  },
): Promise<{ signedOut: number }> {
  const [user] = await db.select().from(users).where(eq(users.id, options.userId));
  if (!user) throw new AppError("not_found", "No such account");
  if (user.passwordHash === null) {
    throw new AppError(
      "bad_request",
      "This account signs in through single sign-on and has no password to change",
    );
  }
  if (!(await verifyPassword(options.currentPassword, user.passwordHash))) {
    throw new AppError("bad_request", "The current password is not right", {
      issues: [{ path: "currentPassword", message: "This is not your current password" }],
    });
  }
  const weakness =
    options.newPassword === options.currentPassword
      ? "Choose a password different from the current one"
      : findPasswordWeakness(options.newPassword, { email: user.email });
  if (weakness) {
    throw new AppError("bad_request", weakness, {
      issues: [{ path: "newPassword", message: weakness }],
    });
  }
  const passwordHash = await hashPassword(options.newPassword);
  const revoked = await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    const rows = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(sessions.userId, user.id),
          isNull(sessions.revokedAt),
          options.keepSessionId === null ? undefined : ne(sessions.id, options.keepSessionId),
        ),
      )
      .returning({ id: sessions.id });
    await appendAuditEvent(tx, {
      actorId: user.id,
      action: "user.password-changed",
      detail: { sessionsRevoked: rows.length },
    });
    return new Set(rows.map((row) => row.id));
  });
  await closeRevokedSessions(rooms, db, user.id, revoked);
  return { signedOut: revoked.size };
}
