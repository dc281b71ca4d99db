/**
 * Memory of our server with many small rooms: idle, with 500 rooms of 4 clients each, and once
 * every client has left and the rooms have unloaded. Clients are bare sockets that speak just
 * enough of the protocol to join (sync step 1, one presence) and wait for the server's step 2.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import WebSocket from "ws";
import { SCHEMA_VERSION } from "@/lib/model/document";
import { createBenchModels, signUpBenchUser, type BenchUser } from "../realtime/seed";
import { startBenchServer, type BenchServer } from "../realtime/spawn-server";
import { roundFigure, type BenchSection } from "../section";

const ROOMS = 500;
const CLIENTS_PER_ROOM = 4;
const CONNECT_BATCH = 50;
const UNLOAD_GRACE_MS = 1_000;
const UNLOAD_TIMEOUT_MS = 180_000;
/** A sync step 1 with an empty state vector. */
const SYNC_STEP_1_EMPTY = new Uint8Array([0, 0, 1, 0]);

function presenceMessage(clientId: number): Uint8Array {
  const state = Buffer.from(JSON.stringify({ user: { name: `Participant ${clientId}` } }));
  // [awareness, length, count 1, clientId, clock 1, state length, state]; ids stay below 128.
  const update = Buffer.concat([Buffer.from([1, clientId, 1, state.length]), state]);
  return Buffer.concat([Buffer.from([1, update.length]), update]);
}

/** Opens a socket into the model's room and resolves once the server answered step 1. */
function joinRoom(
  server: BenchServer,
  modelId: string,
  user: BenchUser,
  clientId: number,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(
      `ws://127.0.0.1:${server.port}/collab/${modelId}?schema=${SCHEMA_VERSION}`,
      { headers: user.headers, perMessageDeflate: false },
    );
    socket.once("open", () => {
      socket.send(SYNC_STEP_1_EMPTY);
      socket.send(presenceMessage(clientId));
    });
    socket.on("message", (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) resolve(socket);
    });
    socket.once("error", reject);
    socket.once("close", (code) => reject(new Error(`closed with ${code} while joining`)));
  });
}

async function waitForRooms(server: BenchServer, expected: number): Promise<void> {
  const deadline = performance.now() + UNLOAD_TIMEOUT_MS;
  for (;;) {
    const { rooms } = await server.stats();
    if (rooms === expected) return;
    if (performance.now() > deadline) {
      throw new Error(`expected ${expected} loaded rooms, the server holds ${rooms}`);
    }
    await sleep(250);
  }
}

const toMb = (bytes: number) => roundFigure(bytes / 2 ** 20, 1);

/** Figures `idle_rss_mb`, `rooms_500x4_rss_mb`, `rooms_after_leave_rss_mb`. */
export const roomMemorySection: BenchSection = {
  name: "room-memory",
  title: `Memory of our server, ${ROOMS} rooms x ${CLIENTS_PER_ROOM} clients`,
  run: async () => {
    const env = { ROOM_UNLOAD_GRACE_MS: String(UNLOAD_GRACE_MS) };
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "threat-room-bench-memory-"));
    // The first start creates the embedded database, which costs far more than opening one:
    // measured apart, and the rest on a server restarted on what it created, as in production.
    const first = await startBenchServer("ours", env, { dataDir });
    const firstStart = await first.stats({ collectGarbage: true });
    await first.stop();
    const server = await startBenchServer("ours", env, { dataDir });
    try {
      const idle = await server.stats({ collectGarbage: true });
      const owner = await signUpBenchUser(server, "Bench Owner");
      const modelIds = await createBenchModels(server, { owner, editors: [], count: ROOMS });
      await waitForRooms(server, 0);
      const seeded = await server.stats({ collectGarbage: true });

      const joinStarted = performance.now();
      const sockets: WebSocket[] = [];
      const joins = modelIds.flatMap((modelId) =>
        Array.from({ length: CLIENTS_PER_ROOM }, (_, index) => ({ modelId, clientId: index + 1 })),
      );
      for (let first = 0; first < joins.length; first += CONNECT_BATCH) {
        const batch = joins.slice(first, first + CONNECT_BATCH);
        sockets.push(
          ...(await Promise.all(
            batch.map((join) => joinRoom(server, join.modelId, owner, join.clientId)),
          )),
        );
      }
      const joinSeconds = (performance.now() - joinStarted) / 1000;
      await waitForRooms(server, ROOMS);
      const loaded = await server.stats({ collectGarbage: true });

      const leaveStarted = performance.now();
      for (const socket of sockets) socket.close();
      await waitForRooms(server, 0);
      const unloadSeconds = (performance.now() - leaveStarted) / 1000;
      // Heap pages freed by the unloads are returned to the system lazily.
      await sleep(1_000);
      const left = await server.stats({ collectGarbage: true });

      const figures = {
        first_start_rss_mb: toMb(firstStart.rssBytes),
        idle_rss_mb: toMb(idle.rssBytes),
        rooms_seeded_rss_mb: toMb(seeded.rssBytes),
        rooms_500x4_rss_mb: toMb(loaded.rssBytes),
        rooms_after_leave_rss_mb: toMb(left.rssBytes),
        rooms_500x4_join_s: roundFigure(joinSeconds, 1),
        rooms_500x4_unload_s: roundFigure(unloadSeconds, 1),
      };
      return {
        columns: ["figure", "value", "what"],
        rows: [
          [
            "first_start_rss_mb",
            figures.first_start_rss_mb,
            "MB: RSS after the first start, which created the embedded database",
          ],
          [
            "idle_rss_mb",
            figures.idle_rss_mb,
            "MB: RSS after a restart on that data, no room loaded yet",
          ],
          [
            "rooms_seeded_rss_mb",
            figures.rooms_seeded_rss_mb,
            `MB: RSS once ${ROOMS} models were created through the API, no room loaded`,
          ],
          [
            "rooms_500x4_rss_mb",
            figures.rooms_500x4_rss_mb,
            `MB: RSS with ${ROOMS} rooms loaded, ${ROOMS * CLIENTS_PER_ROOM} clients connected`,
          ],
          [
            "rooms_after_leave_rss_mb",
            figures.rooms_after_leave_rss_mb,
            "MB: RSS once every client left and every room was stored and unloaded",
          ],
          [
            "rooms_500x4_join_s",
            figures.rooms_500x4_join_s,
            `s: ${ROOMS * CLIENTS_PER_ROOM} clients authenticated and synced, ${CONNECT_BATCH} at a time`,
          ],
          [
            "rooms_500x4_unload_s",
            figures.rooms_500x4_unload_s,
            `s: from the last leave to every room unloaded (grace ${UNLOAD_GRACE_MS} ms)`,
          ],
        ],
        figures,
        notes: [
          `RSS after a full GC, of the server process, database included (${process.env.BENCH_DATABASE_URL ? "PostgreSQL" : "embedded PGlite, in the same process"}).`,
        ],
      };
    } finally {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
