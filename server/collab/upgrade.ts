import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocket, WebSocketServer } from "ws";
import { CLOSE_CODES, COLLAB_PATH_PREFIX } from "@/lib/collab/close-codes";
import { idSchema } from "@/lib/api/schemas";
import { SCHEMA_VERSION } from "@/lib/model/document";
import { authenticate } from "@/server/auth/authenticate";
import { isOriginAllowed } from "@/server/auth/origin";
import { CollabConnection } from "@/server/collab/connection";
import { MAX_QUEUED_MESSAGES } from "@/server/collab/room";
import { publicUrlOf } from "@/server/http/request-info";
import { refuseUpgrade } from "@/server/http/upgrade-routing";
import { log } from "@/server/logger";
import type { Runtime } from "@/server/runtime";
import { getMemberRole } from "@/server/services/members/get-member-role";
import { can, MEMBER } from "@/server/policies/policy";
import type { Role } from "@/lib/model/roles";

/** How long a socket that broke the protocol may take to receive its close frame. */
const PROTOCOL_ERROR_GRACE_MS = 1_000;

/**
 * Handles an upgrade to `/collab/<modelId>`: checks Origin and credentials before accepting
 * (401/403 without a websocket), then accepts and closes with a documented code when the
 * schema differs or the user is not a member; otherwise joins the model's room. Messages sent
 * while this runs are kept and handled in order once the room is loaded.
 */
export async function handleCollabUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  wss: WebSocketServer,
  runtime: Runtime,
): Promise<void> {
  socket.on("error", () => socket.destroy());
  const url = new URL(req.url ?? "/", "http://localhost");
  const modelId = idSchema.safeParse(url.pathname.slice(COLLAB_PATH_PREFIX.length));
  const publicUrl = publicUrlOf(runtime.env);
  const isTls = publicUrl.startsWith("https:");
  if (
    !isOriginAllowed(req.headers, { publicUrl, trustedOrigins: runtime.env.TRUSTED_ORIGINS, isTls })
  ) {
    refuseUpgrade(socket, 403, "Forbidden");
    return;
  }
  let actor: Awaited<ReturnType<typeof authenticate>>;
  try {
    actor = await authenticate(runtime.db, req.headers, {
      secret: runtime.env.NEXTAUTH_SECRET ?? "",
      secureCookie: isTls,
    });
  } catch (error) {
    // The database did not answer: the credentials may well be good. The client retries.
    log.error("websocket authentication failed", { error });
    refuseUpgrade(socket, 503, "Try again later");
    return;
  }
  if (!actor) {
    refuseUpgrade(socket, 401, "Unauthorized");
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
    void admit(ws, actor, modelId.success ? modelId.data : null, url, runtime);
  });
}

async function admit(
  ws: WebSocket,
  actor: NonNullable<Awaited<ReturnType<typeof authenticate>>>,
  modelId: string | null,
  url: URL,
  runtime: Runtime,
): Promise<void> {
  ws.binaryType = "nodebuffer";
  // The socket's one queue: messages sent before the room greets it (while it is checked, and
  // while the room loads) wait here in order; the room drains it.
  const queue: Uint8Array[] = [];
  let connection: CollabConnection | null = null;
  let joined: { receive(c: CollabConnection, data: Uint8Array): void } | null = null;
  ws.on("message", (data, isBinary) => {
    if (!isBinary || !Buffer.isBuffer(data)) {
      ws.close(CLOSE_CODES.malformedMessage, "binary messages only");
      return;
    }
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (joined && connection) joined.receive(connection, bytes);
    else if (queue.length < MAX_QUEUED_MESSAGES) queue.push(bytes);
    else ws.close(CLOSE_CODES.rateLimited, "too many messages before joining");
  });
  // A protocol error (an oversized frame, bad framing) comes after ws has sent its close frame
  // with the code (1009, 1002). Terminating at once would race that frame and leave the client
  // with a bare 1006; waiting for ws's own 30 s close timeout would keep a misbehaving peer
  // (and its presence) in the room. A second is enough for the frame to leave.
  ws.on("error", (error) => {
    log.debug("websocket protocol error", { error });
    setTimeout(() => ws.terminate(), PROTOCOL_ERROR_GRACE_MS).unref();
  });
  ws.on("close", () => {
    if (connection && modelId) runtime.rooms.disconnect(modelId, connection);
    if (connection) connection.isClosed = true;
  });

  if (url.searchParams.get("schema") !== String(SCHEMA_VERSION)) {
    ws.close(CLOSE_CODES.schemaMismatch, `server schema is ${SCHEMA_VERSION}`);
    return;
  }
  let role: Role | null = null;
  if (modelId) {
    try {
      role = await getMemberRole(runtime.db, { modelId, userId: actor.user.id });
    } catch (error) {
      // The database did not answer: the model may well exist. "Try again later", never
      // "no such model", which the app takes as final.
      log.warn("membership check failed", { modelId, error });
      ws.close(CLOSE_CODES.roomUnavailable, "try again later");
      return;
    }
  }
  if (!modelId || role === null || !can(MEMBER, "model.read", { kind: "model", role })) {
    ws.close(CLOSE_CODES.modelNotFound, "no such model");
    return;
  }
  if (ws.readyState !== ws.OPEN) return;
  connection = new CollabConnection(
    ws,
    actor.user,
    role,
    actor.tokenId,
    actor.sessionExpiresAt,
    actor.sessionId,
  );
  const current = connection;
  ws.on("pong", () => {
    current.isAlive = true;
  });
  try {
    joined = await runtime.rooms.connect(modelId, connection, queue);
  } catch {
    connection.close(CLOSE_CODES.serverShutdown, "server shutting down");
    return;
  }
  // The socket may have closed while the room was being acquired.
  if (connection.isClosed) runtime.rooms.disconnect(modelId, connection);
}
