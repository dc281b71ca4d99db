/**
 * Empty PostgreSQL databases for one test file or one benchmark run, created on a server through
 * its admin URL and dropped afterwards (with force: connections left open do not block it).
 */
import { nanoid } from "nanoid";
import pg from "pg";

/** A created database: its URL, and a function that drops it. */
export interface ScratchDatabase {
  url: string;
  drop: () => Promise<void>;
}

/** Creates an empty database named `<prefix>_<random>` next to the one `adminUrl` names. */
export async function createScratchDatabase(
  adminUrl: string,
  prefix: string,
): Promise<ScratchDatabase> {
  const name = `${prefix}_${nanoid(10)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "x")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
