/**
 * Message types the server sends on a model's socket beyond y-websocket's own (0 sync,
 * 1 awareness, 2 auth, 3 query awareness). Clients register a handler for each; the server
 * accepts none of them from clients.
 */

/**
 * "The facilitated session changed": the type byte, then the session as UTF-8 JSON (what
 * GET /api/models/:id/session answers), or nothing, and the client fetches it.
 */
export const MESSAGE_SESSION_CHANGED = 7;
