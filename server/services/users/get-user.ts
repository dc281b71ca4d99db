import { eq } from "drizzle-orm";
import { users } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import { presentUser, type PublicUser } from "@/server/services/users/present-user";

/** The user with this id, or null. */
export async function getUser(db: Database, userId: string): Promise<PublicUser | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user ? presentUser(user) : null;
}
