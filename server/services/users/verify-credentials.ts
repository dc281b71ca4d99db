import { and, eq } from "drizzle-orm";
import { users } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import {
  hashPassword,
  needsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from "@/server/auth/password";
import { log } from "@/server/logger";
import { presentUser, type PublicUser } from "@/server/services/users/present-user";

/**
 * The user whose email and password match, or null. Takes the same time whether or not the
 * email exists, so answers do not reveal which accounts exist. A password stored with older
 * hash settings is hashed again with the current ones after the answer (the sign-in does not
 * wait for it).
 */
export async function verifyCredentials(
  db: Database,
  credentials: { email: string; password: string },
): Promise<PublicUser | null> {
  const [user] = await db.select().from(users).where(eq(users.email, credentials.email));
  if (!user?.passwordHash) {
    await verifyAgainstDummy(credentials.password);
    return null;
  }
  if (!(await verifyPassword(credentials.password, user.passwordHash))) return null;
  if (needsRehash(user.passwordHash)) {
    void upgradePasswordHash(db, {
      userId: user.id,
      password: credentials.password,
      previousHash: user.passwordHash,
    });
  }
  return presentUser(user);
}

/**
 * Stores the password hashed with the current settings, unless it changed meanwhile (a password
 * change wins). Never throws: the old hash keeps working when this fails.
 */
async function upgradePasswordHash(
  db: Database,
  options: { userId: string; password: string; previousHash: string },
): Promise<void> {
  try {
    const passwordHash = await hashPassword(options.password);
    await db
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, options.userId), eq(users.passwordHash, options.previousHash)));
  } catch (error) {
    log.warn("a password hash could not be upgraded", { userId: options.userId, error });
  }
}
