import { encodeJsonMessage, MESSAGE_SESSION_ANSWER } from "@/lib/collab/messages";
import { isAppError } from "@/lib/errors";
import { socketCommandSchema } from "@/lib/facilitation/commands";
import type { CollabConnection } from "@/server/collab/connection";
import { log } from "@/server/logger";
import { can, MEMBER } from "@/server/policies/policy";
import type { FacilitationSessions } from "./sessions";

/**
 * Handles a facilitator's command sent on the model's socket (MESSAGE_SESSION_COMMAND). The
 * connection was authorized when it opened and its role is kept current (a changed role is
 * updated in place, revoked access closes it), so the check here is the policy's, on that
 * role: the same as POST /api/models/:id/session/commands makes. Every outcome is answered on
 * the connection with the request id; a refused attempt is logged.
 */
export function handleSocketCommand(
  sessions: FacilitationSessions,
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
  const parsed = socketCommandSchema.safeParse(payload);
  const requestId =
    typeof payload === "object" && payload !== null && "requestId" in payload
      ? String(payload.requestId).slice(0, 64)
      : "";
  const answer = (result: { ok: true } | { ok: false; code: string; message: string }) =>
    connection.send(encodeJsonMessage(MESSAGE_SESSION_ANSWER, { requestId, ...result }));
  if (!parsed.success) {
    answer({ ok: false, code: "bad_request", message: "That is not a session command" });
    return;
  }
  if (!can(MEMBER, "model.run-session", { kind: "model", role: connection.role })) {
    log.warn("session command refused", {
      modelId,
      userId: connection.user.id,
      role: connection.role,
      command: parsed.data.command.type,
    });
    answer({
      ok: false,
      code: "forbidden",
      message: "Only the model's owners and facilitators steer the session",
    });
    return;
  }
  sessions.run({ modelId, userId: connection.user.id, command: parsed.data.command }).then(
    () => answer({ ok: true }),
    (error: unknown) => {
      if (isAppError(error)) {
        answer({ ok: false, code: error.code, message: error.message });
        return;
      }
      log.error("session command failed", { modelId, userId: connection.user.id, error });
      answer({ ok: false, code: "internal", message: "The command could not be applied" });
    },
  );
}
