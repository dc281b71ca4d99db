import { z } from "zod";
import { idSchema } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";
import {
  createThreadInput,
  editMessageInput,
  patchThreadInput,
  postMessageInput,
} from "@/lib/review/schemas";
import type { ApiRequest } from "@/server/http/api-request";
import type { ApiResult } from "@/server/http/respond";
import { createThread } from "@/server/services/review/create-thread";
import { editMessage, listMessageEdits } from "@/server/services/review/edit-message";
import { markThreadRead } from "@/server/services/review/inbox";
import { getThread, listThreads, threadListQuery } from "@/server/services/review/list-threads";
import { postMessage } from "@/server/services/review/post-message";
import type { ReviewDeps } from "@/server/services/review/review-services";
import { updateThread } from "@/server/services/review/update-thread";

function depsOf(req: ApiRequest): ReviewDeps {
  return { db: req.runtime.db, rooms: req.runtime.rooms, review: req.runtime.review };
}

/** Counts one message against the writer's limit; 429 past it. */
function countMessage(req: ApiRequest, userId: string): void {
  if (!req.runtime.review.messageLimiter.hit(userId)) {
    throw new AppError("rate_limited", "You are writing faster than we allow; wait a minute");
  }
}

function messageIdOf(req: ApiRequest): string {
  return z.object({ messageId: idSchema }).parse(req.params).messageId;
}

/** GET /api/models/:id/threads: the model's threads, filtered (status, involving, target). */
export async function getModelThreads(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const threads = await listThreads(req.runtime.db, {
    modelId: req.pathId(),
    userId: actor.user.id,
    query: req.query(threadListQuery),
  });
  return { status: 200, body: { threads } };
}

/** POST /api/models/:id/threads {target, subject, body}: opens a thread. */
export async function postModelThread(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const modelId = req.pathId();
  const input = await req.body(createThreadInput);
  countMessage(req, actor.user.id);
  const thread = await createThread(depsOf(req), { modelId, userId: actor.user.id, input });
  return { status: 201, body: { thread } };
}

/** GET /api/threads/:id: one thread with its messages. */
export async function getOneThread(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const thread = await getThread(req.runtime.db, { threadId: req.pathId(), userId: actor.user.id });
  return { status: 200, body: { thread } };
}

/** PATCH /api/threads/:id {isResolved?, subject?}: resolves, reopens or renames it. */
export async function patchOneThread(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const threadId = req.pathId();
  const input = await req.body(patchThreadInput);
  const thread = await updateThread(depsOf(req), { threadId, userId: actor.user.id, ...input });
  return { status: 200, body: { thread } };
}

/** POST /api/threads/:id/messages {body, quotedId?}: answers the thread. */
export async function postThreadMessage(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const threadId = req.pathId();
  const input = await req.body(postMessageInput);
  countMessage(req, actor.user.id);
  const message = await postMessage(depsOf(req), { threadId, userId: actor.user.id, ...input });
  return { status: 201, body: { message } };
}

/** PATCH /api/threads/:id/messages/:messageId {body}: the author edits their message. */
export async function patchThreadMessage(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const threadId = req.pathId();
  const messageId = messageIdOf(req);
  const input = await req.body(editMessageInput);
  const message = await editMessage(depsOf(req), {
    threadId,
    messageId,
    userId: actor.user.id,
    body: input.body,
  });
  return { status: 200, body: { message } };
}

/** GET /api/threads/:id/messages/:messageId/edits: the message's earlier texts. */
export async function getMessageEdits(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const edits = await listMessageEdits(
    { db: req.runtime.db },
    { threadId: req.pathId(), messageId: messageIdOf(req), userId: actor.user.id },
  );
  return { status: 200, body: { edits } };
}

/** POST /api/threads/:id/read: the user read the thread; its inbox items are marked read. */
export async function postThreadRead(req: ApiRequest): Promise<ApiResult> {
  const actor = await req.requireActor();
  const threadId = req.pathId();
  await getThread(req.runtime.db, { threadId, userId: actor.user.id });
  await markThreadRead(req.runtime.db, req.runtime.review.userEvents, {
    userId: actor.user.id,
    threadId,
  });
  return { status: 204 };
}
