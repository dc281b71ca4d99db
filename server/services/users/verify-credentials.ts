import { eq } from "drizzle-orm";
import { users } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import { verifyAgainstDummy, verifyPassword } from "@/server/auth/password";
import { presentUser, type PublicUser } from "@/server/services/users/present-user";

/**
 * The user whose email and password match, or null. Takes the same time whether or not the
 * email exists, so answers do not reveal which accounts exist.
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
  return (await verifyPassword(credentials.password, user.passwordHash)) ? presentUser(user) : null;
}
