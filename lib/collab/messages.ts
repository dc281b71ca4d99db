/**
 * Message types the server sends on a model's socket beyond y-websocket's own (0 sync,
 * 1 awareness, 2 auth, 3 query awareness). Clients register a handler for each; the server
 * accepts none of them from clients.
 */

/** "The facilitated session changed": a one-byte message; the client fetches the session. */
export const MESSAGE_SESSION_CHANGED = 7;
