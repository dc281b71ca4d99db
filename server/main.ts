import path from "node:path";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { LIMITS } from "@/lib/limits";
import { REVIEW_LIMITS } from "@/lib/review/schemas";
import { resolveDataDir, type ServerEnv } from "@/server/config";
import { openDatabase, type DatabaseHandle } from "@/server/db/client";
import { RateLimiter } from "@/server/auth/rate-limit";
import { SignInThrottle } from "@/server/auth/sign-in-throttle";
import { deriveSecret, loadOrCreateSecret } from "@/server/auth/secret";
import { createMailer } from "@/server/mail/mailer";
import { RoomManager } from "@/server/collab/room-manager";
import { RedisRoomBus } from "@/server/collab/redis-room-bus";
import { localRoomBus } from "@/server/collab/room-bus";
import { handleCollabUpgrade } from "@/server/collab/upgrade";
import { handleApiRequest, isApiPath } from "@/server/http/api-router";
import { clientAddressOf, publicUrlOf } from "@/server/http/request-info";
import { CLIENT_ADDRESS_HEADER } from "@/server/auth/client-address";
import { errorResult, sendResult } from "@/server/http/respond";
import { refuseUpgrade, routeUpgrade } from "@/server/http/upgrade-routing";
import { answerClientError } from "@/server/http/client-error";
import {
  buildContentSecurityPolicy,
  createNonce,
  PERMISSIONS_POLICY,
} from "@/server/http/security-headers";
import { createStaticAssets, type StaticAssets } from "@/server/http/static-assets";
import { log, setLogLevel } from "@/server/logger";
import { setRuntime, type Runtime } from "@/server/runtime";
import { PROJECT_ROOT } from "@/server/project-root";
import { FacilitationSessions } from "@/server/services/facilitation/sessions";
import { handleSocketCommand } from "@/server/services/facilitation/socket-commands";
import { UserEvents } from "@/server/events/user-events";
import { MailOutbox } from "@/server/mail/outbox";
import { startInboundMail, type InboundMailServer } from "@/server/mail/inbound-server";
import { DigestScheduler } from "@/server/services/review/digest";
import { LiveThreads } from "@/server/services/review/live-threads";
import { handleThreadSocketCommand } from "@/server/services/review/socket-thread-commands";

const HEARTBEAT_MS = 30_000;
/** next-auth's endpoint for logs sent by browsers. */
const NEXT_AUTH_LOG_PATH = "/api/auth/_log";

type UpgradeListener = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;

/** A running server. */
export interface RunningServer {
  port: number;
  url: string;
  runtime: Runtime;
  /** The port of the inbound mail listener (INBOUND_SMTP_PORT, 0 picks one); null when off. */
  inboundMailPort?: number | null;
  database: DatabaseHandle;
  /** How many TCP connections the server holds open right now (HTTP, websocket, half-open). */
  openSockets(): Promise<number>;
  /** Stops accepting, saves every room, closes the database. */
  close(): Promise<void>;
}

/**
 * Starts the HTTP server: the JSON API, the realtime websocket under /collab/, and (unless
 * `withNext` is false, as in API tests) the Next.js app, all on one port. Migrations are
 * applied before the port opens.
 */
export async function startServer(options: {
  env: ServerEnv;
  withNext?: boolean;
  dev?: boolean;
}): Promise<RunningServer> {
  const env = { ...options.env };
  setLogLevel(env.LOG_LEVEL);
  const dataDir = resolveDataDir(env);
  env.NEXTAUTH_SECRET = loadOrCreateSecret(dataDir, env.NEXTAUTH_SECRET);
  process.env.NEXTAUTH_SECRET = env.NEXTAUTH_SECRET;
  process.env.NEXTAUTH_URL ??= publicUrlOf(env);

  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
  const bus = env.REDIS_URL
    ? new RedisRoomBus({ url: env.REDIS_URL, prefix: env.REDIS_PREFIX })
    : localRoomBus;
  const rooms = new RoomManager(
    database.db,
    {
      persistIntervalMs: env.PERSIST_INTERVAL_MS,
      compactAfterUpdates: env.COMPACT_AFTER_UPDATES,
      unloadGraceMs: env.ROOM_UNLOAD_GRACE_MS,
      maxConnectionsPerUserPerModel: env.MAX_CONNECTIONS_PER_USER_PER_MODEL,
      maxConnectionsPerModel: env.MAX_CONNECTIONS_PER_MODEL,
      updateLimits: {
        itemsPerUpdate: LIMITS.itemsPerUpdate,
        entitiesPerDocument: env.MAX_ENTITIES_PER_DOCUMENT ?? LIMITS.entitiesPerDocument,
      },
    },
    { bus },
  );
  const sessions = new FacilitationSessions(database.db, rooms);
  rooms.onSessionCommand = (modelId, connection, json) =>
    handleSocketCommand(sessions, modelId, connection, json);
  const mailer = createMailer({
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    folder: path.join(dataDir, "mail"),
  });
  const publicUrl = publicUrlOf(env);
  const publicHost = new URL(publicUrl).hostname;
  const outbox = new MailOutbox(database.db, mailer);
  const userEvents = new UserEvents({ redisUrl: env.REDIS_URL, prefix: env.REDIS_PREFIX });
  const liveThreads = new LiveThreads();
  rooms.onRemoteNotice = (modelId) => liveThreads.forgetModel(modelId);
  const runtime: Runtime = {
    db: database.db,
    sessions,
    isDatabaseKnownUp: () => database.isKnownUp(),
    env,
    rooms,
    signInThrottle: new SignInThrottle(),
    signUpLimiter: new RateLimiter(LIMITS.signUpsPerAddressPerHour, 60 * 60_000),
    verificationEmailLimiter: new RateLimiter(LIMITS.verificationEmailsPerUserPerHour, 60 * 60_000),
    mailer,
    review: {
      userEvents,
      outbox,
      messageLimiter: new RateLimiter(REVIEW_LIMITS.messagesPerUserPerMinute, 60_000),
      invitationLimiter: new RateLimiter(REVIEW_LIMITS.invitationsPerUserPerHour, 60 * 60_000),
      liveThreads,
      publicUrl,
      messageIdDomain: publicHost,
      replyAddresses:
        env.INBOUND_SMTP_PORT === undefined
          ? null
          : {
              domain: env.REPLY_EMAIL_DOMAIN ?? publicHost,
              secret: deriveSecret(env.NEXTAUTH_SECRET, "reply-addresses"),
            },
    },
  };
  setRuntime(runtime);
  rooms.onThreadCommand = (modelId, connection, json) =>
    handleThreadSocketCommand(
      { db: runtime.db, rooms, review: runtime.review },
      modelId,
      connection,
      json,
    );
  outbox.start();
  const digests = new DigestScheduler(runtime);
  digests.start();
  let inbound: InboundMailServer | null = null;
  if (env.INBOUND_SMTP_PORT !== undefined) {
    inbound = await startInboundMail(runtime, {
      port: env.INBOUND_SMTP_PORT,
      host: env.INBOUND_SMTP_HOST,
    });
  }

  const isDev = options.dev ?? false;
  let nextHandler: http.RequestListener | null = null;
  let nextUpgrade: UpgradeListener | null = null;
  if (options.withNext !== false) {
    const { default: next } = await import("next");
    const app = next({
      dev: options.dev ?? false,
      dir: PROJECT_ROOT,
      hostname: "localhost",
      port: env.PORT,
      // On its first request Next attaches an upgrade listener to this server, which would
      // answer (or leave hanging) upgrades that ours already handles. It gets a server of its
      // own that never listens; every upgrade goes through the one listener below.
      httpServer: http.createServer(),
    });
    await app.prepare();
    const handle = app.getRequestHandler();
    nextHandler = (req, res) => void handle(req, res);
    if (options.dev) nextUpgrade = app.getUpgradeHandler();
  }
  const handleWithNext = nextHandler;
  const answerWithNext: http.RequestListener | null =
    handleWithNext === null
      ? null
      : (req, res) => {
          // next-auth's sign-in rate limit keys on this; a client cannot set it itself.
          req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(req, env);
          // A fresh nonce per page: Next reads it from the request's policy and puts it on the
          // scripts it renders; the browser gets the same policy on the response.
          const policy = buildContentSecurityPolicy({ nonce: createNonce(), isDev });
          req.headers["content-security-policy"] = policy;
          res.setHeader("Content-Security-Policy", policy);
          res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
          handleWithNext(req, res);
        };
  // The development server rebuilds these files as they change: Next.js serves them there.
  const staticAssets: StaticAssets | null =
    answerWithNext === null || isDev
      ? null
      : createStaticAssets(path.join(PROJECT_ROOT, ".next", "static"), answerWithNext);

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: LIMITS.wsMessageBytes,
    perMessageDeflate: false,
  });
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    if (pathname === NEXT_AUTH_LOG_PATH) {
      // next-auth forwards browser-side errors here to be written to the server's log: an
      // unauthenticated way to fill the log with anything. They are not needed (the browser
      // shows them), so the request is answered without reading its body.
      req.resume();
      sendResult(res, { status: 204, headers: { Connection: "close" } });
    } else if (isApiPath(pathname)) {
      handleApiRequest(req, res, runtime).catch((error: unknown) => {
        if (!res.headersSent) sendResult(res, errorResult(error, { path: pathname }));
      });
    } else if (staticAssets?.answer(req, res, pathname)) {
      // The build's scripts and style sheets, compressed once (static-assets.ts).
    } else if (answerWithNext) {
      answerWithNext(req, res);
    } else {
      sendResult(res, {
        status: 404,
        body: { error: { code: "not_found", message: "Not found" } },
      });
    }
  });
  server.on("clientError", answerClientError);
  server.on("upgrade", (req, socket, head) => {
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    const route = routeUpgrade(pathname, { hasNextDev: nextUpgrade !== null });
    if (route === "collab") {
      handleCollabUpgrade(req, socket, head, wss, runtime).catch((error: unknown) => {
        log.error("upgrade failed", { error });
        socket.destroy();
      });
    } else if (route === "next-dev" && nextUpgrade) {
      void nextUpgrade(req, socket, head);
    } else {
      refuseUpgrade(socket, 404, "Not found");
    }
  });

  const heartbeat = setInterval(() => {
    for (const { connection } of rooms.connections()) {
      if (!connection.isAlive) {
        connection.socket.terminate();
        continue;
      }
      connection.isAlive = false;
      connection.socket.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const accessSweep = setInterval(() => {
    void rooms.recheckAccess();
  }, env.ACCESS_RECHECK_SECONDS * 1000);
  accessSweep.unref();

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log.info("server listening", {
    port,
    database: database.kind,
    scaleOut: Boolean(env.REDIS_URL),
    next: Boolean(nextHandler),
    dev: Boolean(options.dev),
  });

  let closing: Promise<void> | null = null;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    inboundMailPort: inbound?.port ?? null,
    runtime,
    database,
    openSockets: () =>
      new Promise<number>((resolve, reject) =>
        server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      ),
    close: () =>
      (closing ??= (async () => {
        clearInterval(heartbeat);
        clearInterval(accessSweep);
        server.close();
        await rooms.shutdown();
        await sessions.settle();
        await inbound?.close();
        digests.stop();
        await outbox.stop();
        await userEvents.close();
        await bus.close();
        for (const client of wss.clients) client.terminate();
        server.closeAllConnections();
        await database.close();
        setRuntime(undefined);
      })()),
  };
}
