import { asc } from "drizzle-orm";
import { users } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import { isRuleSetAdmin } from "@/server/policies/policy";
import type { PublicUser } from "@/server/services/users/present-user";

/**
 * Whether the user administers the organisation's rule sets (see isRuleSetAdmin in server/policies/policy.ts). Only
 * looks up the first account when no ADMIN_EMAILS are configured.
 */
export async function checkRuleSetAdmin(
  db: Database,
  options: { user: PublicUser; adminEmails: readonly string[] },
): Promise<boolean> {
  let isFirstAccount = false;
  if (options.adminEmails.length === 0) {
    const [first] = await db
      .select({ id: users.id })
      .from(users)
      .orderBy(asc(users.createdAt), asc(users.id))
      .limit(1);
    isFirstAccount = first?.id === options.user.id;
  }
  return isRuleSetAdmin(
    { email: options.user.email, emailVerified: options.user.emailVerified, isFirstAccount },
    options.adminEmails,
  );
}
