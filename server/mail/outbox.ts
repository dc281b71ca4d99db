import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { mailOutbox } from "@/drizzle/schema";
import type { Database } from "@/server/db/client";
import { log } from "@/server/logger";
import type { MailMessage, Mailer } from "@/server/mail/mailer";

/** Attempts before a message is given up ("failed"). */
export const MAX_MAIL_ATTEMPTS = 8;
/** Rows one pass of the worker claims. */
const BATCH = 20;
/**
 * How long a claimed row is left to its worker before another may take it: a node that died
 * while sending leaves its rows to the others after this.
 */
const CLAIM_MS = 5 * 60_000;

const storedMessage = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  messageId: z.string().optional(),
  inReplyTo: z.string().optional(),
  references: z.array(z.string()).optional(),
  replyTo: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

/** Wait before attempt `attempts + 1`: 10 s, 20 s, 40 s… up to an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

/**
 * Adds messages to the outbox, in the caller's transaction when given one: the email exists
 * exactly when what it tells of does. Sending happens later, in MailOutbox.
 */
export async function enqueueMail(db: Database, messages: MailMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await db
    .insert(mailOutbox)
    .values(messages.map((message) => ({ toAddress: message.to, message })));
}

/**
 * Sends what the outbox holds, one batch at a time, and retries failures with back-off until
 * MAX_MAIL_ATTEMPTS. Each row is claimed before it is sent (its next attempt moved CLAIM_MS
 * ahead, with SKIP LOCKED), so two nodes never send the same row at once; a crash between
 * sending and marking it sent sends it again later (at least once, never lost).
 */
export class MailOutbox {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private isStopped = false;
  private isKicked = false;

  constructor(
    private readonly db: Database,
    private readonly mailer: Mailer,
    private readonly options: { pollMs: number } = { pollMs: 5_000 },
  ) {}

  /** Starts polling; the first pass runs at once. */
  start(): void {
    this.isStopped = false;
    this.kick();
  }

  /** Runs a pass soon (after new mail was queued), or right after the one under way. */
  kick(): void {
    if (this.isStopped) return;
    if (this.running) {
      this.isKicked = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.runPasses().finally(() => {
      this.running = null;
      if (this.isStopped) return;
      if (this.isKicked) {
        this.isKicked = false;
        this.kick();
        return;
      }
      this.timer = setTimeout(() => this.kick(), this.options.pollMs);
      this.timer.unref();
    });
  }

  /** Stops polling and waits for the pass under way. */
  async stop(): Promise<void> {
    this.isStopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private async runPasses(): Promise<void> {
    try {
      while (!this.isStopped && (await this.runPass()) === BATCH);
    } catch (error) {
      log.error("the mail outbox could not be read", { error });
    }
  }

  /** Claims and sends one batch of due rows; returns how many it claimed. */
  private async runPass(): Promise<number> {
    const rows = await this.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: mailOutbox.id })
        .from(mailOutbox)
        .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, sql`now()`)))
        .orderBy(mailOutbox.id)
        .limit(BATCH)
        .for("update", { skipLocked: true });
      if (due.length === 0) return [];
      return tx
        .update(mailOutbox)
        .set({ nextAttemptAt: sql`now() + ${`${CLAIM_MS} milliseconds`}::interval` })
        .where(
          inArray(
            mailOutbox.id,
            due.map((row) => row.id),
          ),
        )
        .returning({
          id: mailOutbox.id,
          message: mailOutbox.message,
          attempts: mailOutbox.attempts,
        });
    });
    for (const row of rows) await this.sendOne(row.id, row.message, row.attempts);
    return rows.length;
  }

  private async sendOne(id: number, stored: unknown, attempts: number): Promise<void> {
    const parsed = storedMessage.safeParse(stored);
    if (!parsed.success) {
      await this.db
        .update(mailOutbox)
        .set({ status: "failed", lastError: "unreadable message" })
        .where(eq(mailOutbox.id, id));
      return;
    }
    try {
      await this.mailer.send(parsed.data);
      await this.db
        .update(mailOutbox)
        .set({ status: "sent", sentAt: new Date(), attempts: attempts + 1, lastError: null })
        .where(eq(mailOutbox.id, id));
    } catch (error) {
      const tried = attempts + 1;
      const isLast = tried >= MAX_MAIL_ATTEMPTS;
      log.warn("email could not be sent", { id, to: parsed.data.to, attempt: tried, error });
      await this.db
        .update(mailOutbox)
        .set({
          attempts: tried,
          status: isLast ? "failed" : "pending",
          nextAttemptAt: new Date(Date.now() + retryDelayMs(tried)),
          lastError: error instanceof Error ? error.message.slice(0, 500) : "unknown error",
        })
        .where(eq(mailOutbox.id, id));
    }
  }
}

/** The outbox rows of some addresses (for tests and diagnostics). */
export async function listOutboxFor(db: Database, addresses: string[]) {
  return db
    .select()
    .from(mailOutbox)
    .where(inArray(mailOutbox.toAddress, addresses))
    .orderBy(mailOutbox.id);
}
