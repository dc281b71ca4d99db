import path from "node:path";
import { z } from "zod";

/** Environment variables read by the server, validated once at start-up. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** Folder of the embedded database, the generated secret and written emails. */
  DATA_DIR: z.string().default("./data"),
  /** PostgreSQL connection string; unset means the embedded PGlite database in DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * Redis for scale-out: every node relays the updates and presence it accepts to the others
   * through it, so several nodes can serve the same models behind a load balancer. Unset: one
   * node.
   */
  REDIS_URL: z.string().url().optional(),
  /** Prefix of the Redis channel names, to let several deployments share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/)
    .default("threat-room"),
  /** Secret that signs session cookies; generated into DATA_DIR when unset. */
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  /** Public URL of the app, e.g. https://threats.example.com; defaults to http://localhost:PORT. */
  NEXTAUTH_URL: z.string().url().optional(),
  /** Extra origins allowed to open the websocket and send cookie-authenticated requests, comma-separated. */
  TRUSTED_ORIGINS: z.string().default(""),
  /**
   * Outgoing mail server, e.g. smtp://user:password@mail.example.com:587 (smtps:// for TLS from
   * the start). Unset: each email is written as an .eml file into DATA_DIR/mail.
   */
  SMTP_URL: z.string().url().optional(),
  /** The sender of the server's email. */
  MAIL_FROM: z.string().default("Threat Room <no-reply@localhost>"),
  /**
   * Port of the inbound SMTP listener that turns replies to notification email into comments.
   * Unset: off, and notifications carry no reply address. Point the MX record of
   * REPLY_EMAIL_DOMAIN at this host (port 25, or forward to this port).
   */
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Address the inbound listener binds to. */
  INBOUND_SMTP_HOST: z.string().default("0.0.0.0"),
  /** The domain of reply addresses (reply+…@domain); the public URL's host name by default. */
  REPLY_EMAIL_DOMAIN: z
    .string()
    .regex(/^[A-Za-z0-9.-]{1,253}$/, "a domain name")
    .optional(),
  /** The Chromium that prints PDF reports; /usr/bin/chromium by default. */
  CHROMIUM_PATH: z.string().default("/usr/bin/chromium"),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("Single sign-on"),
  /** Milliseconds an empty room stays loaded before it is compacted and unloaded. */
  ROOM_UNLOAD_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /** Milliseconds between appends of buffered updates to the log. */
  PERSIST_INTERVAL_MS: z.coerce.number().int().min(1).max(1000).default(25),
  /** Updates in the log after which a room compacts them into a snapshot. */
  COMPACT_AFTER_UPDATES: z.coerce.number().int().min(1).default(500),
  /** Realtime connections one user may hold to one model on this node (LIMITS by default). */
  MAX_CONNECTIONS_PER_USER_PER_MODEL: z.coerce.number().int().min(1).optional(),
  /** Realtime connections to one model on this node, everyone together (LIMITS by default). */
  MAX_CONNECTIONS_PER_MODEL: z.coerce.number().int().min(1).optional(),
  /** Entities one model's document may hold (LIMITS by default). */
  MAX_ENTITIES_PER_DOCUMENT: z.coerce.number().int().min(1).optional(),
  /** Models one user may create per hour (LIMITS by default). */
  MAX_MODELS_PER_USER_PER_HOUR: z.coerce.number().int().min(1).optional(),
  /** Seconds between rechecks of every connection's membership and credentials. */
  ACCESS_RECHECK_SECONDS: z.coerce.number().int().min(1).default(30),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /**
   * How many reverse proxies in front of the server append to X-Forwarded-For: the client's
   * address is the one the outermost of them appended, the N-th entry from the right (entries
   * further left are whatever the client sent). "true" means 1; unset, "false" or 0: the socket's
   * address.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value) => (value === "true" ? "1" : value === "false" || !value ? "0" : value))
    .pipe(z.string().regex(/^\d+$/, "a number of proxies, true or false"))
    .transform(Number)
    .pipe(z.number().int().min(0).max(10)),
  /**
   * Rule-set administrators, comma-separated emails (compared lower-cased). Unset: the first
   * account created on the instance.
   */
  ADMIN_EMAILS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((email) => email.trim().toLowerCase())
        .filter((email) => email !== ""),
    ),
});

export type ServerEnv = z.infer<typeof envSchema>;

/** Parses the environment; throws a readable message listing each bad variable. */
export function readServerEnv(env: Record<string, string | undefined> = process.env): ServerEnv {
  // An empty variable means "not set", as in a .env file with `DATABASE_URL=`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The absolute data folder. */
export function resolveDataDir(env: ServerEnv): string {
  return path.resolve(env.DATA_DIR);
}
