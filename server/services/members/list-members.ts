import { asc, eq } from "drizzle-orm";
import { memberships, users } from "@/drizzle/schema";
import { ROLES, isRole, type Role } from "@/lib/model/roles";
import type { Database } from "@/server/db/client";

/** A member as the API shows it. */
export interface PublicMember {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

/** The members of a model, owners first, then by name. */
export async function listMembers(db: Database, modelId: string): Promise<PublicMember[]> {
  const rows = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.modelId, modelId))
    .orderBy(asc(users.name));
  const members: PublicMember[] = [];
  for (const row of rows) if (isRole(row.role)) members.push({ ...row, role: row.role });
  return members.sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
}
