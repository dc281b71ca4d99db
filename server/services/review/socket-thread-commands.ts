import { encodeJsonMessage, MESSAGE_THREAD_ANSWER } from "@/lib/collab/messages";
import { isAppError } from "@/lib/errors";
import { threadSocketCommandSchema, type ThreadMessage } from "@/lib/review/schemas";
import type { CollabConnection } from "@/server/collab/connection";
import { log } from "@/server/logger";
import { postMessageLive } from "@/server/services/review/post-message-live";
import type { ReviewDeps } from "@/server/services/review/review-services";

/**
 * Handles a thread command sent on the model's socket (MESSAGE_THREAD_COMMAND): the member
 * and their current role are the connection's (kept current; revoked access closes it), so
 * the check is the policy's on that role, as POST /api/threads/:id/messages makes. Every
 * outcome is answered on the connection with the request id.
 */
export function handleThreadSocketCommand(
  deps: ReviewDeps,
  modelId: string,
  connection: CollabConnection,
  json: Uint8Array,
): void {
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(json));
  } catch {
    payload = null;
  }
  const requestId =
    typeof payload === "object" && payload !== null && "requestId" in payload
      ? String(payload.requestId).slice(0, 64)
      : "";
  const answer = (
    result: { ok: true; message: ThreadMessage } | { ok: false; code: string; message: string },
  ) => connection.send(encodeJsonMessage(MESSAGE_THREAD_ANSWER, { requestId, ...result }));
  const parsed = threadSocketCommandSchema.safeParse(payload);
  if (!parsed.success) {
    answer({
      ok: false,
      code: "bad_request",
      message: parsed.error.issues[0]?.message ?? "That is not a thread command",
    });
    return;
  }
  const { command } = parsed.data;
  postMessageLive(deps, {
    modelId,
    user: connection.user,
    role: connection.role,
    threadId: command.threadId,
    body: command.body,
    quotedId: command.quotedId ?? null,
  }).then(
    (message) => answer({ ok: true, message }),
    (error: unknown) => {
      if (isAppError(error)) {
        if (error.code === "forbidden") {
          log.warn("thread command refused", { modelId, userId: connection.user.id });
        }
        answer({ ok: false, code: error.code, message: error.message });
        return;
      }
      log.error("thread command failed", { modelId, userId: connection.user.id, error });
      answer({ ok: false, code: "internal", message: "The message could not be written" });
    },
  );
}
