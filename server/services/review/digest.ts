import { and, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import { inboxItems, users } from "@/drizzle/schema";
import { INBOX_REASON_LABELS } from "@/lib/review/inbox";
import { log } from "@/server/logger";
import { enqueueMail } from "@/server/mail/outbox";
import type { Runtime } from "@/server/runtime";
import { listInbox } from "@/server/services/review/inbox";
import { threadLink } from "@/server/services/review/notify-thread";

/** A digest goes out at most once per this period. */
export const DIGEST_PERIOD_MS = 24 * 60 * 60_000;
/** How often the scheduler looks for digests that are due. */
const CHECK_MS = 10 * 60_000;
/** Items one digest lists at most (the rest: "and N more"). */
const DIGEST_ITEMS = 50;

/**
 * Queues the daily digest of each user who chose one and whose last digest is a period old:
 * their unread inbox items since then, one email. Users with nothing new get none (and their
 * clock does not restart). Returns how many were queued.
 */
export async function queueDueDigests(runtime: Runtime, now = new Date()): Promise<number> {
  const { db } = runtime;
  const cutoff = new Date(now.getTime() - DIGEST_PERIOD_MS);
  const due = await db
    .select({ id: users.id, email: users.email, name: users.name, sentAt: users.digestSentAt })
    .from(users)
    .where(
      and(
        eq(users.emailNotifications, "digest"),
        or(isNull(users.digestSentAt), lt(users.digestSentAt, cutoff)),
      ),
    );
  let queued = 0;
  for (const user of due) {
    const since = user.sentAt ?? cutoff;
    const [newest] = await db
      .select({ id: inboxItems.id })
      .from(inboxItems)
      .where(
        and(
          eq(inboxItems.userId, user.id),
          eq(inboxItems.isRead, false),
          gt(inboxItems.createdAt, since),
        ),
      )
      .orderBy(desc(inboxItems.id))
      .limit(1);
    if (!newest) continue;
    const page = await listInbox(db, { userId: user.id, filter: "unread", limit: DIGEST_ITEMS });
    const items = page.items.filter((item) => new Date(item.createdAt) > since);
    if (items.length === 0) continue;
    const base = runtime.review.publicUrl.replace(/\/+$/, "");
    const lines = items.map((item) => {
      const who = item.actor?.name ?? "Someone";
      const what = item.thread ? `“${item.thread.subject}”` : "a review";
      const link = item.thread
        ? threadLink(base, item.model.id, item.thread.id)
        : `${base}/models/${item.model.id}`;
      return `- [${item.model.title}] ${who} ${INBOX_REASON_LABELS[item.reason]} in ${what}${item.excerpt ? `: ${item.excerpt}` : ""}\n  ${link}`;
    });
    const more = page.unreadCount - items.length;
    await db.transaction(async (tx) => {
      await enqueueMail(tx, [
        {
          to: user.email,
          subject: `Your Threat Room digest: ${items.length} new ${items.length === 1 ? "item" : "items"}`,
          text: [
            `Hello ${user.name},`,
            "",
            "Since your last digest:",
            "",
            ...lines,
            ...(more > 0 ? ["", `…and ${more} more unread in your inbox.`] : []),
            "",
            `Your inbox: ${base}/inbox`,
            "You get one digest a day; change it in your account settings.",
          ].join("\n"),
          headers: { "Auto-Submitted": "auto-generated" },
        },
      ]);
      await tx.update(users).set({ digestSentAt: now }).where(eq(users.id, user.id));
    });
    queued += 1;
  }
  if (queued > 0) runtime.review.outbox.kick();
  return queued;
}

/** Runs queueDueDigests every few minutes. */
export class DigestScheduler {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly runtime: Runtime) {}

  start(): void {
    this.timer = setInterval(() => {
      queueDueDigests(this.runtime).catch((error: unknown) =>
        log.error("digests could not be queued", { error }),
      );
    }, CHECK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
