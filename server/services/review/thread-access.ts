import { eq } from "drizzle-orm";
import { threads, type ThreadRow } from "@/drizzle/schema";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/model/roles";
import type { Database } from "@/server/db/client";
import { authorizeOnModel, type ModelAction } from "@/server/policies/policy";
import { getMemberRole } from "@/server/services/members/get-member-role";

/**
 * A thread and the user's role in its model, after checking they may do `action` there. A
 * thread of a model the user is not a member of does not exist for them (not_found).
 */
export async function loadThreadFor(
  db: Database,
  options: { threadId: string; userId: string; action: ModelAction },
): Promise<{ thread: ThreadRow; role: Role }> {
  const [thread] = await db.select().from(threads).where(eq(threads.id, options.threadId));
  const role = thread
    ? await getMemberRole(db, { modelId: thread.modelId, userId: options.userId })
    : null;
  if (!thread || role === null) throw new AppError("not_found", "No such thread");
  authorizeOnModel(role, options.action);
  return { thread, role };
}
