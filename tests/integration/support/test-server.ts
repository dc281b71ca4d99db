/**
 * Starts the real server (API + websocket, without the Next.js pages) on port 0 with a fresh
 * database: embedded PGlite in a temporary folder, or a new database on the PostgreSQL of
 * TEST_DATABASE_URL. Each server is torn down with its database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readServerEnv } from "@/server/config";
import { createScratchDatabase, type ScratchDatabase } from "./scratch-database";
import { startServer, type RunningServer } from "@/server/main";

export type DatabaseKind = "pglite" | "postgres";

/** The databases to run integration tests against: PGlite always, PostgreSQL when configured. */
export const DATABASES: DatabaseKind[] = process.env.TEST_DATABASE_URL
  ? ["pglite", "postgres"]
  : ["pglite"];

export const TEST_SECRET = "integration-test-secret-0123456789-abcdefghijklmnop";

/** A running test server and what it needs to be stopped and started again on the same data. */
export interface TestServer extends RunningServer {
  dataDir: string;
  databaseUrl: string | undefined;
  /** Closes the server, keeping its data. */
  stop(): Promise<void>;
  /** Closes the server and removes its data. */
  destroy(): Promise<void>;
}

/** Creates an empty PostgreSQL database on TEST_DATABASE_URL's server. */
export async function createPostgresDatabase(): Promise<ScratchDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  return createScratchDatabase(adminUrl, "tr_test");
}

/** The environment of a test server. */
export function testEnv(
  overrides: Record<string, string | undefined>,
): ReturnType<typeof readServerEnv> {
  return readServerEnv({
    PORT: "0",
    HOST: "127.0.0.1",
    NEXTAUTH_SECRET: TEST_SECRET,
    ROOM_UNLOAD_GRACE_MS: "150",
    PERSIST_INTERVAL_MS: "10",
    LOG_LEVEL: "silent",
    // Test accounts create many models; the hourly limit has its own test.
    MAX_MODELS_PER_USER_PER_HOUR: "100000",
    ...overrides,
  });
}

/** Starts a server on a fresh database of the given kind. */
export async function startTestServer(
  kind: DatabaseKind,
  overrides: Record<string, string | undefined> = {},
): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "threat-room-test-"));
  const postgres = kind === "postgres" ? await createPostgresDatabase() : null;
  return startOnData({
    dataDir,
    databaseUrl: postgres?.url,
    dropDatabase: postgres?.drop,
    overrides,
  });
}

/** Starts a server on existing data (after `stop`), e.g. to check what survived a restart. */
export async function restartTestServer(
  previous: Pick<TestServer, "dataDir" | "databaseUrl">,
): Promise<TestServer> {
  return startOnData({
    dataDir: previous.dataDir,
    databaseUrl: previous.databaseUrl,
    dropDatabase: undefined,
    overrides: {},
  });
}

async function startOnData(options: {
  dataDir: string;
  databaseUrl: string | undefined;
  dropDatabase: (() => Promise<void>) | undefined;
  overrides: Record<string, string | undefined>;
}): Promise<TestServer> {
  const running = await startServer({
    env: testEnv({
      DATA_DIR: options.dataDir,
      DATABASE_URL: options.databaseUrl,
      ...options.overrides,
    }),
    withNext: false,
  });
  return {
    ...running,
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    stop: () => running.close(),
    destroy: async () => {
      await running.close();
      await options.dropDatabase?.();
      fs.rmSync(options.dataDir, { recursive: true, force: true });
    },
  };
}
