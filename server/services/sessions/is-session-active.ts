import { and, eq, gt, isNull } from "drizzle-orm";
import { sessions } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";

/** True when the session exists, belongs to the user, is not revoked and has not expired. */
export async function isSessionActive(
  db: Database,
  options: { sessionId: string; userId: string },
): Promise<boolean> {
  const [row] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(
        eq(sessions.id, options.sessionId),
        eq(sessions.userId, options.userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date()),
      ),
    );
  return row !== undefined;
}
