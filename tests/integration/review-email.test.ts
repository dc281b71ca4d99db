/**
 * Discussion threads by email, against real SMTP on loopback: notifications go out through the
 * outbox to an SMTP catcher (threaded, with a signed Reply-To), replies come back through the
 * app's inbound listener and become messages, and forged, replayed or revoked replies are
 * refused at the SMTP level with nothing written.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { eq } from "drizzle-orm";
import { simpleParser, type ParsedMail } from "mailparser";
import nodemailer, { type Transporter } from "nodemailer";
import MailComposer from "nodemailer/lib/mail-composer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox } from "@/drizzle/schema";
import { mentionToken } from "@/lib/review/mentions";
import type { ThreadDetail } from "@/lib/review/schemas";
import { queueDueDigests } from "@/server/services/review/digest";
import { api, createModel, setMembers, signUp, type TestUser } from "./support/api-client";
import { waitFor } from "./support/collab-client";
import { DEADLINE, timeoutFor } from "./support/deadlines";
import { startMailServer, type ReceivedMail, type TestMailServer } from "./support/mail";
import { DATABASES, startTestServer, type TestServer } from "./support/test-server";

const REPLY_DOMAIN = "replies.example.test";
const MODEL_TITLE = "Payments API";
/** A signed reply address: `reply+<key>.<signature>@<domain>`. */
const REPLY_ADDRESS = /^reply\+([a-z2-7]{16})\.([a-z2-7]{20})@replies\.example\.test$/;

/** The address of a parsed message's Reply-To, or "". */
function replyToOf(message: ParsedMail): string {
  return message.replyTo?.value[0]?.address ?? "";
}

/** The text of an email answer to `notice`, as a mail client writes it: own text, then history. */
function replyText(ownText: string, notice: ParsedMail): string {
  const quoted = (notice.text ?? "")
    .trim()
    .split("\n")
    .map((line) => `> ${line}`.trimEnd())
    .join("\n");
  return `${ownText}\n\nOn Sat, 5 Dec 2026, Olivia Owner wrote:\n${quoted}\n`;
}

/**
 * Polls `read` (an async read: the API, the database) until `accept` holds for what it
 * returned; returns that value, or rejects after the deadline with the label.
 */
async function waitForValue<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  label: string,
  timeoutMs: number = DEADLINE.propagation,
): Promise<T> {
  let accepted: { value: T } | null = null;
  let reading = false;
  await waitFor(
    () => {
      if (accepted) return true;
      if (!reading) {
        reading = true;
        read()
          .then((value) => {
            if (accept(value)) accepted = { value };
          })
          .catch(() => undefined)
          .finally(() => {
            reading = false;
          });
      }
      return false;
    },
    timeoutMs,
    label,
  );
  if (!accepted) throw new Error(`no value for ${label}`);
  return (accepted as { value: T }).value;
}

/** What nodemailer rejects with when the inbound listener refuses a reply: 550 and the reason. */
function refusal(reason: string) {
  return { responseCode: 550, response: expect.stringContaining(reason) as unknown };
}

/** A port on loopback that nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe.each(DATABASES)("discussion threads by email (%s)", (kind) => {
  let mail: TestMailServer;
  let server: TestServer;
  let sender: Transporter;
  /** Servers started by single tests (other mail settings), destroyed with the rest. */
  const extraServers: TestServer[] = [];
  let owner: TestUser;
  let commenter: TestUser;
  let colleague: TestUser;
  let modelId: string;

  beforeAll(async () => {
    mail = await startMailServer();
    server = await startTestServer(kind, {
      SMTP_URL: mail.url,
      INBOUND_SMTP_PORT: "0",
      REPLY_EMAIL_DOMAIN: REPLY_DOMAIN,
    });
    if (!server.inboundMailPort) throw new Error("the inbound mail listener did not start");
    sender = nodemailer.createTransport({
      host: "127.0.0.1",
      port: server.inboundMailPort,
      secure: false,
      ignoreTLS: true,
    });
    owner = await signUp(server, "Olivia Owner");
    commenter = await signUp(server, "Cora Commenter");
    colleague = await signUp(server, "Colin Colleague");
    modelId = await createModel(server, owner, MODEL_TITLE);
    const members = await setMembers(server, owner, modelId, [
      { user: owner, role: "owner" },
      { user: commenter, role: "commenter" },
      { user: colleague, role: "commenter" },
    ]);
    expect(members.status).toBe(200);
  }, DEADLINE.serverStart * 2);
  afterAll(async () => {
    sender?.close();
    for (const extra of extraServers) await extra.destroy();
    await server?.destroy();
    await mail?.close();
  });

  /** The raw messages received for `email` about a thread (its first email or an answer to it). */
  function receivedAbout(email: string, threadId: string): ReceivedMail[] {
    return mail.received.filter(
      (message) => message.to.includes(email) && message.raw.includes(`<thread.${threadId}@`),
    );
  }

  /** The emails to `email` about the thread, parsed, once at least `count` have arrived. */
  async function mailAbout(email: string, threadId: string, count: number): Promise<ParsedMail[]> {
    await waitFor(
      () => receivedAbout(email, threadId).length >= count,
      DEADLINE.propagation,
      `${count} email(s) to ${email} about thread ${threadId}`,
    );
    return Promise.all(receivedAbout(email, threadId).map((message) => simpleParser(message.raw)));
  }

  /** Everything received for `email` so far. */
  function countTo(email: string): number {
    return mail.received.filter((message) => message.to.includes(email)).length;
  }

  /** The outbox rows of `email` (every notification is queued there, in the message's transaction). */
  async function outboxTo(target: TestServer, email: string) {
    return target.runtime.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));
  }

  async function readThread(threadId: string, user: TestUser = owner): Promise<ThreadDetail> {
    const answer = await api(server, "GET", `/api/threads/${threadId}`, { user });
    expect(answer.status).toBe(200);
    return (answer.body as { thread: ThreadDetail }).thread;
  }

  /** Opens a thread on the model as `author`; returns its id. */
  async function openThread(
    target: TestServer,
    options: { author: TestUser; modelId: string; subject: string; body: string },
  ): Promise<string> {
    const created = await api(target, "POST", `/api/models/${options.modelId}/threads`, {
      user: options.author,
      body: { target: { kind: "model" }, subject: options.subject, body: options.body },
    });
    expect(created.status).toBe(201);
    return (created.body as { thread: ThreadDetail }).thread.id;
  }

  /** A thread opened by the owner that mentions the commenter, and the commenter's first email. */
  async function threadNoticedBy(
    subject: string,
    options: { modelId?: string } = {},
  ): Promise<{ threadId: string; notice: ParsedMail; replyTo: string }> {
    const threadId = await openThread(server, {
      author: owner,
      modelId: options.modelId ?? modelId,
      subject,
      body: `${mentionToken(commenter)}, is the card vault in scope?`,
    });
    const [notice] = await mailAbout(commenter.email, threadId, 1);
    if (!notice) throw new Error("no notification");
    return { threadId, notice, replyTo: replyToOf(notice) };
  }

  /** A reply from `from` to `to`, answering `notice`, as nodemailer sends it. */
  function replyMail(options: {
    from: string;
    to: string;
    notice: ParsedMail;
    text: string;
    messageId?: string;
  }) {
    return {
      from: options.from,
      to: options.to,
      subject: `Re: ${options.notice.subject ?? ""}`,
      text: replyText(options.text, options.notice),
      inReplyTo: options.notice.messageId,
      references: options.notice.messageId,
      ...(options.messageId ? { messageId: options.messageId } : {}),
    };
  }

  it(
    "emails a mentioned commenter, threads the next message under the first, with a link and a signed Reply-To",
    timeoutFor(DEADLINE.propagation, DEADLINE.propagation),
    async () => {
      const subject = "Is the card vault in scope?";
      const threadId = await openThread(server, {
        author: owner,
        modelId,
        subject,
        body: `${mentionToken(commenter)}, is the card vault in scope?`,
      });
      const [first] = await mailAbout(commenter.email, threadId, 1);
      expect(receivedAbout(commenter.email, threadId)).toHaveLength(1);
      expect(first?.messageId).toMatch(new RegExp(`^<thread\\.${threadId}@[^>]+>$`));
      expect(first?.subject).toBe(`[${MODEL_TITLE}] ${subject}`);
      // The author is not told of their own thread.
      expect(receivedAbout(owner.email, threadId)).toHaveLength(0);

      // A mention tells of one message; writing in the thread makes the commenter a participant
      // who hears of every later one (lib/review/inbox.ts: "reply").
      const joined = await api(server, "POST", `/api/threads/${threadId}/messages`, {
        user: commenter,
        body: { body: "What about the HSM?" },
      });
      expect(joined.status).toBe(201);
      const reply = await api(server, "POST", `/api/threads/${threadId}/messages`, {
        user: owner,
        body: { body: "The vault is in scope; the HSM is not." },
      });
      expect(reply.status).toBe(201);
      const [, second] = await mailAbout(commenter.email, threadId, 2);
      expect(second?.inReplyTo).toBe(first?.messageId);
      expect(second?.references).toEqual(first?.messageId);
      expect(second?.messageId).not.toBe(first?.messageId);
      expect(second?.subject).toBe(`Re: [${MODEL_TITLE}] ${subject}`);
      expect(second?.text).toContain("The vault is in scope; the HSM is not.");
      expect(second?.text).toContain(`/models/${modelId}?tab=discussion&thread=${threadId}`);
      expect(replyToOf(second as ParsedMail)).toMatch(REPLY_ADDRESS);
      // One person's replies to one thread go to one address.
      expect(replyToOf(second as ParsedMail)).toBe(replyToOf(first as ParsedMail));
    },
  );

  it(
    "turns a reply by email into a message of the thread by its sender, without the quoted history",
    timeoutFor(DEADLINE.propagation, DEADLINE.propagation, DEADLINE.propagation),
    async () => {
      const { threadId, notice, replyTo } = await threadNoticedBy("Reply by email");
      expect(replyTo).toMatch(REPLY_ADDRESS);
      const info = await sender.sendMail(
        replyMail({ from: commenter.email, to: replyTo, notice, text: "Agreed, the vault is in." }),
      );
      expect(info.accepted).toEqual([replyTo]);

      const thread = await waitForValue(
        () => readThread(threadId),
        (current) => current.messages.length === 2,
        "the emailed reply in the thread",
      );
      const written = thread.messages[1];
      expect(written).toMatchObject({
        author: { id: commenter.id, name: commenter.name },
        source: "email",
        body: "Agreed, the vault is in.",
      });
      expect(thread.messages[0]?.source).toBe("web");
      // The owner, who opened the thread, hears of the reply by email in turn.
      const [toOwner] = await mailAbout(owner.email, threadId, 1);
      expect(toOwner?.text).toContain("Agreed, the vault is in.");
      expect(toOwner?.text).not.toContain("On Sat, 5 Dec 2026");
    },
  );

  it(
    "refuses a reply to an altered or unsigned address, or from another sender, and writes nothing",
    timeoutFor(DEADLINE.propagation),
    async () => {
      const { threadId, notice, replyTo } = await threadNoticedBy("Forged replies");
      const match = REPLY_ADDRESS.exec(replyTo);
      if (!match?.[1] || !match[2]) throw new Error(`not a reply address: ${replyTo}`);
      const [, key, signature] = match;
      const altered = `${signature.slice(0, -1)}${signature.endsWith("a") ? "b" : "a"}`;
      const forged = `reply+${key}.${altered}@${REPLY_DOMAIN}`;
      const unsigned = `reply+${key}@${REPLY_DOMAIN}`;

      await expect(
        sender.sendMail(replyMail({ from: commenter.email, to: forged, notice, text: "Forged." })),
      ).rejects.toMatchObject(refusal("This reply address is not valid"));
      await expect(
        sender.sendMail(
          replyMail({ from: commenter.email, to: unsigned, notice, text: "Unsigned." }),
        ),
      ).rejects.toMatchObject(refusal("This reply address is not signed"));
      await expect(
        sender.sendMail(
          replyMail({ from: colleague.email, to: replyTo, notice, text: "Not my address." }),
        ),
      ).rejects.toMatchObject(refusal("Reply from the address the notification was sent to"));
      // The SMTP answer comes after the reply was handled: nothing can be written later.
      const thread = await readThread(threadId);
      expect(thread.messages).toHaveLength(1);
    },
  );

  it(
    "refuses the same reply twice, by Message-ID or by its text under a new Message-ID",
    timeoutFor(DEADLINE.propagation),
    async () => {
      const { threadId, notice, replyTo } = await threadNoticedBy("Replayed replies");
      const raw = await new MailComposer(
        replyMail({
          from: commenter.email,
          to: replyTo,
          notice,
          text: "Ship it.",
          messageId: `<first-reply.${threadId}@client.example.test>`,
        }),
      )
        .compile()
        .build();
      const envelope = { from: commenter.email, to: [replyTo] };
      await sender.sendMail({ envelope, raw });
      expect((await readThread(threadId)).messages).toHaveLength(2);

      await expect(sender.sendMail({ envelope, raw })).rejects.toMatchObject(
        refusal("This reply was already received"),
      );
      expect((await readThread(threadId)).messages).toHaveLength(2);
      await expect(
        sender.sendMail(
          replyMail({
            from: commenter.email,
            to: replyTo,
            notice,
            text: "Ship it.",
            messageId: `<second-reply.${threadId}@client.example.test>`,
          }),
        ),
      ).rejects.toMatchObject(refusal("This reply was already received"));
      const thread = await readThread(threadId);
      expect(thread.messages).toHaveLength(2);
      expect(thread.messages.filter((message) => message.source === "email")).toHaveLength(1);
    },
  );

  it(
    "refuses a reply from someone removed from the model since",
    timeoutFor(DEADLINE.propagation),
    async () => {
      const ownModel = await createModel(server, owner, "Revoked review");
      expect(
        (
          await setMembers(server, owner, ownModel, [
            { user: owner, role: "owner" },
            { user: commenter, role: "commenter" },
          ])
        ).status,
      ).toBe(200);
      const { threadId, notice, replyTo } = await threadNoticedBy("Revoked access", {
        modelId: ownModel,
      });
      const removed = await setMembers(server, owner, ownModel, [{ user: owner, role: "owner" }]);
      expect(removed.status).toBe(200);

      await expect(
        sender.sendMail(
          replyMail({ from: commenter.email, to: replyTo, notice, text: "Still here?" }),
        ),
      ).rejects.toMatchObject(refusal("You can no longer write in this model"));
      expect((await readThread(threadId)).messages).toHaveLength(1);
    },
  );

  it(
    "sends nothing to someone who turned email off, and one digest to someone who chose it",
    timeoutFor(
      DEADLINE.propagation,
      DEADLINE.propagation,
      DEADLINE.propagation,
      DEADLINE.propagation,
      DEADLINE.propagation,
    ),
    async () => {
      const subject = "Digest material";
      const both = `${mentionToken(commenter)} ${mentionToken(colleague)}`;
      const threadId = await openThread(server, {
        author: owner,
        modelId,
        subject,
        body: `${both}: who owns the key rotation?`,
      });
      await mailAbout(commenter.email, threadId, 1);
      await mailAbout(colleague.email, threadId, 1);

      const writeAndWait = async (body: string, colleagueCount: number) => {
        const outboxBefore = (await outboxTo(server, commenter.email)).length;
        const before = countTo(commenter.email);
        const answer = await api(server, "POST", `/api/threads/${threadId}/messages`, {
          user: owner,
          body: { body: `${both}: ${body}` },
        });
        expect(answer.status).toBe(201);
        // The colleague still gets each message; the commenter's count has not moved once it came.
        await mailAbout(colleague.email, threadId, colleagueCount);
        expect(countTo(commenter.email)).toBe(before);
        // Nothing was even queued for them, in the transaction that wrote the message.
        expect(await outboxTo(server, commenter.email)).toHaveLength(outboxBefore);
      };

      const off = await api(server, "PUT", "/api/users/me/notifications", {
        user: commenter,
        body: { emailNotifications: "off" },
      });
      expect(off.status).toBe(200);
      await writeAndWait("Rotation is yearly.", 2);

      const digest = await api(server, "PUT", "/api/users/me/notifications", {
        user: commenter,
        body: { emailNotifications: "digest" },
      });
      expect(digest.status).toBe(200);
      await writeAndWait("Rotation is quarterly now.", 3);

      const isDigest = (message: ReceivedMail) =>
        message.to.includes(commenter.email) &&
        /Subject: Your Threat Room digest/.test(message.raw);
      expect(mail.received.filter(isDigest)).toHaveLength(0);
      expect(await queueDueDigests(server.runtime)).toBe(1);
      await waitFor(
        () => mail.received.filter(isDigest).length >= 1,
        DEADLINE.propagation,
        "the digest",
      );
      const [digestMail] = mail.received.filter(isDigest);
      const parsed = await simpleParser(digestMail?.raw ?? "");
      expect(parsed.text).toContain(`“${subject}”`);
      expect(parsed.text).toContain(`/models/${modelId}?tab=discussion&thread=${threadId}`);

      expect(await queueDueDigests(server.runtime)).toBe(0);
      const queuedDigests = (await outboxTo(server, commenter.email)).filter((row) =>
        JSON.stringify(row.message).includes("Your Threat Room digest"),
      );
      expect(queuedDigests).toHaveLength(1);

      const back = await api(server, "PUT", "/api/users/me/notifications", {
        user: commenter,
        body: { emailNotifications: "each" },
      });
      expect(back.status).toBe(200);
    },
  );

  it(
    "keeps a notification in the outbox to retry when the mail server is down, and answers at once",
    timeoutFor(DEADLINE.serverStart, DEADLINE.propagation),
    async () => {
      const down = await startTestServer(kind, {
        SMTP_URL: `smtp://127.0.0.1:${await closedPort()}`,
      });
      extraServers.push(down);
      const author = await signUp(down, "Dora Down");
      const reader = await signUp(down, "Rex Reader");
      const downModel = await createModel(down, author, "Offline mail");
      await setMembers(down, author, downModel, [
        { user: author, role: "owner" },
        { user: reader, role: "commenter" },
      ]);
      const started = Date.now();
      await openThread(down, {
        author,
        modelId: downModel,
        subject: "Mail server down",
        body: `${mentionToken(reader)}, can you see this?`,
      });
      // The request does not wait for the mail server (a generous bound for a loaded machine).
      expect(Date.now() - started).toBeLessThan(10_000);

      const [row] = await waitForValue(
        () => outboxTo(down, reader.email),
        (rows) => rows.some((entry) => entry.attempts >= 1),
        "a failed attempt in the outbox",
      );
      expect(row?.status).toBe("pending");
      expect(row?.attempts).toBeGreaterThanOrEqual(1);
      expect(row?.lastError).toBeTruthy();
      expect(row?.sentAt).toBeNull();
      expect(row?.nextAttemptAt.getTime()).toBeGreaterThan(row?.createdAt.getTime() ?? Infinity);
      expect(JSON.stringify(row?.message)).toContain("Mail server down");
    },
  );

  it(
    "writes notifications as .eml files in the data folder without a mail server",
    timeoutFor(DEADLINE.serverStart, DEADLINE.propagation),
    async () => {
      const files = await startTestServer(kind);
      extraServers.push(files);
      const author = await signUp(files, "Fay Files");
      const reader = await signUp(files, "Rob Reader");
      const filesModel = await createModel(files, author, "Mail as files");
      await setMembers(files, author, filesModel, [
        { user: author, role: "owner" },
        { user: reader, role: "commenter" },
      ]);
      const subject = "Written to a file";
      await openThread(files, {
        author,
        modelId: filesModel,
        subject,
        body: `${mentionToken(reader)}, this is on disk.`,
      });
      const folder = path.join(files.dataDir, "mail");
      const aboutThread = () =>
        (fs.existsSync(folder) ? fs.readdirSync(folder) : [])
          .filter((name) => name.endsWith(".eml"))
          .map((name) => fs.readFileSync(path.join(folder, name), "utf8"))
          .filter((raw) => raw.includes(subject));
      await waitFor(
        () => aboutThread().length >= 1,
        DEADLINE.propagation,
        "the thread's .eml file",
      );
      const parsed = await simpleParser(aboutThread()[0] ?? "");
      expect(parsed.subject).toBe(`[Mail as files] ${subject}`);
      expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : "").toBe(reader.email);
    },
  );
});
