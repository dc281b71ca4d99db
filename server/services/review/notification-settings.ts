import { eq } from "drizzle-orm";
import { users } from "@/drizzle/schema";
import { EMAIL_NOTIFICATION_CHOICES, type EmailNotificationChoice } from "@/lib/review/schemas";
import type { Database } from "@/server/db/client";

function readChoice(value: string | undefined): EmailNotificationChoice {
  return (EMAIL_NOTIFICATION_CHOICES as readonly string[]).includes(value ?? "")
    ? (value as EmailNotificationChoice)
    : "each";
}

/** How discussion reaches a user by email. */
export async function getNotificationSettings(
  db: Database,
  userId: string,
): Promise<{ emailNotifications: EmailNotificationChoice }> {
  const [row] = await db
    .select({ choice: users.emailNotifications })
    .from(users)
    .where(eq(users.id, userId));
  return { emailNotifications: readChoice(row?.choice) };
}

/** Sets how discussion reaches a user by email: each message, a daily digest, or off. */
export async function setNotificationSettings(
  db: Database,
  userId: string,
  choice: EmailNotificationChoice,
): Promise<void> {
  await db.update(users).set({ emailNotifications: choice }).where(eq(users.id, userId));
}
