import type { ThreadMessage } from "@/lib/review/schemas";
import { readTargetKind } from "@/lib/review/targets";
import { announceThreadChange, describeAbout } from "@/server/services/review/notify-thread";
import { presentMessage, loadPeople } from "@/server/services/review/present-threads";
import type { ReviewDeps } from "@/server/services/review/review-services";
import { loadThreadFor } from "@/server/services/review/thread-access";
import { insertMessage, type MessageSource } from "@/server/services/review/write-message";
import { describeTarget } from "@/lib/review/target-names";

/**
 * Answers a thread (commenters and up), optionally quoting one of its messages. A reply to a
 * resolved thread stays in it; whoever resolved it can reopen it. The target's name in the
 * email is read from the document when the model is loaded, else left out.
 */
export async function postMessage(
  deps: ReviewDeps,
  options: {
    threadId: string;
    userId: string;
    body: string;
    quotedId?: string | null;
    source?: MessageSource;
  },
): Promise<ThreadMessage> {
  const { thread } = await loadThreadFor(deps.db, { ...options, action: "model.comment" });
  const kind = readTargetKind(thread.targetKind);
  const room = deps.rooms.peek(thread.modelId);
  const found = room ? describeTarget(room.doc, { kind, id: thread.targetId }) : null;
  const written = await deps.db.transaction((tx) =>
    insertMessage(tx, deps, {
      thread,
      authorId: options.userId,
      body: options.body,
      quotedId: options.quotedId ?? null,
      source: options.source ?? "web",
      isFirst: false,
      about: describeAbout(kind, found?.name || null),
    }),
  );
  await announceThreadChange(deps, written);
  return presentMessage(written.message, await loadPeople(deps.db, [options.userId]));
}
