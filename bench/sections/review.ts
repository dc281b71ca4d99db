/**
 * Discussion: the inbox's first page for a user with 10,000 items across 50 models (on PGlite
 * and on PostgreSQL), and how long a comment takes to reach everyone with the model open.
 *
 * Inbox: the items are written straight into a fresh database with drizzle (bench/realtime/
 * seed-inbox.ts), then our server is started on that database and GET /api/inbox (the default
 * page of 50) is timed over HTTP on loopback, from sending the request to having read the whole
 * answer: authentication, the query, the unread count and the JSON included. Before the server
 * starts, the same page is also timed as a call of the service (listInbox) on the seeding
 * connection, for where the time goes.
 *
 * Live comments: 20 members of one model each have it open on a websocket (the socket that
 * syncs the document, as in the workspace). One member at a time sends a message to a thread on
 * that socket (MESSAGE_THREAD_COMMAND), as the workspace does; the other 19 sockets record when
 * the thread notice
 * (MESSAGE_THREAD_CHANGED) carrying that message arrives. In alternating slices of the same run
 * and room, the sync workload of the facilitation section is measured (one writer changes a
 * threat every 20 ms, 19 receive), so the ratio compares the two on the same server and moment.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import type WebSocket from "ws";
import * as Y from "yjs";
import { z } from "zod";
import {
  encodeJsonMessage,
  MESSAGE_THREAD_ANSWER,
  MESSAGE_THREAD_CHANGED,
  MESSAGE_THREAD_COMMAND,
} from "@/lib/collab/messages";
import { SCHEMA_VERSION } from "@/lib/model/document";
import { addThreat, updateThreat } from "@/lib/model/threats";
import { inboxPageSchema } from "@/lib/review/inbox";
import { threadNoticeSchema } from "@/lib/review/schemas";
import { openDatabase, type DatabaseHandle } from "@/server/db/client";
import { listInbox } from "@/server/services/review/inbox";
import {
  createScratchDatabase,
  type ScratchDatabase,
} from "../../tests/integration/support/scratch-database";
import { percentile } from "../realtime/percentile";
import { connectProtocolClient, type ProtocolClient } from "../realtime/protocol-client";
import { callApi, createBenchModels, signUpBenchUser, type BenchUser } from "../realtime/seed";
import { benchSessionHeaders, seedLargeInbox, type SeededInbox } from "../realtime/seed-inbox";
import { BENCH_SECRET, startBenchServer } from "../realtime/spawn-server";
import { roundFigure, type BenchSection, type SectionResult, type TableCell } from "../section";

const INBOX_ITEMS = 10_000;
const INBOX_MODELS = 50;
const INBOX_PAGE = 50;
/** The PostgreSQL server the inbox is also measured on (BENCH_DATABASE_URL when set). */
const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";
const INBOX_GOAL_MS = 50;

const MEMBERS = 20;
const THREADS = 4;
/** Pause after a comment reached everyone, before the next: one comment every ~50-100 ms. */
const COMMENT_GAP_MS = 50;
const WRITE_INTERVAL_MS = 20;
const SETTLE_LIMIT_MS = 3_000;
const COMMENT_RATIO_GOAL = 1.5;

/** Milliseconds of one way of answering the inbox's first page, ascending. */
interface InboxTimings {
  http: number[];
  service: number[];
  seedSeconds: number;
  seeded: SeededInbox;
}

const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/** Times `run` `repetitions` times after `warmups` untimed runs; milliseconds, ascending. */
async function timeRepeatedly(
  run: () => Promise<void>,
  warmups: number,
  repetitions: number,
): Promise<number[]> {
  for (let index = 0; index < warmups; index += 1) await run();
  const times: number[] = [];
  for (let index = 0; index < repetitions; index += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return sorted(times);
}

/** Whether PostgreSQL answers at `url` within a few seconds. */
async function canReach(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Seeds a fresh database of `kind` with the large inbox, times the service call on the seeding
 * connection, then starts our server on it and times GET /api/inbox.
 */
async function measureInbox(
  kind: "pglite" | "postgres",
  options: { adminUrl: string; warmups: number; repetitions: number },
): Promise<InboxTimings> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "threat-room-bench-inbox-"));
  let scratch: ScratchDatabase | null = null;
  let handle: DatabaseHandle | null = null;
  try {
    if (kind === "postgres") scratch = await createScratchDatabase(options.adminUrl, "tr_bench");
    handle = await openDatabase({ databaseUrl: scratch?.url, dataDir });
    const seedStarted = performance.now();
    const seeded = await seedLargeInbox(handle.db, {
      items: INBOX_ITEMS,
      modelCount: INBOX_MODELS,
    });
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const db = handle.db;
    const service = await timeRepeatedly(
      async () => {
        const page = await listInbox(db, {
          userId: seeded.readerId,
          filter: "all",
          limit: INBOX_PAGE,
        });
        if (page.items.length !== INBOX_PAGE) throw new Error("the inbox page is not full");
      },
      options.warmups,
      options.repetitions,
    );
    await handle.close();
    handle = null;

    // The server on what was seeded: the PGlite folder, or the scratch database.
    const server = await startBenchServer(
      "ours",
      { DATABASE_URL: scratch?.url ?? "" },
      scratch ? {} : { dataDir },
    );
    try {
      const headers = await benchSessionHeaders(
        { id: seeded.readerId, email: seeded.readerEmail, name: seeded.readerName },
        BENCH_SECRET,
        server.port,
      );
      const first = inboxPageSchema.parse(
        await callApi(server, "GET", "/api/inbox", undefined, headers),
      );
      if (first.items.length !== INBOX_PAGE || first.unreadCount !== seeded.unread) {
        throw new Error(
          `inbox answered ${first.items.length} items and ${first.unreadCount} unread; ` +
            `expected ${INBOX_PAGE} and ${seeded.unread}`,
        );
      }
      const url = `http://127.0.0.1:${server.port}/api/inbox`;
      const http = await timeRepeatedly(
        async () => {
          const response = await fetch(url, { headers });
          await response.text();
          if (!response.ok) throw new Error(`GET /api/inbox: ${response.status}`);
        },
        options.warmups,
        options.repetitions,
      );
      return { http, service, seedSeconds, seeded };
    } finally {
      await server.stop();
    }
  } finally {
    await handle?.close().catch(() => undefined);
    await scratch?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A comment on its way: when it was posted, by whom, and which sockets have its notice. */
interface PendingComment {
  sentAt: number;
  poster: number;
  isTimed: boolean;
  received: Set<number>;
  onComplete: (() => void) | null;
}

/** What the live-comment run measured, in milliseconds, ascending. */
interface LiveTimings {
  comments: number[];
  posts: number[];
  sync: number[];
  commentCount: number;
  expectedPairs: number;
  expectedSync: number;
}

/** The live-comment workload and the sync workload, in alternating slices of one room. */
async function measureLiveComments(options: {
  slices: number;
  commentSliceMs: number;
  writeSliceMs: number;
}): Promise<LiveTimings> {
  const server = await startBenchServer("ours");
  const clients: ProtocolClient[] = [];
  try {
    const members: BenchUser[] = [];
    for (let index = 0; index < MEMBERS; index += 1) {
      members.push(await signUpBenchUser(server, `Bench Member ${index + 1}`));
    }
    const [owner, ...editors] = members;
    if (!owner) throw new Error("no members");
    const [modelId] = await createBenchModels(server, { owner, editors, count: 1 });
    if (!modelId) throw new Error("no model");
    const url = `ws://127.0.0.1:${server.port}/collab/${modelId}?schema=${SCHEMA_VERSION}`;

    // Comments in flight, by body (the notice comes before the answer, with the id).
    const pending = new Map<string, PendingComment>();
    /** The posters' answers (MESSAGE_THREAD_ANSWER) awaited, by request id. */
    const answers = new Map<string, () => void>();
    const commentSamples: number[] = [];
    let checkedNotice = false;
    const onThreadNotice = (receiver: number, data: Buffer) => {
      const at = performance.now();
      const notice = JSON.parse(data.subarray(1).toString("utf8")) as {
        message?: { body?: unknown } | null;
      };
      if (!checkedNotice) {
        threadNoticeSchema.parse(notice);
        checkedNotice = true;
      }
      const body = notice.message?.body;
      const comment = typeof body === "string" ? pending.get(body) : undefined;
      if (!comment || receiver === comment.poster || comment.received.has(receiver)) return;
      comment.received.add(receiver);
      if (comment.isTimed) commentSamples.push(at - comment.sentAt);
      if (comment.received.size === MEMBERS - 1) comment.onComplete?.();
    };

    // The sync workload's bookkeeping, as in the facilitation section.
    const syncSamples: number[] = [];
    const syncEdits: { clock: number; sentAt: number | null }[] = [];
    const held = new Array<number>(MEMBERS).fill(0);
    let writerId = -1;
    for (let index = 0; index < MEMBERS; index += 1) {
      const member = members[index];
      if (!member) throw new Error("no member");
      const client = connectProtocolClient({
        url,
        headers: member.headers,
        name: `Member ${index + 1}`,
        onRemoteChange: (doc) => {
          if (index === 0 || writerId < 0) return;
          const clock = Y.getState(doc.store, writerId);
          const now = performance.now();
          let next = held[index] ?? 0;
          for (let edit = syncEdits[next]; edit && edit.clock <= clock; edit = syncEdits[++next]) {
            if (edit.sentAt !== null) syncSamples.push(now - edit.sentAt);
          }
          held[index] = next;
        },
      });
      const socket: WebSocket = client.socket;
      socket.on("message", (data: Buffer) => {
        if (data[0] === MESSAGE_THREAD_CHANGED && data.length > 1) onThreadNotice(index, data);
        if (data[0] === MESSAGE_THREAD_ANSWER && data.length > 1) {
          const answer = JSON.parse(data.subarray(1).toString("utf8")) as {
            requestId?: unknown;
            ok?: unknown;
          };
          if (answer.ok !== true)
            throw new Error(`a comment was refused: ${JSON.stringify(answer)}`);
          if (typeof answer.requestId === "string") answers.get(answer.requestId)?.();
        }
      });
      clients.push(client);
      await client.synced;
    }
    const writer = clients[0];
    const last = clients.at(-1);
    if (!writer || !last) throw new Error("no clients");
    writerId = writer.doc.clientID;
    const threatId = addThreat(writer.doc, { title: "Replay", category: "spoofing" }, "bench");
    while (Y.getState(last.doc.store, writerId) === 0) await sleep(5);

    const threadIds: string[] = [];
    const threadAnswerSchema = z.object({ thread: z.object({ id: z.string() }) });
    for (let index = 0; index < THREADS; index += 1) {
      const answer = threadAnswerSchema.parse(
        await callApi(
          server,
          "POST",
          `/api/models/${modelId}/threads`,
          {
            target: { kind: "model" },
            subject: `Open question ${index + 1}`,
            body: "Where do we validate the tokens the gateway forwards?",
          },
          owner.headers,
        ),
      );
      threadIds.push(answer.thread.id);
    }
    await sleep(500);

    const postSamples: number[] = [];
    let commentCount = 0;
    let timedComments = 0;
    /** One comment: posted by the next member, until all 19 others have its notice. */
    const comment = async (isTimed: boolean) => {
      const number = commentCount;
      commentCount += 1;
      const poster = number % MEMBERS;
      const member = members[poster];
      const threadId = threadIds[number % THREADS];
      if (!member || !threadId) throw new Error("no poster");
      const body =
        `Comment ${number + 1}: the refresh token is replayable for five minutes after ` +
        "logout; should the gateway keep a deny list, or do we shorten the lifetime?";
      const arrived = new Promise<void>((resolve) => {
        pending.set(body, {
          sentAt: performance.now(),
          poster,
          isTimed,
          received: new Set(),
          onComplete: resolve,
        });
      });
      if (isTimed) timedComments += 1;
      const sentAt = performance.now();
      // On the poster's socket, as the workspace sends a reply.
      const requestId = `c${number}`;
      const posted = new Promise<void>((resolve) => {
        answers.set(requestId, () => {
          if (isTimed) postSamples.push(performance.now() - sentAt);
          resolve();
        });
      });
      clients[poster]?.socket.send(
        encodeJsonMessage(MESSAGE_THREAD_COMMAND, {
          requestId,
          command: { type: "post", threadId, body },
        }),
      );
      await Promise.all([
        Promise.race([arrived, sleep(SETTLE_LIMIT_MS)]),
        Promise.race([posted, sleep(SETTLE_LIMIT_MS)]),
      ]);
      pending.delete(body);
      answers.delete(requestId);
    };

    const commentSlice = async (isTimed: boolean) => {
      const until = performance.now() + options.commentSliceMs;
      while (performance.now() < until) {
        await comment(isTimed);
        await sleep(COMMENT_GAP_MS);
      }
    };

    let timedEdits = 0;
    const writeSlice = async (isTimed: boolean) => {
      let revision = 0;
      const timer = setInterval(() => {
        revision += 1;
        const sentAt = performance.now();
        updateThreat(writer.doc, threatId, { description: `Revision ${revision}` });
        if (isTimed) timedEdits += 1;
        syncEdits.push({
          clock: Y.getState(writer.doc.store, writerId),
          sentAt: isTimed ? sentAt : null,
        });
      }, WRITE_INTERVAL_MS);
      await sleep(options.writeSliceMs);
      clearInterval(timer);
      const deadline = performance.now() + SETTLE_LIMIT_MS;
      while (
        held.slice(1).some((count) => count < syncEdits.length) &&
        performance.now() < deadline
      ) {
        await sleep(5);
      }
    };

    await commentSlice(false);
    await writeSlice(false);
    for (let slice = 0; slice < options.slices; slice += 1) {
      await commentSlice(true);
      await writeSlice(true);
    }
    return {
      comments: sorted(commentSamples),
      posts: sorted(postSamples),
      sync: sorted(syncSamples),
      commentCount: timedComments,
      expectedPairs: timedComments * (MEMBERS - 1),
      expectedSync: timedEdits * (MEMBERS - 1),
    };
  } finally {
    for (const client of clients) client.close();
    await server.stop();
  }
}

const p = (values: readonly number[], fraction: number) =>
  roundFigure(percentile(values, fraction));

/**
 * `inbox_ms_10k_pglite`, `inbox_ms_10k_postgres` and `inbox_ms_10k` (the larger), then
 * `comment_live_p99_ms_20` beside `comment_sync_p99_ms_20` of the same room and run.
 */
export const reviewSection: BenchSection = {
  name: "review",
  title: "Discussion: inbox and live comments",
  run: async ({ isQuick }): Promise<SectionResult> => {
    const repetitions = isQuick ? 15 : 50;
    const warmups = isQuick ? 3 : 5;
    const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_POSTGRES_URL;
    const rows: TableCell[][] = [];
    const notes: string[] = [];
    const figures: Record<string, number> = {};

    const inboxRows = (label: string, timings: InboxTimings) => {
      rows.push(
        [
          `inbox page 1, ${label}: GET /api/inbox`,
          p(timings.http, 0.5),
          p(timings.http, 0.95),
          p(timings.http, 0.99),
          timings.http.length,
        ],
        [
          `inbox page 1, ${label}: listInbox() alone`,
          p(timings.service, 0.5),
          p(timings.service, 0.95),
          p(timings.service, 0.99),
          timings.service.length,
        ],
      );
    };

    const pglite = await measureInbox("pglite", { adminUrl, warmups, repetitions });
    inboxRows("PGlite", pglite);
    figures.inbox_ms_10k_pglite = p(pglite.http, 0.5);
    figures.inbox_p95_ms_10k_pglite = p(pglite.http, 0.95);

    const unreachable = await canReach(adminUrl);
    let postgres: InboxTimings | null = null;
    if (unreachable === null) {
      postgres = await measureInbox("postgres", { adminUrl, warmups, repetitions });
      inboxRows("PostgreSQL", postgres);
      figures.inbox_ms_10k_postgres = p(postgres.http, 0.5);
      figures.inbox_p95_ms_10k_postgres = p(postgres.http, 0.95);
    } else {
      notes.push(
        `PostgreSQL at ${new URL(adminUrl).host} is unreachable (${unreachable}): ` +
          "inbox_ms_10k_postgres is left out.",
      );
    }
    figures.inbox_ms_10k = Math.max(
      figures.inbox_ms_10k_pglite,
      figures.inbox_ms_10k_postgres ?? Number.NEGATIVE_INFINITY,
    );

    const live = await measureLiveComments({
      slices: isQuick ? 3 : 10,
      commentSliceMs: 2_000,
      writeSliceMs: 1_000,
    });
    const commentP99 = p(live.comments, 0.99);
    const syncP99 = p(live.sync, 0.99);
    figures.comment_live_p50_ms_20 = p(live.comments, 0.5);
    figures.comment_live_p99_ms_20 = commentP99;
    figures.comment_sync_p99_ms_20 = syncP99;
    figures.comment_live_ratio = roundFigure(commentP99 / syncP99);
    rows.push(
      [
        `comment: sent until each of ${MEMBERS - 1} sockets has its notice`,
        figures.comment_live_p50_ms_20,
        p(live.comments, 0.95),
        commentP99,
        live.comments.length,
      ],
      [
        "comment: stored and answered (poster's round trip)",
        p(live.posts, 0.5),
        p(live.posts, 0.95),
        p(live.posts, 0.99),
        live.posts.length,
      ],
      [
        "sync: one threat edit / 20 ms, same room",
        p(live.sync, 0.5),
        p(live.sync, 0.95),
        syncP99,
        live.sync.length,
      ],
    );

    const seeded = pglite.seeded;
    notes.push(
      `inbox: ${seeded.items.toLocaleString("en")} items of one user across ${INBOX_MODELS} models ` +
        `(${seeded.unread} unread, ${seeded.archived} archived; ${seeded.totalRows.toLocaleString("en")} ` +
        `rows in inbox_items in all), seeded with drizzle in ${pglite.seedSeconds.toFixed(1)} s ` +
        `(PGlite)${postgres ? ` and ${postgres.seedSeconds.toFixed(1)} s (PostgreSQL)` : ""}.`,
      `inbox_ms_10k_* = median of ${repetitions} GET /api/inbox (default page of ${INBOX_PAGE}) ` +
        `after ${warmups} untimed: HTTP round trip on loopback, request sent to answer read, ` +
        `authentication included (goal < ${INBOX_GOAL_MS} ms; inbox_ms_10k = ${figures.inbox_ms_10k}).`,
      "listInbox() alone: the service call in the bench process on the seeding connection " +
        "(PGlite worker thread / pg pool), the same driver as the server's.",
      `comments: ${live.commentCount} timed comments by the ${MEMBERS} members in turn on ${THREADS} ` +
        `threads (one posted ${COMMENT_GAP_MS} ms after the previous one reached everyone); ` +
        `${live.comments.length} of ${live.expectedPairs} (comment, receiver) pairs arrived within ` +
        `${SETTLE_LIMIT_MS / 1000} s; sync ${live.sync.length} of ${live.expectedSync}.`,
      `comment p99 / sync p99 in the same room and run = ${figures.comment_live_ratio} ` +
        `(goal <= ${COMMENT_RATIO_GOAL}).`,
    );
    return {
      columns: ["workload", "p50 ms", "p95 ms", "p99 ms", "samples"],
      rows,
      figures,
      notes,
    };
  },
};
