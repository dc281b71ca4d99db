/**
 * Limits shared by the zod schemas, the server and the UI, so a field the UI accepts is never
 * refused by the server and the other way round.
 */
export const LIMITS = {
  emailLength: 254,
  nameLength: 100,
  passwordMinLength: 10,
  passwordMaxLength: 200,
  modelTitleLength: 200,
  threatTitleLength: 300,
  threatDescriptionLength: 20_000,
  tokenNameLength: 100,
  membersPerModel: 200,
  /** Models one user may create per hour (deleted ones count too). */
  modelsCreatedPerUserPerHour: 30,
  /** Models per page of GET /api/models: the default, and the most a client may ask for. */
  modelsPageDefault: 100,
  modelsPageMax: 200,
  /** Largest HTTP JSON body accepted, in bytes. */
  httpBodyBytes: 1024 * 1024,
  /** Largest single websocket message, in bytes; larger frames close the socket with 1009. */
  wsMessageBytes: 2 * 1024 * 1024,
  /** Largest encoded document state a room accepts, in bytes. */
  documentBytes: 32 * 1024 * 1024,
  /** Entities (diagrams, elements, flows, threats, mitigations) one document may hold. */
  entitiesPerDocument: 25_000,
  /** New items (map entries, characters of text) one update may bring. */
  itemsPerUpdate: 50_000,
  /** Websocket messages per connection: sustained rate per second and burst. */
  wsMessagesPerSecond: 200,
  wsMessageBurst: 600,
  /** Bytes a connection may send per second, sustained, and in a burst (two largest messages). */
  wsBytesPerSecond: 1024 * 1024,
  wsBytesBurst: 4 * 1024 * 1024,
  /**
   * Bytes of document state the server encodes for one connection's sync requests per second,
   * and in a burst: one full sync of the largest document, then about one every 4 s.
   */
  syncEncodeBytesPerSecond: 8 * 1024 * 1024,
  syncEncodeBytesBurst: 40 * 1024 * 1024,
  /** Verification emails one account may ask for per hour (sign-up's included). */
  verificationEmailsPerUserPerHour: 5,
  /** Sign-ups per client address per hour. */
  signUpsPerAddressPerHour: 60,
  /** Sign-in attempts per client address per window (successes are given back). */
  signInsPerAddress: 100,
  signInAddressWindowMs: 15 * 60_000,
  /** Wrong passwords for one account from one address before that address must wait. */
  signInFailuresBeforeBackoff: 5,
  /** The first wait after those failures, doubled after each further one, up to the maximum. */
  signInBackoffBaseMs: 30_000,
  signInBackoffMaxMs: 15 * 60_000,
  /** Awareness messages per connection: sustained rate per second and burst. */
  awarenessPerSecond: 30,
  awarenessBurst: 90,
  /** Largest presence (awareness) state one client may announce, as JSON bytes. */
  presenceStateBytes: 4 * 1024,
  /** Realtime connections one user may hold to one model on one server node (tabs, devices). */
  connectionsPerUserPerModel: 10,
  /** Realtime connections to one model on one server node, everyone together. */
  connectionsPerModel: 250,
  /** Names of diagrams, elements and data flows. */
  elementNameLength: 200,
  /** Short free-text answers: protocol, code language, asset, owner, authentication. */
  shortTextLength: 500,
  /** Long free text: model and element descriptions, out-of-scope reasons, mitigations. */
  longTextLength: 20_000,
  /** One item of a context list (scenario, asset, entry point, dependency, assumption). */
  contextItemLength: 2_000,
  /** Items in one context list. */
  contextItemsPerList: 500,
  mitigationTitleLength: 300,
  /** Longest id accepted as a reference to another entity (nanoid ids have 21 characters). */
  idLength: 64,
  /** Longest bug tracker URL on a threat. */
  urlLength: 2_000,
} as const;
