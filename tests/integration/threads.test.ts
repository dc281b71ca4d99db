import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  encodeJsonMessage,
  MESSAGE_THREAD_ANSWER,
  MESSAGE_THREAD_CHANGED,
  MESSAGE_THREAD_COMMAND,
} from "@/lib/collab/messages";
import { mentionToken } from "@/lib/review/mentions";
import {
  REVIEW_LIMITS,
  threadNoticeSchema,
  type ThreadDetail,
  type ThreadNotice,
} from "@/lib/review/schemas";
import { inboxPageSchema } from "@/lib/review/inbox";
import { api, createModel, setMembers, signUp, type TestUser } from "./support/api-client";
import { connectClient, waitFor, waitForSync, type CollabClient } from "./support/collab-client";
import { DEADLINE } from "./support/deadlines";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

function threadOf(body: unknown): ThreadDetail {
  return (body as { thread: ThreadDetail }).thread;
}

describe.each(DATABASES)("discussion threads (%s)", (kind) => {
  let server: TestServer;
  let owner: TestUser;
  let commenter: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let modelId: string;
  let threatId: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    owner = await signUp(server, "Olivia Owner");
    commenter = await signUp(server, "Cora Commenter");
    viewer = await signUp(server, "Victor Viewer");
    outsider = await signUp(server, "Oscar Outsider");
    modelId = await createModel(server, owner, "Payments API");
    const members = await setMembers(server, owner, modelId, [
      { user: owner, role: "owner" },
      { user: commenter, role: "commenter" },
      { user: viewer, role: "viewer" },
    ]);
    expect(members.status).toBe(200);
    const threat = await api(server, "POST", `/api/models/${modelId}/threats`, {
      user: owner,
      body: { title: "Card numbers in the logs", category: "information-disclosure" },
    });
    expect(threat.status).toBe(201);
    threatId = (threat.body as { threat: { id: string } }).threat.id;
  }, DEADLINE.serverStart);
  afterAll(async () => {
    await server.destroy();
  });

  it("lets a commenter open a thread on a threat, and tells the owner in their inbox", async () => {
    const created = await api(server, "POST", `/api/models/${modelId}/threads`, {
      user: commenter,
      body: {
        target: { kind: "threat", id: threatId },
        subject: "Is this High?",
        body: "The logs go to a **third party**.",
      },
    });
    expect(created.status).toBe(201);
    const thread = threadOf(created.body);
    expect(thread.target).toEqual({ kind: "threat", id: threatId });
    expect(thread.messages).toHaveLength(1);
    expect(thread.participants.map((p) => p.name)).toEqual(["Cora Commenter"]);

    const inbox = inboxPageSchema.parse(
      (await api(server, "GET", "/api/inbox", { user: owner })).body,
    );
    const item = inbox.items.find((entry) => entry.thread?.id === thread.id);
    expect(item).toMatchObject({
      reason: "new-thread",
      isRead: false,
      actor: { name: "Cora Commenter" },
    });
    expect(item?.excerpt).toBe("The logs go to a third party.");
    expect(inbox.unreadCount).toBeGreaterThanOrEqual(1);
    // The author is not told of their own message.
    const own = inboxPageSchema.parse(
      (await api(server, "GET", "/api/inbox", { user: commenter })).body,
    );
    expect(own.items.some((entry) => entry.thread?.id === thread.id)).toBe(false);
  });

  it("refuses viewers and non-members, and targets that are not in the model", async () => {
    const body = { target: { kind: "model" }, subject: "Scope", body: "Hello" };
    const byViewer = await api(server, "POST", `/api/models/${modelId}/threads`, {
      user: viewer,
      body,
    });
    expect(byViewer.status).toBe(403);
    const byOutsider = await api(server, "POST", `/api/models/${modelId}/threads`, {
      user: outsider,
      body,
    });
    expect(byOutsider.status).toBe(404);
    const listByOutsider = await api(server, "GET", `/api/models/${modelId}/threads`, {
      user: outsider,
    });
    expect(listByOutsider.status).toBe(404);
    const ghost = await api(server, "POST", `/api/models/${modelId}/threads`, {
      user: commenter,
      body: { ...body, target: { kind: "element", id: "no-such-element" } },
    });
    expect(ghost.status).toBe(400);
    const empty = await api(server, "POST", `/api/models/${modelId}/threads`, {
      user: commenter,
      body: { ...body, body: "   " },
    });
    expect(empty.status).toBe(400);
    // Viewers read.
    const listByViewer = await api(server, "GET", `/api/models/${modelId}/threads`, {
      user: viewer,
    });
    expect(listByViewer.status).toBe(200);
  });

  it("replies with a quote, edits with history, mentions, resolves and reopens", async () => {
    const created = threadOf(
      (
        await api(server, "POST", `/api/models/${modelId}/threads`, {
          user: owner,
          body: {
            target: { kind: "model" },
            subject: "Scope of the review",
            body: "Is the admin UI in scope?",
          },
        })
      ).body,
    );
    const first = created.messages[0];
    const reply = await api(server, "POST", `/api/threads/${created.id}/messages`, {
      user: commenter,
      body: {
        body: `> Is the admin UI in scope?\n\nYes, ${mentionToken({ id: viewer.id, name: viewer.name })} agreed.`,
        quotedId: first?.id,
      },
    });
    expect(reply.status).toBe(201);
    const message = (
      reply.body as { message: { id: string; quotedId: string; mentions: string[] } }
    ).message;
    expect(message.quotedId).toBe(first?.id);
    expect(message.mentions).toEqual([viewer.id]);
    const viewerInbox = inboxPageSchema.parse(
      (await api(server, "GET", "/api/inbox?filter=mentions", { user: viewer })).body,
    );
    expect(viewerInbox.items[0]).toMatchObject({ reason: "mention", thread: { id: created.id } });
    const ownerThreads = inboxPageSchema.parse(
      (await api(server, "GET", "/api/inbox?filter=participating", { user: owner })).body,
    );
    expect(ownerThreads.items.map((item) => [item.reason, item.thread?.id])).toEqual([
      ["reply", created.id],
    ]);

    const byOther = await api(
      server,
      "PATCH",
      `/api/threads/${created.id}/messages/${message.id}`,
      {
        user: owner,
        body: { body: "Rewritten by someone else" },
      },
    );
    expect(byOther.status).toBe(403);
    const edited = await api(server, "PATCH", `/api/threads/${created.id}/messages/${message.id}`, {
      user: commenter,
      body: {
        body: `Yes, the admin UI is in scope (${mentionToken({ id: viewer.id, name: viewer.name })}).`,
      },
    });
    expect(edited.status).toBe(200);
    const edits = await api(
      server,
      "GET",
      `/api/threads/${created.id}/messages/${message.id}/edits`,
      {
        user: viewer,
      },
    );
    expect((edits.body as { edits: { body: string }[] }).edits.map((e) => e.body)).toEqual([
      `> Is the admin UI in scope?\n\nYes, ${mentionToken({ id: viewer.id, name: viewer.name })} agreed.`,
    ]);

    const resolved = await api(server, "PATCH", `/api/threads/${created.id}`, {
      user: commenter,
      body: { isResolved: true },
    });
    expect(resolved.status).toBe(200);
    expect(
      (resolved.body as { thread: { isResolved: boolean; resolvedBy: { name: string } } }).thread,
    ).toMatchObject({ isResolved: true, resolvedBy: { name: "Cora Commenter" } });
    const open = await api(server, "GET", `/api/models/${modelId}/threads?status=open`, {
      user: viewer,
    });
    expect(
      (open.body as { threads: { id: string }[] }).threads.some((t) => t.id === created.id),
    ).toBe(false);
    const mine = await api(server, "GET", `/api/models/${modelId}/threads?involving=mentions`, {
      user: viewer,
    });
    expect((mine.body as { threads: { id: string }[] }).threads.map((t) => t.id)).toEqual([
      created.id,
    ]);
    const reopened = await api(server, "PATCH", `/api/threads/${created.id}`, {
      user: viewer,
      body: { isResolved: false },
    });
    expect(reopened.status).toBe(403);
    const reopenedByOwner = await api(server, "PATCH", `/api/threads/${created.id}`, {
      user: owner,
      body: { isResolved: false },
    });
    expect((reopenedByOwner.body as { thread: { isResolved: boolean } }).thread.isResolved).toBe(
      false,
    );
  });

  it("pushes a new message to everyone with the model open, viewers included", async () => {
    const client: CollabClient = connectClient(server, modelId, { user: viewer });
    const notices: ThreadNotice[] = [];
    client.provider.messageHandlers[MESSAGE_THREAD_CHANGED] = (_encoder, decoder) => {
      const json: unknown = JSON.parse(new TextDecoder().decode(decoder.arr.subarray(decoder.pos)));
      notices.push(threadNoticeSchema.parse(json));
    };
    try {
      await waitForSync(client);
      const created = threadOf(
        (
          await api(server, "POST", `/api/models/${modelId}/threads`, {
            user: commenter,
            body: { target: { kind: "model" }, subject: "Live", body: "Can you see this?" },
          })
        ).body,
      );
      await waitFor(
        () => notices.some((notice) => notice.thread.id === created.id && notice.message !== null),
        DEADLINE.propagation,
        "the thread notice",
      );
      const notice = notices.find((entry) => entry.thread.id === created.id);
      expect(notice?.message?.body).toBe("Can you see this?");
      expect(notice?.thread.subject).toBe("Live");
    } finally {
      client.destroy();
    }
  });

  it("marks items read and archived, per item and all at once, for their owner only", async () => {
    const page = inboxPageSchema.parse(
      (await api(server, "GET", "/api/inbox", { user: owner })).body,
    );
    const first = page.items[0];
    expect(first).toBeDefined();
    const foreign = await api(server, "POST", "/api/inbox/read", {
      user: commenter,
      body: { ids: [first?.id ?? 0] },
    });
    expect(foreign.status).toBe(200);
    const still = inboxPageSchema.parse(
      (await api(server, "GET", "/api/inbox", { user: owner })).body,
    );
    expect(still.items.find((item) => item.id === first?.id)?.isRead).toBe(false);

    await api(server, "POST", "/api/inbox/archive", {
      user: owner,
      body: { ids: [first?.id ?? 0] },
    });
    const archived = inboxPageSchema.parse(
      (await api(server, "GET", "/api/inbox?filter=archived", { user: owner })).body,
    );
    expect(archived.items.map((item) => item.id)).toEqual([first?.id]);
    const all = await api(server, "POST", "/api/inbox/read", { user: owner, body: { all: true } });
    expect((all.body as { unreadCount: number }).unreadCount).toBe(0);
    const bad = await api(server, "POST", "/api/inbox/read", { user: owner, body: { ids: "x" } });
    expect(bad.status).toBe(400);
  });

  it("limits how fast one person writes, since every message may send email", async () => {
    const writer = await signUp(server, "Fast Writer");
    const own = await createModel(server, writer, "Busy model");
    const first = threadOf(
      (
        await api(server, "POST", `/api/models/${own}/threads`, {
          user: writer,
          body: { target: { kind: "model" }, subject: "Many", body: "1" },
        })
      ).body,
    );
    const statuses: number[] = [];
    for (let i = 0; i < REVIEW_LIMITS.messagesPerUserPerMinute; i++) {
      const answer = await api(server, "POST", `/api/threads/${first.id}/messages`, {
        user: writer,
        body: { body: `message ${i}` },
      });
      statuses.push(answer.status);
    }
    expect(statuses.slice(0, -1).every((status) => status === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Someone else is not held back.
    const other = await api(server, "POST", `/api/threads/${first.id}/messages`, {
      user: owner,
      body: { body: "Not a member here" },
    });
    expect(other.status).toBe(404);
  });

  it("takes a message on the model's socket: everyone sees it, it is stored, viewers are refused", async () => {
    const created = threadOf(
      (
        await api(server, "POST", `/api/models/${modelId}/threads`, {
          user: owner,
          body: { target: { kind: "model" }, subject: "On the socket", body: "First" },
        })
      ).body,
    );
    const writer = connectClient(server, modelId, { user: commenter });
    const reader = connectClient(server, modelId, { user: viewer });
    const answers: unknown[] = [];
    const notices: ThreadNotice[] = [];
    writer.provider.messageHandlers[MESSAGE_THREAD_ANSWER] = (_encoder, decoder) => {
      answers.push(JSON.parse(new TextDecoder().decode(decoder.arr.subarray(decoder.pos))));
    };
    const readerAnswers: unknown[] = [];
    reader.provider.messageHandlers[MESSAGE_THREAD_ANSWER] = (_encoder, decoder) => {
      readerAnswers.push(JSON.parse(new TextDecoder().decode(decoder.arr.subarray(decoder.pos))));
    };
    reader.provider.messageHandlers[MESSAGE_THREAD_CHANGED] = (_encoder, decoder) => {
      const json: unknown = JSON.parse(new TextDecoder().decode(decoder.arr.subarray(decoder.pos)));
      notices.push(threadNoticeSchema.parse(json));
    };
    try {
      await Promise.all([waitForSync(writer), waitForSync(reader)]);
      const send = (client: CollabClient, payload: unknown) =>
        client.provider.ws?.send(encodeJsonMessage(MESSAGE_THREAD_COMMAND, payload));
      send(writer, {
        requestId: "r1",
        command: { type: "post", threadId: created.id, body: "Sent **live**" },
      });
      await waitFor(() => answers.length === 1, DEADLINE.propagation, "the answer");
      expect(answers[0]).toMatchObject({
        requestId: "r1",
        ok: true,
        message: { body: "Sent **live**" },
      });
      await waitFor(
        () => notices.some((notice) => notice.message?.body === "Sent **live**"),
        DEADLINE.propagation,
        "the notice at the viewer",
      );
      const stored = threadOf(
        (await api(server, "GET", `/api/threads/${created.id}`, { user: viewer })).body,
      );
      expect(stored.messages.map((m) => m.body)).toEqual(["First", "Sent **live**"]);
      const noticed = notices.find((notice) => notice.message?.body === "Sent **live**");
      expect(noticed?.message?.id).toBe(stored.messages[1]?.id);
      expect(noticed?.thread.messageCount).toBe(2);

      send(reader, {
        requestId: "r2",
        command: { type: "post", threadId: created.id, body: "Me too" },
      });
      send(writer, { requestId: "r3", command: { type: "post", threadId: created.id, body: "" } });
      send(writer, {
        requestId: "r4",
        command: { type: "post", threadId: "nope", body: "Where?" },
      });
      await waitFor(
        () => readerAnswers.length === 1 && answers.length === 3,
        DEADLINE.propagation,
        "the refusals",
      );
      expect(readerAnswers[0]).toMatchObject({ requestId: "r2", ok: false, code: "forbidden" });
      expect(answers[1]).toMatchObject({ requestId: "r3", ok: false, code: "bad_request" });
      expect(answers[2]).toMatchObject({ requestId: "r4", ok: false, code: "not_found" });
      const after = threadOf(
        (await api(server, "GET", `/api/threads/${created.id}`, { user: viewer })).body,
      );
      expect(after.messages).toHaveLength(2);
    } finally {
      writer.destroy();
      reader.destroy();
    }
  });
});
