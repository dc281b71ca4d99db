import { asc, eq, inArray } from "drizzle-orm";
import { comments, users, type CommentRow, type ThreadRow } from "@/drizzle/schema";
import type { Person, ThreadDetail, ThreadMessage, ThreadSummary } from "@/lib/review/schemas";
import { readTargetKind } from "@/lib/review/targets";
import type { Database } from "@/server/db/client";

/** The names of some users, by id. */
export async function loadPeople(
  db: Database,
  ids: Iterable<string | null>,
): Promise<Map<string, Person>> {
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((row) => [row.id, row]));
}

/** A message as the API shows it. */
export function presentMessage(row: CommentRow, people: Map<string, Person>): ThreadMessage {
  return {
    id: row.id,
    threadId: row.threadId,
    author: row.authorId ? (people.get(row.authorId) ?? null) : null,
    body: row.body,
    quotedId: row.quotedId,
    mentions: row.mentions,
    source: row.source,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
  };
}

/** What a summary needs of each message: who wrote it and whom it mentions. */
type MessageFacts = Pick<CommentRow, "authorId" | "mentions">;

/** A thread's summary from its row, the facts of its messages and the names of its people. */
export function summarizeThread(
  thread: ThreadRow,
  messages: readonly MessageFacts[],
  people: Map<string, Person>,
): ThreadSummary {
  const participants: Person[] = [];
  const mentioned = new Set<string>();
  for (const message of messages) {
    const author = message.authorId ? people.get(message.authorId) : undefined;
    if (author && !participants.some((p) => p.id === author.id)) participants.push(author);
    for (const id of message.mentions) mentioned.add(id);
  }
  return {
    id: thread.id,
    modelId: thread.modelId,
    target: {
      kind: readTargetKind(thread.targetKind),
      id: thread.targetId,
    },
    subject: thread.subject,
    isResolved: thread.resolvedAt !== null,
    resolvedBy: thread.resolvedBy ? (people.get(thread.resolvedBy) ?? null) : null,
    resolvedAt: thread.resolvedAt?.toISOString() ?? null,
    createdBy: thread.createdBy ? (people.get(thread.createdBy) ?? null) : null,
    createdAt: thread.createdAt.toISOString(),
    lastMessageAt: thread.lastMessageAt.toISOString(),
    messageCount: messages.length,
    participants,
    mentioned: [...mentioned],
  };
}

/** Summaries of threads (who wrote, how many messages), in the order given. */
export async function presentThreadSummaries(
  db: Database,
  threads: ThreadRow[],
): Promise<ThreadSummary[]> {
  if (threads.length === 0) return [];
  const facts = await db
    .select({
      threadId: comments.threadId,
      authorId: comments.authorId,
      mentions: comments.mentions,
    })
    .from(comments)
    .where(
      inArray(
        comments.threadId,
        threads.map((thread) => thread.id),
      ),
    )
    .orderBy(asc(comments.createdAt));
  const byThread = new Map<string, (typeof facts)[number][]>();
  for (const fact of facts) {
    const list = byThread.get(fact.threadId) ?? [];
    list.push(fact);
    byThread.set(fact.threadId, list);
  }
  const people = await loadPeople(db, [
    ...facts.map((fact) => fact.authorId),
    ...threads.flatMap((thread) => [thread.createdBy, thread.resolvedBy]),
  ]);
  return threads.map((thread) => summarizeThread(thread, byThread.get(thread.id) ?? [], people));
}

/** One thread with all its messages, oldest first. */
export async function presentThreadDetail(db: Database, thread: ThreadRow): Promise<ThreadDetail> {
  const rows = await db
    .select()
    .from(comments)
    .where(eq(comments.threadId, thread.id))
    .orderBy(asc(comments.createdAt), asc(comments.id));
  const people = await loadPeople(db, [
    ...rows.map((row) => row.authorId),
    thread.createdBy,
    thread.resolvedBy,
  ]);
  return {
    ...summarizeThread(thread, rows, people),
    messages: rows.map((row) => presentMessage(row, people)),
  };
}
