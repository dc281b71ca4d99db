import { and, eq, isNull } from "drizzle-orm";
import { users } from "@/drizzle/schema";
import { AppError } from "@/lib/errors";
import { readEmailVerificationToken } from "@/server/auth/email-verification-token";
import type { Database } from "@/server/db/client";
import { appendAuditEvent } from "@/server/services/audit/record-audit-event";
import { presentUser, type PublicUser } from "@/server/services/users/present-user";

const INVALID_LINK =
  "This confirmation link is not valid or has expired; sign in and ask for a new one";

/**
 * Marks the user's email address verified, given a token from a verification email
 * (createEmailVerificationToken). The token must be signed with `secret`, unexpired, and name
 * the address the account still has; using it again changes nothing.
 */
export async function verifyEmail(
  db: Database,
  options: { token: string; secret: string },
): Promise<PublicUser> {
  const claim = readEmailVerificationToken(options.token, options.secret);
  if (!claim) throw new AppError("bad_request", INVALID_LINK);
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, claim.userId));
    if (!user || user.email !== claim.email) throw new AppError("bad_request", INVALID_LINK);
    if (user.emailVerifiedAt !== null) return presentUser(user);
    const [verified] = await tx
      .update(users)
      .set({ emailVerifiedAt: new Date() })
      .where(and(eq(users.id, user.id), isNull(users.emailVerifiedAt)))
      .returning();
    await appendAuditEvent(tx, {
      actorId: user.id,
      action: "user.email-verified",
      detail: { email: user.email },
    });
    return presentUser(verified ?? user);
  });
}
