import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import { auditEvents, modelActivity, users } from "@/drizzle/schema";
import {
  activitySummarySchema,
  emptySummary,
  mergeSummaries,
  type ActivitySummary,
} from "@/server/collab/activity";
import type { Database } from "@/server/db/client";

/** One person's minute in a model: what their edits changed and what else they did. */
export interface ActivityEntry {
  /** The minute's start, ISO 8601. */
  minute: string;
  /** Null for changes whose author's account is gone, or made by the server. */
  user: { id: string; name: string } | null;
  summary: ActivitySummary;
  /** Audit actions of that person in that minute on this model (e.g. "version.saved"). */
  events: { action: string; detail: unknown }[];
}

const MINUTE_MS = 60_000;

/**
 * A model's activity feed, newest first: per person and minute, the document changes recorded
 * with the updates (see server/collab/activity.ts) merged with the model's audit events.
 * `limit` minutes per page (each minute may hold several people), before `before` when given;
 * `nextBefore` continues the feed and is null at its end.
 */
export async function listActivity(
  db: Database,
  options: { modelId: string; before: Date | null; limit: number },
): Promise<{ entries: ActivityEntry[]; nextBefore: string | null }> {
  const { modelId, before, limit } = options;
  const truncated = sql<Date>`date_trunc('minute', ${auditEvents.createdAt})`;
  const [activityMinutes, auditMinutes] = await Promise.all([
    db
      .selectDistinct({ minute: modelActivity.minute })
      .from(modelActivity)
      .where(
        and(
          eq(modelActivity.modelId, modelId),
          before ? lt(modelActivity.minute, before) : undefined,
        ),
      )
      .orderBy(desc(modelActivity.minute))
      .limit(limit + 1),
    db
      .selectDistinct({ minute: truncated })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.modelId, modelId),
          before ? lt(auditEvents.createdAt, before) : undefined,
        ),
      )
      .orderBy(desc(truncated))
      .limit(limit + 1),
  ]);
  const minutes = [
    ...new Set([...activityMinutes, ...auditMinutes].map((row) => new Date(row.minute).getTime())),
  ].sort((a, b) => b - a);
  const page = minutes.slice(0, limit);
  const oldest = page.at(-1);
  const newest = page[0];
  if (oldest === undefined || newest === undefined) return { entries: [], nextBefore: null };
  const from = new Date(oldest);
  const to = new Date(newest + MINUTE_MS);

  const [activityRows, auditRows] = await Promise.all([
    db
      .select({
        minute: modelActivity.minute,
        summary: modelActivity.summary,
        userId: users.id,
        userName: users.name,
        userEmail: users.email,
      })
      .from(modelActivity)
      .leftJoin(users, eq(users.id, modelActivity.userId))
      .where(
        and(
          eq(modelActivity.modelId, modelId),
          gte(modelActivity.minute, from),
          lt(modelActivity.minute, to),
        ),
      ),
    db
      .select({
        createdAt: auditEvents.createdAt,
        action: auditEvents.action,
        detail: auditEvents.detail,
        userId: users.id,
        userName: users.name,
        userEmail: users.email,
      })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorId))
      .where(
        and(
          eq(auditEvents.modelId, modelId),
          gte(auditEvents.createdAt, from),
          lt(auditEvents.createdAt, to),
        ),
      )
      .orderBy(auditEvents.id),
  ]);

  const entries = new Map<string, ActivityEntry>();
  const entryFor = (
    minute: number,
    user: { userId: string | null; userName: string | null; userEmail: string | null },
  ) => {
    const key = `${minute}:${user.userId ?? ""}`;
    let entry = entries.get(key);
    if (!entry) {
      entry = {
        minute: new Date(minute).toISOString(),
        user: user.userId ? { id: user.userId, name: user.userName || user.userEmail || "" } : null,
        summary: emptySummary(),
        events: [],
      };
      entries.set(key, entry);
    }
    return entry;
  };
  for (const row of activityRows) {
    const parsed = activitySummarySchema.safeParse(row.summary);
    if (!parsed.success) continue;
    const entry = entryFor(new Date(row.minute).getTime(), row);
    entry.summary = mergeSummaries(entry.summary, parsed.data);
  }
  for (const row of auditRows) {
    const minute = Math.floor(new Date(row.createdAt).getTime() / MINUTE_MS) * MINUTE_MS;
    entryFor(minute, row).events.push({ action: row.action, detail: row.detail });
  }
  return {
    entries: [...entries.values()].sort(
      (a, b) =>
        b.minute.localeCompare(a.minute) || (a.user?.name ?? "").localeCompare(b.user?.name ?? ""),
    ),
    nextBefore: minutes.length > limit ? from.toISOString() : null,
  };
}
