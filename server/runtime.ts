import type { Database } from "@/server/db/client";
import type { ServerEnv } from "@/server/config";
import type { RoomManager } from "@/server/collab/room-manager";
import type { RateLimiter } from "@/server/auth/rate-limit";
import type { SignInThrottle } from "@/server/auth/sign-in-throttle";
import type { Mailer } from "@/server/mail/mailer";
import type { FacilitationSessions } from "@/server/services/facilitation/sessions";
import type { ReviewServices } from "@/server/services/review/review-services";

/**
 * The services of one running server process. Next.js bundles route handlers and server
 * components separately from server/main.ts, so module-level singletons would be duplicated;
 * the one instance is kept on globalThis instead, set by server/main.ts before Next starts.
 */
export interface Runtime {
  db: Database;
  /** True when the database is known to be up without asking it (DatabaseHandle.isKnownUp). */
  isDatabaseKnownUp: () => boolean;
  env: ServerEnv;
  rooms: RoomManager;
  /** Facilitated sessions: the running ones held beside their rows, changed one at a time. */
  sessions: FacilitationSessions;
  /** Password sign-in attempts: per client address, and back-off per account and address. */
  signInThrottle: SignInThrottle;
  /** Sign-ups, keyed by client address. */
  signUpLimiter: RateLimiter;
  /** Verification emails, keyed by user id. */
  verificationEmailLimiter: RateLimiter;
  /** Where the server's email goes (SMTP_URL, else .eml files in DATA_DIR/mail). */
  mailer: Mailer;
  /** Discussion: per-user live events, the mail outbox, addressing of notifications. */
  review: ReviewServices;
}

const KEY = Symbol.for("threat-room.runtime");
type Holder = { [KEY]?: Runtime };

/** Installs the runtime of this process; called once by server/main.ts. */
export function setRuntime(runtime: Runtime | undefined): void {
  (globalThis as Holder)[KEY] = runtime;
}

/** The runtime of this process; throws when the server has not started it. */
export function getRuntime(): Runtime {
  const runtime = (globalThis as Holder)[KEY];
  if (!runtime) throw new Error("The server runtime is not started (start with server/start.ts)");
  return runtime;
}
