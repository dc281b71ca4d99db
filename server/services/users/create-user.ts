import { nanoid } from "nanoid";
import { eq } from "drizzle-orm";
import { users } from "@/drizzle/schema";
import type { SignUpInput } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";
import type { Database } from "@/server/db/client";
import { hashPassword } from "@/server/auth/password";
import { findPasswordWeakness } from "@/server/auth/password-policy";
import { appendAuditEvent } from "@/server/services/audit/record-audit-event";
import { presentUser, type PublicUser } from "@/server/services/users/present-user";

/** Creates an account with email and password. Throws conflict when the email is taken. */
export async function createUser(db: Database, input: SignUpInput): Promise<PublicUser> {
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, input.email));
  if (existing) throw new AppError("conflict", "An account with this email already exists");
  const weakness = findPasswordWeakness(input.password, { email: input.email });
  if (weakness) {
    throw new AppError("bad_request", weakness, {
      issues: [{ path: "password", message: weakness }],
    });
  }
  const passwordHash = await hashPassword(input.password);
  const user = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ id: nanoid(), email: input.email, name: input.name, passwordHash })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new AppError("conflict", "An account with this email already exists");
    await appendAuditEvent(tx, { actorId: created.id, action: "user.signed-up" });
    return created;
  });
  return presentUser(user);
}
