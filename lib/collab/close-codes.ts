/**
 * Websocket close codes of the realtime endpoint `/collab/<modelId>`. Clients read them to tell
 * the user what happened and whether reconnecting can help. 1009 (message too big) is the
 * standard code sent when a frame exceeds LIMITS.wsMessageBytes.
 */
export const CLOSE_CODES = {
  /** A frame exceeded the maximum message size (standard code). */
  messageTooBig: 1009,
  /** The server is shutting down; reconnect. */
  serverShutdown: 1012,
  /** A message could not be decoded, or was not a y-websocket message. */
  malformedMessage: 4400,
  /** The session or token is no longer valid (signed out, token revoked). */
  unauthenticated: 4401,
  /** Access to the model was revoked while connected. */
  accessRevoked: 4403,
  /** The model does not exist or the user is not a member. */
  modelNotFound: 4404,
  /** The model was deleted while connected. */
  modelDeleted: 4410,
  /** The document would grow past LIMITS.documentBytes. */
  documentTooLarge: 4413,
  /** The client's document schema version differs from the server's; reload the page. */
  schemaMismatch: 4426,
  /** The connection sent messages faster than LIMITS allow. */
  rateLimited: 4429,
  /** The room could not be loaded; try again later. */
  roomUnavailable: 4500,
} as const;

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/** Close codes after which reconnecting cannot succeed without the user doing something. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CLOSE_CODES.unauthenticated,
  CLOSE_CODES.accessRevoked,
  CLOSE_CODES.modelNotFound,
  CLOSE_CODES.modelDeleted,
  CLOSE_CODES.documentTooLarge,
  CLOSE_CODES.schemaMismatch,
]);

/** The path prefix of the realtime endpoint; no Next.js route lives under it. */
export const COLLAB_PATH_PREFIX = "/collab/";
