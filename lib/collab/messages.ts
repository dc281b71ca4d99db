/**
 * Message types beyond y-websocket's own (0 sync, 1 awareness, 2 auth, 3 query awareness) on a
 * model's socket. Each is one type byte followed by UTF-8 JSON (or nothing).
 */

/**
 * Server to client, "the facilitated session changed": the type byte, then the session as
 * UTF-8 JSON (what GET /api/models/:id/session answers), or nothing, and the client fetches it.
 */
export const MESSAGE_SESSION_CHANGED = 7;

/**
 * Client to server, a facilitator's command on the socket the member already opened: the type
 * byte, then `{ requestId, command }` (lib/facilitation/commands.ts). The server checks the
 * connection's current role, applies it, and answers with MESSAGE_SESSION_ANSWER; everyone,
 * the sender included, receives the new session with MESSAGE_SESSION_CHANGED.
 */
export const MESSAGE_SESSION_COMMAND = 8;

/**
 * Server to client, the outcome of one MESSAGE_SESSION_COMMAND: the type byte, then
 * `{ requestId, ok: true }` or `{ requestId, ok: false, code, message }`.
 */
export const MESSAGE_SESSION_ANSWER = 9;

/** Largest MESSAGE_SESSION_COMMAND in bytes: a command with a reason or an added item. */
export const MAX_SESSION_COMMAND_BYTES = 16 * 1024;

/** A message of one of the types above: the type byte, then the JSON payload. */
export function encodeJsonMessage(type: number, payload: unknown): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(payload));
  const message = new Uint8Array(1 + json.byteLength);
  message[0] = type;
  message.set(json, 1);
  return message;
}

/**
 * Server to client, "a discussion thread changed": the type byte, then `{ thread, message }`
 * as UTF-8 JSON (lib/review/schemas.ts threadNoticeSchema): the thread's summary as it is now,
 * and the message that was written or edited, or null.
 */
export const MESSAGE_THREAD_CHANGED = 10;

/**
 * Server to client, "the model's reviews changed" (a review was requested or decided): the
 * type byte alone; clients fetch GET /api/models/:id/reviews.
 */
export const MESSAGE_REVIEWS_CHANGED = 11;

/**
 * Client to server, a message for a discussion thread sent on the socket the member already
 * opened: the type byte, then `{ requestId, command: { type: "post", threadId, body,
 * quotedId? } }` (lib/review/schemas.ts threadSocketCommandSchema). The server checks the
 * connection's current role, sends the thread notice (MESSAGE_THREAD_CHANGED) to everyone,
 * stores the message and answers with MESSAGE_THREAD_ANSWER.
 */
export const MESSAGE_THREAD_COMMAND = 12;

/**
 * Server to client, the outcome of one MESSAGE_THREAD_COMMAND: `{ requestId, ok: true,
 * message }` (the stored message) or `{ requestId, ok: false, code, message }`.
 */
export const MESSAGE_THREAD_ANSWER = 13;

/** Largest MESSAGE_THREAD_COMMAND in bytes: a message of the longest body in UTF-8. */
export const MAX_THREAD_COMMAND_BYTES = 96 * 1024;
