import { nanoid } from "nanoid";
import { eq } from "drizzle-orm";
import { users } from "@/drizzle/schema";
import { LIMITS } from "@/lib/limits";
import type { Database } from "@/server/db/client";
import { presentUser, type PublicUser } from "@/server/services/users/present-user";

/**
 * The account of a user signed in through OIDC, matched by verified email; created on first
 * sign-in (without a password).
 */
export async function upsertOidcUser(
  db: Database,
  profile: { email: string; name: string },
): Promise<PublicUser> {
  const email = profile.email.trim().toLowerCase();
  const name = (profile.name.trim() || email).slice(0, LIMITS.nameLength);
  await db.insert(users).values({ id: nanoid(), email, name }).onConflictDoNothing();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  if (!user) throw new Error(`OIDC user ${email} could not be stored`);
  return presentUser(user);
}
