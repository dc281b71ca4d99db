import { nanoid } from "nanoid";
import { and, eq, isNull } from "drizzle-orm";
import { sessions, users } from "@/drizzle/schema";
import { LIMITS } from "@/lib/limits";
import type { Database } from "@/server/db/client";
import { appendAuditEvent } from "@/server/services/audit/record-audit-event";
import { presentUser, type PublicUser } from "@/server/services/users/present-user";

/**
 * The account of a user signed in through single sign-on, whose provider verified the email
 * address (the sign-in callback refuses any other): created on the first sign-in (without a
 * password, the address verified), or the existing account with that address.
 *
 * An existing account whose address was never verified may have been created by someone else
 * with this person's address, waiting for them to arrive ("pre-account hijacking"). The
 * provider's verification settles who owns the address: the account becomes theirs, verified,
 * its password is removed and every session it had is revoked, so whoever set that password
 * is out. A verified account is simply linked.
 */
export async function upsertOidcUser(
  db: Database,
  profile: { email: string; name: string },
): Promise<PublicUser> {
  const email = profile.email.trim().toLowerCase();
  const name = (profile.name.trim() || email).slice(0, LIMITS.nameLength);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ id: nanoid(), email, name, emailVerifiedAt: new Date() })
      .onConflictDoNothing()
      .returning();
    if (created) {
      await appendAuditEvent(tx, {
        actorId: created.id,
        action: "user.signed-up",
        detail: { via: "single-sign-on" },
      });
      return presentUser(created);
    }
    const [existing] = await tx.select().from(users).where(eq(users.email, email));
    if (!existing) throw new Error(`the account of ${email} could not be stored`);
    if (existing.emailVerifiedAt !== null) return presentUser(existing);
    const [claimed] = await tx
      .update(users)
      .set({ emailVerifiedAt: new Date(), passwordHash: null })
      .where(eq(users.id, existing.id))
      .returning();
    await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.userId, existing.id), isNull(sessions.revokedAt)));
    await appendAuditEvent(tx, {
      actorId: existing.id,
      action: "user.single-sign-on-linked",
      detail: { email, hadPassword: existing.passwordHash !== null, sessionsRevoked: true },
    });
    return presentUser(claimed ?? existing);
  });
}
