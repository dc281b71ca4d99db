/**
 * Starts a realtime server as a child process, so that the bench's clients never share its
 * event loop: ours (on a fresh PGlite folder, or a fresh database on BENCH_DATABASE_URL), the
 * reference y-websocket server, or the raw relay.
 */
import { compileDocumentWorker } from "./document-worker-build";
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { createScratchDatabase } from "../../tests/integration/support/scratch-database";
import { listeningMessageSchema, statsReplySchema, type StatsReply } from "./server-stats";

export type ServerKind = "ours" | "reference" | "raw";

/** The secret that signs the bench's session cookies on our server. */
export const BENCH_SECRET = "bench-secret-for-loopback-measurements-0123456789";

const SERVER_ENTRIES: Record<ServerKind, string> = {
  ours: "servers/ours.ts",
  reference: "servers/reference.ts",
  raw: "servers/raw-relay.ts",
};
const here = path.dirname(fileURLToPath(import.meta.url));
const START_TIMEOUT_MS = 60_000;
const STATS_TIMEOUT_MS = 30_000;

/** A server child process. */
export interface BenchServer {
  kind: ServerKind;
  port: number;
  pid: number;
  /** CPU time, RSS and rooms of the server process, optionally after a full GC. */
  stats(options?: { collectGarbage?: boolean }): Promise<StatsReply>;
  /** Stops the process and removes its data. */
  stop(): Promise<void>;
}

let compiledOurs: Promise<string> | undefined;

/**
 * Our server as `npm start` runs it: compiled ahead of time and run by plain node (no tsx at
 * run time). Compiled once per bench run, into dist/bench/.
 */
function compileOurs(): Promise<string> {
  compiledOurs ??= (async () => {
    const outfile = path.join(here, "..", "..", "dist", "bench", "ours.mjs");
    await build({
      entryPoints: [path.join(here, SERVER_ENTRIES.ours)],
      outfile,
      bundle: true,
      packages: "external",
      platform: "node",
      format: "esm",
      target: "node20",
      tsconfig: "tsconfig.json",
      logLevel: "warning",
    });
    // The compiled server loads rooms in its document worker.
    await compileDocumentWorker();
    return outfile;
  })();
  return compiledOurs;
}

/**
 * Starts a server. `env` adds to the environment of ours (e.g. ROOM_UNLOAD_GRACE_MS); the
 * others take none. With `dataDir`, ours keeps its embedded database there (and it is left in
 * place on stop), so that a second server can start on what the first one created.
 */
export async function startBenchServer(
  kind: ServerKind,
  env: Record<string, string> = {},
  options: { dataDir?: string } = {},
): Promise<BenchServer> {
  const dataDir =
    options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `threat-room-bench-${kind}-`));
  const adminUrl = process.env.BENCH_DATABASE_URL;
  const database =
    kind === "ours" && adminUrl ? await createScratchDatabase(adminUrl, "tr_bench") : null;
  const entry = kind === "ours" ? await compileOurs() : path.join(here, SERVER_ENTRIES[kind]);
  const child = fork(entry, [], {
    execArgv: [
      ...(kind === "ours" ? [] : ["--import", "tsx"]),
      "--expose-gc",
      // BENCH_PROFILE_DIR=/tmp/profiles writes a .cpuprofile of each server process there.
      ...(process.env.BENCH_PROFILE_DIR
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
        : []),
    ],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: database?.url ?? "",
      NEXTAUTH_SECRET: BENCH_SECRET,
      LOG_LEVEL: "warn",
      // One bench user drives up to 100 clients of one room, and the memory section 2,000.
      MAX_CONNECTIONS_PER_USER_PER_MODEL: "10000",
      MAX_CONNECTIONS_PER_MODEL: "10000",
      // The memory section creates 500 models as one user.
      MAX_MODELS_PER_USER_PER_HOUR: "100000",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const cleanUp = async () => {
    await database?.drop();
    if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  let port: number;
  try {
    port = await waitForPort(child);
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    await cleanUp();
    throw error;
  }

  let nextId = 1;
  const waiting = new Map<number, (reply: StatsReply) => void>();
  child.on("message", (message: unknown) => {
    const reply = statsReplySchema.safeParse(message);
    if (!reply.success) return;
    waiting.get(reply.data.id)?.(reply.data);
    waiting.delete(reply.data.id);
  });

  return {
    kind,
    port,
    pid: child.pid ?? 0,
    stats: ({ collectGarbage = false } = {}) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`${kind} server did not report its stats`));
        }, STATS_TIMEOUT_MS);
        waiting.set(id, (reply) => {
          clearTimeout(timer);
          resolve(reply);
        });
        child.send({ type: "stats", id, collectGarbage });
      }),
    stop: async () => {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(killer);
      await cleanUp();
    },
  };
}

function waitForPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start")), START_TIMEOUT_MS);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before listening`));
    });
    child.on("message", (message: unknown) => {
      const listening = listeningMessageSchema.safeParse(message);
      if (!listening.success) return;
      clearTimeout(timer);
      resolve(listening.data.port);
    });
  });
}
