/**
 * The whole app as `npm start` runs it (Next.js pages, API and realtime server), started for a
 * browser or HTTP benchmark: built first when the build is missing or stale, then run by plain
 * node on a free loopback port with a fresh embedded database.
 *
 * BENCH_APP_DIR=/path/to/another/checkout measures the app built there instead (its own
 * node_modules), e.g. the previous commit, to compare two builds on the same machine state.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { SERVER_NODE_FLAGS } from "../server/node-flags";

/** The secret that signs the session cookies of the app under measurement. */
export const APP_SECRET = "bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

/** A running app. */
export interface BenchApp {
  baseUrl: string;
  /** Stops the server and removes its data. */
  stop(): Promise<void>;
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => {
        if (address !== null && typeof address === "object") resolve(address.port);
        else reject(new Error("no port"));
      });
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the server did not become healthy within 120 s");
}

function getAppDir(): string {
  return process.env.BENCH_APP_DIR ?? process.cwd();
}

/** Builds the app when its build is missing or stale (as `npm start` does). */
export function buildAppIfNeeded(): void {
  const build = spawnSync("npx", ["tsx", "scripts/build-if-needed.ts"], {
    stdio: "inherit",
    cwd: getAppDir(),
  });
  if (build.status !== 0) throw new Error("the app could not be built");
}

/** Starts the built app and waits until it answers its health check. */
export async function startBenchApp(): Promise<BenchApp> {
  const port = await findFreePort();
  const baseUrl = `http://localhost:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "threat-room-bench-"));
  // BENCH_PROFILE_DIR=/tmp/profiles writes a .cpuprofile of the app's process there.
  const profileFlags = process.env.BENCH_PROFILE_DIR
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const server = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, ...profileFlags, "dist/server/start.mjs"],
    {
      cwd: getAppDir(),
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        DATABASE_URL: "",
        REDIS_URL: "",
        NEXTAUTH_SECRET: APP_SECRET,
        NEXTAUTH_URL: baseUrl,
        LOG_LEVEL: "warn",
        NODE_ENV: "production",
      },
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    },
  );
  async function stop(): Promise<void> {
    if (server.pid !== undefined) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  try {
    await waitForHealth(baseUrl, server);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}

/** Reads a string at `keys` in a JSON answer, or throws naming the path. */
export function readPath(value: unknown, keys: string[]): string {
  let current: unknown = value;
  for (const key of keys) {
    if (typeof current !== "object" || current === null) throw new Error(`no ${keys.join(".")}`);
    current = Reflect.get(current, key);
  }
  if (typeof current !== "string") throw new Error(`${keys.join(".")} is not a string`);
  return current;
}
