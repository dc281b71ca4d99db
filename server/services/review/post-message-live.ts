import { asc, eq } from "drizzle-orm";
import { nanoid } from "nanoid";
import { comments, threads } from "@/drizzle/schema";
import { encodeJsonMessage, MESSAGE_THREAD_CHANGED } from "@/lib/collab/messages";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/model/roles";
import type { Person, ThreadMessage, ThreadNotice } from "@/lib/review/schemas";
import { describeTarget } from "@/lib/review/target-names";
import { readTargetKind } from "@/lib/review/targets";
import { loadPeople, summarizeThread } from "@/server/services/review/present-threads";
import { log } from "@/server/logger";
import { authorizeOnModel } from "@/server/policies/policy";
import { describeAbout } from "@/server/services/review/notify-thread";
import type { ReviewDeps } from "@/server/services/review/review-services";
import type { LiveThread } from "@/server/services/review/live-threads";
import { insertMessage, memberMentions } from "@/server/services/review/write-message";

/** Names of people by id, kept by this process: a live summary only needs them to read well. */
const names = new Map<string, string>();
const NAMES_KEPT = 5_000;

async function namesOf(deps: ReviewDeps, ids: readonly string[]): Promise<Map<string, Person>> {
  const missing = [...new Set(ids)].filter((id) => !names.has(id));
  if (missing.length > 0) {
    const rows = [...(await loadPeople(deps.db, missing)).values()];
    if (names.size + rows.length > NAMES_KEPT) names.clear();
    for (const row of rows) names.set(row.id, row.name);
  }
  const found = new Map<string, Person>();
  for (const id of ids) {
    const name = names.get(id);
    if (name !== undefined) found.set(id, { id, name });
  }
  return found;
}

/** A thread and the facts of its messages, read from the database. */
async function readLiveThread(deps: ReviewDeps, threadId: string): Promise<LiveThread | null> {
  const rows = await deps.db
    .select({
      thread: threads,
      commentId: comments.id,
      authorId: comments.authorId,
      mentions: comments.mentions,
    })
    .from(threads)
    .leftJoin(comments, eq(comments.threadId, threads.id))
    .where(eq(threads.id, threadId))
    .orderBy(asc(comments.createdAt));
  const thread = rows[0]?.thread;
  if (!thread) return null;
  const facts = rows.flatMap((row) =>
    row.commentId === null
      ? []
      : [{ id: row.commentId, authorId: row.authorId, mentions: row.mentions ?? [] }],
  );
  return { thread, facts };
}

/**
 * Writes a message sent on the model's socket, where the server already knows the member and
 * their current role: everyone with the model open gets it first (one read of the thread on
 * the way), then it is stored with the inbox items and email it causes, in one transaction,
 * under the id and time it was announced with. Should storing fail, everyone is told the
 * message is withdrawn and the sender gets the error, their text still in the composer.
 */
export async function postMessageLive(
  deps: ReviewDeps,
  options: {
    modelId: string;
    user: { id: string; name: string };
    role: Role | null;
    threadId: string;
    body: string;
    quotedId: string | null;
  },
): Promise<ThreadMessage> {
  authorizeOnModel(options.role, "model.comment");
  if (!deps.review.messageLimiter.hit(options.user.id)) {
    throw new AppError("rate_limited", "You are writing faster than we allow; wait a minute");
  }
  const live =
    deps.review.liveThreads.get(options.threadId) ?? (await readLiveThread(deps, options.threadId));
  if (!live || live.thread.modelId !== options.modelId) {
    throw new AppError("not_found", "No such thread");
  }
  const { thread, facts } = live;
  if (options.quotedId && !facts.some((fact) => fact.id === options.quotedId)) {
    throw new AppError("bad_request", "The quoted message is not in this thread");
  }
  const mentions = options.body.includes("](mention:")
    ? await memberMentions(deps.db, options.modelId, options.body)
    : [];
  const announced = { id: nanoid(), createdAt: new Date(), mentions };
  names.set(options.user.id, options.user.name);
  const allFacts = [...facts, { id: announced.id, authorId: options.user.id, mentions }];
  const people = await namesOf(deps, [
    ...allFacts.flatMap((fact) => (fact.authorId ? [fact.authorId] : [])),
    ...(thread.createdBy ? [thread.createdBy] : []),
    ...(thread.resolvedBy ? [thread.resolvedBy] : []),
  ]);
  const message: ThreadMessage = {
    id: announced.id,
    threadId: thread.id,
    author: { id: options.user.id, name: options.user.name },
    body: options.body,
    quotedId: options.quotedId,
    mentions,
    source: "web",
    createdAt: announced.createdAt.toISOString(),
    editedAt: null,
  };
  const push = (notice: ThreadNotice) =>
    deps.rooms.pushNotice(options.modelId, encodeJsonMessage(MESSAGE_THREAD_CHANGED, notice));
  push({
    thread: summarizeThread({ ...thread, lastMessageAt: announced.createdAt }, allFacts, people),
    message,
  });
  deps.review.liveThreads.set(thread.id, {
    thread: { ...thread, lastMessageAt: announced.createdAt },
    facts: allFacts,
  });

  const kind = readTargetKind(thread.targetKind);
  const room = deps.rooms.peek(options.modelId);
  const found = room ? describeTarget(room.doc, { kind, id: thread.targetId }) : null;
  try {
    const written = await deps.db.transaction((tx) =>
      insertMessage(tx, deps, {
        thread,
        authorId: options.user.id,
        body: options.body,
        quotedId: options.quotedId,
        source: "web",
        isFirst: false,
        about: describeAbout(kind, found?.name || null),
        announced,
      }),
    );
    deps.review.userEvents.publish(written.toldUserIds, { type: "inbox" });
    if (written.toldUserIds.length > 0) deps.review.outbox.kick();
  } catch (error) {
    deps.review.liveThreads.forget(thread.id);
    log.error("an announced message could not be stored", {
      modelId: options.modelId,
      threadId: thread.id,
      error,
    });
    push({
      thread: summarizeThread(thread, facts, people),
      message: null,
      retractedMessageId: announced.id,
    });
    throw new AppError("unavailable", "The message could not be saved; try again", {
      cause: error,
    });
  }
  return message;
}
