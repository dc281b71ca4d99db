/**
 * Server nodes as child processes, for tests of several nodes sharing one PostgreSQL database
 * and one Redis, and of nodes that die with SIGKILL. Also reads a model's document straight
 * from the database, the way a node loads it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { nanoid } from "nanoid";
import * as Y from "yjs";
import { listThreats } from "@/lib/model/threats";
import { openDatabase, type DatabaseHandle } from "@/server/db/client";
import { loadStoredDocument } from "@/server/collab/persistence";
import { SERVER_NODE_FLAGS } from "@/server/node-flags";
import type { Runtime } from "@/server/runtime";
import type { TestServer } from "./test-server";
import { TEST_SECRET } from "./test-server";
import { DEADLINE } from "./deadlines";

/** A server node running in its own process. */
export interface ServerNode {
  child: ChildProcess;
  port: number;
  /** The node as the API and realtime test clients address it. */
  server: TestServer;
  /** True while the process runs. */
  readonly isRunning: boolean;
  /** Every line the node wrote to stdout so far (its log, at LOG_LEVEL info or debug). */
  readonly output: string[];
  /** Kills the process with SIGKILL: no flush, no goodbye. */
  kill(): Promise<void>;
  /** Stops the process with SIGTERM: it closes its sockets and saves every room. */
  stop(): Promise<void>;
}

/** A Redis channel prefix of its own, so that test files running at once never hear each other. */
export function uniqueRedisPrefix(): string {
  return `tr-test-${nanoid(10).replace(/[^A-Za-z0-9]/g, "x")}`;
}

/** Node's arguments for running the server as its own process, as tests that spawn it do. */
export const SERVE_ARGS = [
  ...SERVER_NODE_FLAGS,
  "--import",
  "tsx",
  "tests/integration/support/serve.ts",
];

/**
 * Starts the server in its own process and resolves once it listens. `env` is laid over the
 * test process's environment and the settings every spawned server needs (port, host, secret,
 * log level). The data folder is `options.dataDir` when given, kept after exit for the caller to
 * read or reuse; otherwise a temporary one, removed when the process exits.
 */
export async function spawnServerProcess(
  env: Record<string, string>,
  options: { dataDir?: string; startTimeoutMs?: number } = {},
): Promise<ServerNode> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "threat-room-node-"));
  const child = spawn(process.execPath, SERVE_ARGS, {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      NEXTAUTH_SECRET: TEST_SECRET,
      LOG_LEVEL: process.env.TEST_NODE_LOG_LEVEL ?? "error",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let hasExited = false;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      hasExited = true;
      if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      resolve();
    }),
  );
  const lines = readline.createInterface({ input: child.stdout ?? process.stdin });
  const output: string[] = [];
  lines.on("line", (line) => output.push(line));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("server process did not start in time"));
    }, options.startTimeoutMs ?? DEADLINE.processStart);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server process exited with ${code}`));
    });
    lines.on("line", (line) => {
      const match = /^\{"port":(\d+)\}$/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (!hasExited) child.kill(signal);
    await exited;
  };
  return {
    child,
    port,
    server: addressOf(port),
    get isRunning() {
      return !hasExited;
    },
    output,
    kill: () => end("SIGKILL"),
    stop: () => end("SIGTERM"),
  };
}

/**
 * Starts a node on a PostgreSQL database (and Redis, when `REDIS_URL` is in `env`); resolves
 * once it listens. Rooms unload 150 ms after their last client leaves and are stored every
 * 10 ms, so that tests of several nodes see each other's writes quickly. Migrations run at
 * start-up: start the first node of a database alone.
 */
export function spawnServerNode(
  env: Record<string, string>,
  options: { startTimeoutMs?: number } = {},
): Promise<ServerNode> {
  return spawnServerProcess(
    { ROOM_UNLOAD_GRACE_MS: "150", PERSIST_INTERVAL_MS: "10", ...env },
    options,
  );
}

/**
 * What the API and realtime test clients need of a server: its port and URL. The clients are
 * typed for in-process servers; a child process has neither runtime nor database handle here.
 */
export function addressOf(port: number): TestServer {
  const unavailable = (): never => {
    throw new Error("not available for a server in another process");
  };
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    dataDir: "",
    databaseUrl: undefined,
    stop: async () => unavailable(),
    destroy: async () => unavailable(),
    close: async () => unavailable(),
    openSockets: async () => unavailable(),
    get runtime(): Runtime {
      return unavailable();
    },
    get database(): DatabaseHandle {
      return unavailable();
    },
  };
}

/** Reads model documents straight from a database, as a node loading the room would. */
export class StoredDocumentReader {
  private constructor(private readonly handle: DatabaseHandle) {}

  static async open(databaseUrl: string): Promise<StoredDocumentReader> {
    return new StoredDocumentReader(await openDatabase({ databaseUrl, dataDir: os.tmpdir() }));
  }

  /** The model's document as stored: newest snapshot plus the log. */
  async readDocument(modelId: string): Promise<Y.Doc> {
    const stored = await loadStoredDocument(this.handle.db, modelId);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return doc;
  }

  /** The ids of the model's stored threats. */
  async readThreatIds(modelId: string): Promise<Set<string>> {
    const doc = await this.readDocument(modelId);
    const ids = new Set(listThreats(doc).map((threat) => threat.id));
    doc.destroy();
    return ids;
  }

  /**
   * Polls until every threat id is stored or the time is up; returns the ids still missing
   * (none when all are stored).
   */
  async waitForThreats(
    modelId: string,
    ids: Iterable<string>,
    timeoutMs: number,
  ): Promise<string[]> {
    const wanted = [...ids];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stored = await this.readThreatIds(modelId);
      const missing = wanted.filter((id) => !stored.has(id));
      if (missing.length === 0 || Date.now() > deadline) return missing;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * Polls until the model's log is compacted away (a node stored its room and unloaded it, or
   * compacted it) and the snapshot holds every threat id; false when the time is up first.
   */
  async waitForCompaction(
    modelId: string,
    ids: Iterable<string>,
    timeoutMs: number,
  ): Promise<boolean> {
    const wanted = [...ids];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stored = await loadStoredDocument(this.handle.db, modelId);
      if (stored.updates.length === 0 && stored.snapshot) {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, stored.snapshot);
        const inSnapshot = new Set(listThreats(doc).map((threat) => threat.id));
        doc.destroy();
        if (wanted.every((id) => inSnapshot.has(id))) return true;
      }
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
