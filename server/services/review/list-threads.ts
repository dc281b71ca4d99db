import { and, desc, eq, isNotNull, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import { threads } from "@/drizzle/schema";
import { REVIEW_LIMITS, type ThreadDetail, type ThreadSummary } from "@/lib/review/schemas";
import { THREAD_TARGET_KINDS } from "@/lib/review/targets";
import type { Database } from "@/server/db/client";
import { authorizeOnModel } from "@/server/policies/policy";
import { getMemberRole } from "@/server/services/members/get-member-role";
import {
  presentThreadDetail,
  presentThreadSummaries,
} from "@/server/services/review/present-threads";
import { loadThreadFor } from "@/server/services/review/thread-access";

/** GET /api/models/:id/threads?status=&about=&targetKind=&targetId= */
export const threadListQuery = z.object({
  status: z.enum(["all", "open", "resolved"]).default("all"),
  /** "mine": threads the user opened or wrote in; "mentions": where they are mentioned. */
  involving: z.enum(["anyone", "mine", "mentions"]).default("anyone"),
  targetKind: z.enum(THREAD_TARGET_KINDS).optional(),
  targetId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{0,64}$/)
    .optional(),
});
export type ThreadListQuery = z.infer<typeof threadListQuery>;

/**
 * A model's threads, most recently active first, filtered (readers of the model). At most
 * REVIEW_LIMITS.threadsPerPage.
 */
export async function listThreads(
  db: Database,
  options: { modelId: string; userId: string; query: ThreadListQuery },
): Promise<ThreadSummary[]> {
  authorizeOnModel(await getMemberRole(db, options), "model.read");
  const { query } = options;
  const where: SQL[] = [eq(threads.modelId, options.modelId)];
  if (query.status === "open") where.push(isNull(threads.resolvedAt));
  if (query.status === "resolved") where.push(isNotNull(threads.resolvedAt));
  if (query.targetKind) where.push(eq(threads.targetKind, query.targetKind));
  if (query.targetId !== undefined) where.push(eq(threads.targetId, query.targetId));
  const rows = await db
    .select()
    .from(threads)
    .where(and(...where))
    .orderBy(desc(threads.lastMessageAt))
    .limit(REVIEW_LIMITS.threadsPerPage);
  const summaries = await presentThreadSummaries(db, rows);
  if (query.involving === "anyone") return summaries;
  if (query.involving === "mentions") {
    return summaries.filter((thread) => thread.mentioned.includes(options.userId));
  }
  return summaries.filter(
    (thread) =>
      thread.createdBy?.id === options.userId ||
      thread.participants.some((person) => person.id === options.userId),
  );
}

/** One thread with its messages (readers of the model). */
export async function getThread(
  db: Database,
  options: { threadId: string; userId: string },
): Promise<ThreadDetail> {
  const { thread } = await loadThreadFor(db, { ...options, action: "model.read" });
  return presentThreadDetail(db, thread);
}
