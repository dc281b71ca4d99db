import { eq } from "drizzle-orm";
import { threads } from "@/drizzle/schema";
import type { ThreadSummary } from "@/lib/review/schemas";
import { announceThreadChange } from "@/server/services/review/notify-thread";
import { presentThreadSummaries } from "@/server/services/review/present-threads";
import type { ReviewDeps } from "@/server/services/review/review-services";
import { loadThreadFor } from "@/server/services/review/thread-access";

/** Resolves or reopens a thread, or renames it (commenters and up); everyone sees it at once. */
export async function updateThread(
  deps: ReviewDeps,
  options: { threadId: string; userId: string; isResolved?: boolean; subject?: string },
): Promise<ThreadSummary> {
  const { thread } = await loadThreadFor(deps.db, { ...options, action: "model.comment" });
  const resolution =
    options.isResolved === undefined
      ? {}
      : options.isResolved
        ? thread.resolvedAt
          ? {}
          : { resolvedAt: new Date(), resolvedBy: options.userId }
        : { resolvedAt: null, resolvedBy: null };
  const [updated] = await deps.db
    .update(threads)
    .set({ ...resolution, ...(options.subject === undefined ? {} : { subject: options.subject }) })
    .where(eq(threads.id, thread.id))
    .returning();
  const changed = updated ?? thread;
  await announceThreadChange(deps, { thread: changed, message: null, toldUserIds: [] });
  const [summary] = await presentThreadSummaries(deps.db, [changed]);
  if (!summary) throw new Error("the thread vanished");
  return summary;
}
