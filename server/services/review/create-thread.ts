import { nanoid } from "nanoid";
import { threads } from "@/drizzle/schema";
import type { CreateThreadInput, ThreadDetail } from "@/lib/review/schemas";
import { authorizeOnModel } from "@/server/policies/policy";
import { getMemberRole } from "@/server/services/members/get-member-role";
import { announceThreadChange } from "@/server/services/review/notify-thread";
import { presentThreadDetail } from "@/server/services/review/present-threads";
import type { ReviewDeps } from "@/server/services/review/review-services";
import { describeExistingTarget, insertMessage } from "@/server/services/review/write-message";

/**
 * Opens a thread on the model or one of its parts with its first message (commenters and up).
 * The target must exist in the document. Everyone with the model open sees it at once; the
 * people it concerns find it in their inbox and, as they chose, by email.
 */
export async function createThread(
  deps: ReviewDeps,
  options: { modelId: string; userId: string; input: CreateThreadInput },
): Promise<ThreadDetail> {
  authorizeOnModel(await getMemberRole(deps.db, options), "model.comment");
  const { target, subject, body } = options.input;
  const about = await describeExistingTarget(deps, options.modelId, target);
  const written = await deps.db.transaction(async (tx) => {
    const [thread] = await tx
      .insert(threads)
      .values({
        id: nanoid(),
        modelId: options.modelId,
        targetKind: target.kind,
        targetId: target.id,
        subject,
        createdBy: options.userId,
      })
      .returning();
    if (!thread) throw new Error("the thread was not stored");
    return insertMessage(tx, deps, {
      thread,
      authorId: options.userId,
      body,
      quotedId: null,
      source: "web",
      isFirst: true,
      about,
    });
  });
  await announceThreadChange(deps, written);
  return presentThreadDetail(deps.db, written.thread);
}
