/** Applies pending migrations to DATABASE_URL, or to the embedded database in DATA_DIR. */
import { readServerEnv, resolveDataDir } from "@/server/config";
import { openDatabase } from "@/server/db/client";

const env = readServerEnv();
const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: resolveDataDir(env) });
await handle.close();
console.info(`migrations applied (${handle.kind})`);
