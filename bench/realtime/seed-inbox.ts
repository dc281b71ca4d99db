/**
 * A large inbox, written straight into the database with drizzle in batches (posting 10,000
 * messages through the API would take minutes): one reader who is a member of `models` models,
 * each with a few threads written in by other members, and one inbox item of the reader's per
 * message, the newest first across every model. Each message also left an item for one other
 * member, so the reader's rows are half of the table and the query has to pick them out.
 */
import { sql } from "drizzle-orm";
import { nanoid } from "nanoid";
import { encode } from "next-auth/jwt";
import { comments, inboxItems, memberships, models, threads, users } from "@/drizzle/schema";
import { mentionToken } from "@/lib/review/mentions";
import type { Database } from "@/server/db/client";

/** What the seed made: the reader and how their inbox is made up. */
export interface SeededInbox {
  readerId: string;
  readerEmail: string;
  readerName: string;
  items: number;
  unread: number;
  archived: number;
  /** Rows of inbox_items in all (the reader's and the other members'). */
  totalRows: number;
}

const ROWS_PER_INSERT = 1_000;
const THREADS_PER_MODEL = 10;
const OTHER_MEMBERS = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

async function insertInBatches<Row>(
  rows: Row[],
  insert: (batch: Row[]) => Promise<unknown>,
): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await insert(rows.slice(start, start + ROWS_PER_INSERT));
  }
}

/**
 * Writes the reader's `items` inbox items across `modelCount` models. The oldest 60% are read,
 * the newest 40% unread; one item in 20 is archived. Ends with ANALYZE, as autovacuum would
 * have run on a database that grew to this size.
 */
export async function seedLargeInbox(
  db: Database,
  options: { items: number; modelCount: number },
): Promise<SeededInbox> {
  const runId = nanoid(6).toLowerCase();
  const reader = {
    id: nanoid(),
    email: `reader-${runId}@bench.test`,
    name: "Inbox Reader",
    emailVerifiedAt: new Date(),
  };
  const others = Array.from({ length: OTHER_MEMBERS }, (_, index) => ({
    id: nanoid(),
    email: `member-${index}-${runId}@bench.test`,
    name: `Member ${index + 1}`,
    emailVerifiedAt: new Date(),
  }));
  await db.insert(users).values([reader, ...others]);

  const start = Date.now() - 90 * DAY_MS;
  const modelRows = Array.from({ length: options.modelCount }, (_, index) => ({
    id: nanoid(),
    title: `Inbox model ${index + 1}`,
    createdBy: reader.id,
    createdAt: new Date(start),
    updatedAt: new Date(start),
  }));
  await db.insert(models).values(modelRows);
  await insertInBatches(
    modelRows.flatMap((model) => [
      { modelId: model.id, userId: reader.id, role: "owner" },
      ...others.map((other) => ({ modelId: model.id, userId: other.id, role: "editor" })),
    ]),
    (batch) => db.insert(memberships).values(batch),
  );

  const threadRows = modelRows.flatMap((model, modelIndex) =>
    Array.from({ length: THREADS_PER_MODEL }, (_, index) => ({
      id: nanoid(),
      modelId: model.id,
      targetKind: index % 2 === 0 ? "model" : "threat",
      targetId: index % 2 === 0 ? "" : nanoid(),
      subject: `Question ${index + 1} on model ${modelIndex + 1}`,
      createdBy: others[(modelIndex + index) % OTHER_MEMBERS]?.id ?? null,
      createdAt: new Date(start),
      lastMessageAt: new Date(start),
    })),
  );

  // Message i is in model i % modelCount, so the newest page spans every model.
  const step = (90 * DAY_MS) / options.items;
  const commentRows: (typeof comments.$inferInsert)[] = [];
  const itemRows: (typeof inboxItems.$inferInsert)[] = [];
  let unread = 0;
  let archived = 0;
  for (let index = 0; index < options.items; index += 1) {
    const modelIndex = index % options.modelCount;
    const model = modelRows[modelIndex];
    const thread =
      threadRows[
        modelIndex * THREADS_PER_MODEL +
          (Math.floor(index / options.modelCount) % THREADS_PER_MODEL)
      ];
    const author = others[index % OTHER_MEMBERS];
    const bystander = others[(index + 7) % OTHER_MEMBERS];
    if (!model || !thread || !author || !bystander) throw new Error("seed out of range");
    const createdAt = new Date(start + index * step);
    thread.lastMessageAt = createdAt;
    const commentId = nanoid();
    const isMention = index % 10 === 3;
    commentRows.push({
      id: commentId,
      threadId: thread.id,
      authorId: author.id,
      body:
        (isMention ? `${mentionToken(reader)} ` : "") +
        `Message ${index + 1}: the **token refresh** path skips the audience check when the ` +
        "cache is warm; see the flow from the gateway. Should we add a mitigation here?",
      mentions: isMention ? [reader.id] : [],
      createdAt,
    });
    const isUnread = index >= options.items * 0.6;
    const isArchived = index % 20 === 11;
    if (isArchived) archived += 1;
    else if (isUnread) unread += 1;
    const item = {
      modelId: model.id,
      threadId: thread.id,
      commentId,
      actorId: author.id,
      createdAt,
    };
    itemRows.push({
      ...item,
      userId: reader.id,
      reason: isMention ? "mention" : index % 10 === 0 ? "new-thread" : "reply",
      isRead: !isUnread || isArchived,
      isArchived,
    });
    itemRows.push({ ...item, userId: bystander.id, reason: "reply", isRead: true });
  }
  await insertInBatches(threadRows, (batch) => db.insert(threads).values(batch));
  await insertInBatches(commentRows, (batch) => db.insert(comments).values(batch));
  await insertInBatches(itemRows, (batch) => db.insert(inboxItems).values(batch));
  await db.execute(sql`analyze`);
  return {
    readerId: reader.id,
    readerEmail: reader.email,
    readerName: reader.name,
    items: options.items,
    unread,
    archived,
    totalRows: itemRows.length,
  };
}

/** The Cookie and Origin headers of a session of `user` on the server at `port`. */
export async function benchSessionHeaders(
  user: { id: string; email: string; name: string },
  secret: string,
  port: number,
): Promise<Record<string, string>> {
  const token = await encode({
    token: { sub: user.id, email: user.email, name: user.name },
    secret,
  });
  return { cookie: `next-auth.session-token=${token}`, origin: `http://127.0.0.1:${port}` };
}
