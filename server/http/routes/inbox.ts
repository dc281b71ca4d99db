import type { ServerResponse } from "node:http";
import { inboxChangeInput, inboxQuery } from "@/lib/review/inbox";
import { AppError } from "@/lib/errors";
import { notificationSettingsInput, REVIEW_LIMITS } from "@/lib/review/schemas";
import type { ApiRequest } from "@/server/http/api-request";
import type { ApiResult } from "@/server/http/respond";
import { changeInbox, countUnread, listInbox } from "@/server/services/review/inbox";
import {
  getNotificationSettings,
  setNotificationSettings,
} from "@/server/services/review/notification-settings";

/** GET /api/inbox?filter=&before=&limit=: one page of the user's inbox, and the unread count. */
export async function getInbox(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const query = req.query(inboxQuery);
  const page = await listInbox(req.runtime.db, { userId: actor.user.id, ...query });
  return { status: 200, body: page };
}

/** GET /api/inbox/count: the unread count alone (the navigation's badge). */
export async function getInboxCount(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  return { status: 200, body: { unreadCount: await countUnread(req.runtime.db, actor.user.id) } };
}

function inboxChange(change: "read" | "archive") {
  return async (req: ApiRequest): Promise<ApiResult> => {
    const actor = await req.requireActor();
    const input = await req.body(inboxChangeInput);
    const result = await changeInbox(req.runtime.db, req.runtime.review.userEvents, {
      userId: actor.user.id,
      change,
      ids: "ids" in input ? input.ids : "all",
      value: input.value,
    });
    return { status: 200, body: result };
  };
}

/** POST /api/inbox/read {ids | all, value}: marks items read (value false: unread). */
export const postInboxRead = inboxChange("read");
/** POST /api/inbox/archive {ids | all, value}: archives items (value false: back to the inbox). */
export const postInboxArchive = inboxChange("archive");

/** GET /api/users/me/notifications: how discussion reaches the user by email. */
export async function getNotifications(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  return { status: 200, body: await getNotificationSettings(req.runtime.db, actor.user.id) };
}

/** PUT /api/users/me/notifications {emailNotifications}: each message, a daily digest, or off. */
export async function putNotifications(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const input = await req.body(notificationSettingsInput);
  await setNotificationSettings(req.runtime.db, actor.user.id, input.emailNotifications);
  return { status: 200, body: input };
}

/** How long one event stream lasts before the browser reconnects (and is authenticated again). */
const STREAM_MS = 60_000;
const KEEPALIVE_MS = 20_000;

/**
 * GET /api/events: a server-sent event stream of the user's events ("inbox" when their inbox
 * changed). The stream ends after a minute and the browser reconnects, so a signed-out or
 * revoked session stops receiving within that time.
 */
export async function getEvents(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  if (
    req.runtime.review.userEvents.countListeners(actor.user.id) >= REVIEW_LIMITS.eventStreamsPerUser
  ) {
    throw new AppError("rate_limited", "Too many open pages; close some and reload");
  }
  return {
    status: 200,
    stream: (res: ServerResponse) => {
      res.writeHead(200, {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      });
      res.write("retry: 1000\n\n");
      const unsubscribe = req.runtime.review.userEvents.subscribe(actor.user.id, (event) => {
        res.write(`event: ${event.type}\ndata: {}\n\n`);
      });
      const keepalive = setInterval(() => res.write(": keepalive\n\n"), KEEPALIVE_MS);
      const end = setTimeout(() => res.end(), STREAM_MS);
      const stop = () => {
        unsubscribe();
        clearInterval(keepalive);
        clearTimeout(end);
      };
      res.on("close", stop);
      req.raw.on("close", stop);
    },
  };
}
