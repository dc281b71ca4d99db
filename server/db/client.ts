import path from "node:path";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "@/drizzle/schema";
import { projectPath } from "@/server/project-root";
import { PgliteWorkerClient } from "./pglite-worker-client";
import { makePrivateFolder } from "./private-folder";

/** The drizzle database, whichever driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A database connection with the means to close it. */
export interface DatabaseHandle {
  db: Database;
  /** "pglite" for the embedded database, "postgres" for DATABASE_URL. */
  kind: "pglite" | "postgres";
  /**
   * True when the database is known to be up without asking it: the embedded database is busy
   * with statements and answered one a moment ago. A probe would otherwise queue behind a long
   * statement (a large snapshot being written) and report a working database as stalled.
   */
  isKnownUp(): boolean;
  close(): Promise<void>;
}

const migrationsFolder = projectPath("drizzle", "migrations");

/** How recent the embedded database's last answer must be for it to count as up while busy. */
const KNOWN_UP_WITHIN_MS = 2_000;

/**
 * Opens the database (PostgreSQL when a URL is given, else PGlite in `dataDir/pg`) and applies
 * every pending migration before returning.
 */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      // An unreachable database fails a query instead of holding it; callers retry.
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
    });
    // A dropped idle connection must not crash the process; the pool replaces it.
    pool.on("error", () => undefined);
    // Nor may one dropped while in use (pg emits "error" on a checked-out client, where the
    // pool does not listen): its queries fail and the pool discards it on release.
    pool.on("connect", (client) => client.on("error", () => undefined));
    const db = drizzlePg(pool, { schema });
    await migratePg(db, { migrationsFolder });
    // A pool: a probe gets a connection of its own and never waits behind other statements.
    return { db, kind: "postgres", isKnownUp: () => false, close: () => pool.end() };
  }
  const folder = path.join(options.dataDir, "pg");
  makePrivateFolder(options.dataDir, { recursive: false });
  makePrivateFolder(folder, { recursive: true });
  // In a worker thread: its statements never hold up the websockets on this thread.
  const client = await PgliteWorkerClient.open(folder);
  const db = drizzlePglite(client.asPglite(), { schema });
  try {
    await migratePglite(db, { migrationsFolder });
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
  // PGlite sets its files' modes itself (0666, whatever the umask): restrict what it created,
  // and again when it closes. The folder's own 0700 keeps others out of files made in between.
  makePrivateFolder(folder, { recursive: true });
  return {
    db,
    kind: "pglite",
    isKnownUp: () => client.isBusyAndAnswering(KNOWN_UP_WITHIN_MS),
    close: async () => {
      await client.close();
      makePrivateFolder(folder, { recursive: true });
    },
  };
}
