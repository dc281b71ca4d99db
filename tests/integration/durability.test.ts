import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { listThreats, addThreat } from "@/lib/model/threats";
import { createModel, signUp } from "./support/api-client";
import { DEADLINE, timeoutFor } from "./support/deadlines";
import { connectClient, waitForSync } from "./support/collab-client";
import {
  DATABASES,
  TEST_SECRET,
  createPostgresDatabase,
  restartTestServer,
  type TestServer,
} from "./support/test-server";
import { SERVE_ARGS } from "./support/server-node";
import type { RunningServer } from "@/server/main";

/** Starts the server in a child process so that it can be killed with SIGKILL. */
async function spawnServer(
  dataDir: string,
  databaseUrl: string | undefined,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, SERVE_ARGS, {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? "",
      NEXTAUTH_SECRET: TEST_SECRET,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: child.stdout ?? process.stdin });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("server did not start in time"));
    }, DEADLINE.processStart);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}`));
    });
    lines.on("line", (line) => {
      const match = /^\{"port":(\d+)\}$/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  return { child, port };
}

/** Adapts a spawned process to what the test clients need of a server. */
function asTestServer(port: number, dataDir: string, databaseUrl: string | undefined): TestServer {
  const unused = async () => undefined;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    databaseUrl,
    stop: unused,
    destroy: unused,
    close: unused,
    openSockets: () => Promise.reject(new Error("not available for a server in another process")),
    runtime: undefined as unknown as RunningServer["runtime"],
    database: undefined as unknown as RunningServer["database"],
  };
}

describe.each(DATABASES)("durability (%s)", (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it(
    "keeps every edit made more than one second before a SIGKILL",
    timeoutFor(DEADLINE.processStart, DEADLINE.sync, 2_000, DEADLINE.serverStart, DEADLINE.sync),
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "threat-room-kill-"));
      cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
      const postgres = kind === "postgres" ? await createPostgresDatabase() : null;
      if (postgres) cleanups.push(postgres.drop);

      const { child, port } = await spawnServer(dataDir, postgres?.url);
      cleanups.push(async () => void child.kill("SIGKILL"));
      const first = asTestServer(port, dataDir, postgres?.url);
      const owner = await signUp(first, "Kim Killer");
      const modelId = await createModel(first, owner, "Crash test");
      const client = connectClient(first, modelId, { user: owner });
      cleanups.push(async () => client.destroy());
      await waitForSync(client, DEADLINE.sync, "first client sync");

      // Edit steadily for two seconds, remembering when each edit was made.
      const edits: { id: string; at: number }[] = [];
      const started = Date.now();
      while (Date.now() - started < 2000) {
        edits.push({
          id: addThreat(
            client.doc,
            { title: `Edit ${edits.length}`, category: "tampering" },
            owner.id,
          ),
          at: Date.now(),
        });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const killedAt = Date.now();
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
      client.provider.disconnect();

      const restarted = await restartTestServer(asTestServer(0, dataDir, postgres?.url));
      cleanups.push(() => restarted.close());
      const reader = connectClient(restarted, modelId, { user: owner });
      cleanups.push(async () => reader.destroy());
      await waitForSync(reader, DEADLINE.sync, "reader sync after restart");
      const stored = new Set(listThreats(reader.doc).map((t) => t.id));
      const required = edits.filter((edit) => edit.at < killedAt - 1000);
      expect(required.length).toBeGreaterThan(20);
      expect(required.filter((edit) => !stored.has(edit.id))).toEqual([]);
      // Most of the last second made it too; reported for information, not asserted.
      console.info(`${kind}: ${stored.size} of ${edits.length} edits survived the kill`);
    },
  );
});
