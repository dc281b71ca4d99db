/**
 * Load: 200 clients in 50 rooms (4 per room) edit for LOAD_TEST_SECONDS (default 60) with
 * persistence on. Every edit must reach every client of its room and the database, with no
 * error logged and no connection closed. Runs on PostgreSQL when TEST_DATABASE_URL is set,
 * else on PGlite.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { addThreat, listThreats } from "@/lib/model/threats";
import { loadStoredDocument } from "@/server/collab/persistence";
import { createModel, setMembers, signUp, type TestUser } from "../integration/support/api-client";
import {
  connectClient,
  waitFor,
  waitForSync,
  type CollabClient,
} from "../integration/support/collab-client";
import {
  startTestServer,
  type DatabaseKind,
  type TestServer,
} from "../integration/support/test-server";

const ROOMS = 50;
const CLIENTS_PER_ROOM = 4;
const EDIT_INTERVAL_MS = 750;
const SECONDS = Number(process.env.LOAD_TEST_SECONDS ?? 60);
const KIND: DatabaseKind = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

/** One client of the load and the threats it added. */
interface LoadClient {
  client: CollabClient;
  modelId: string;
  added: string[];
}

/** Reads a model's document as a fresh room would: the stored snapshot plus the log. */
async function loadFromDatabase(server: TestServer, modelId: string): Promise<Y.Doc> {
  const stored = await loadStoredDocument(server.runtime.db, modelId);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

const threatIds = (doc: Y.Doc) =>
  listThreats(doc)
    .map((threat) => threat.id)
    .sort();

describe(`load: ${ROOMS * CLIENTS_PER_ROOM} clients in ${ROOMS} rooms for ${SECONDS} s (${KIND})`, () => {
  let server: TestServer;
  let users: TestUser[];
  let modelIds: string[];
  const clients: LoadClient[] = [];
  const loggedProblems: string[] = [];

  beforeAll(async () => {
    // Warnings and errors of the server are written with console.error; any is a failure here.
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      loggedProblems.push(args.map(String).join(" "));
    });
    // Compaction every 50 updates runs it many times per room while the appends go on.
    server = await startTestServer(KIND, { LOG_LEVEL: "warn", COMPACT_AFTER_UPDATES: "50" });
    users = await Promise.all(
      Array.from({ length: CLIENTS_PER_ROOM }, (_, index) => signUp(server, `Member ${index + 1}`)),
    );
    const [owner, ...editors] = users;
    if (!owner) throw new Error("no owner");
    modelIds = [];
    for (let room = 0; room < ROOMS; room++) {
      const modelId = await createModel(server, owner, `Load model ${room + 1}`);
      const answer = await setMembers(server, owner, modelId, [
        { user: owner, role: "owner" },
        ...editors.map((user) => ({ user, role: "editor" })),
      ]);
      expect(answer.status).toBe(200);
      modelIds.push(modelId);
    }
  }, 120_000);

  afterAll(async () => {
    for (const { client } of clients) client.destroy();
    await server?.destroy();
    vi.restoreAllMocks();
  }, 60_000);

  it(
    "delivers every edit to every client of its room and to the database",
    { timeout: SECONDS * 1000 + 180_000 },
    async () => {
      for (const modelId of modelIds) {
        for (const user of users) {
          clients.push({ client: connectClient(server, modelId, { user }), modelId, added: [] });
        }
      }
      await Promise.all(clients.map(({ client }) => waitForSync(client, 30_000, "load sync")));

      // Each client edits at its own steady pace, started at a random offset.
      const timers: NodeJS.Timeout[] = [];
      const startedEditing = Date.now();
      for (const [index, load] of clients.entries()) {
        const authorId = users[index % CLIENTS_PER_ROOM]?.id ?? "";
        const edit = () => {
          const seq = load.added.length + 1;
          load.added.push(
            addThreat(
              load.client.doc,
              { title: `Client ${index} threat ${seq}`, category: "information-disclosure" },
              authorId,
            ),
          );
        };
        timers.push(
          setTimeout(
            () => timers.push(setInterval(edit, EDIT_INTERVAL_MS)),
            Math.random() * EDIT_INTERVAL_MS,
          ),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
      for (const timer of timers) clearInterval(timer);
      const editingSeconds = (Date.now() - startedEditing) / 1000;

      // Every client of a room holds every threat added in that room.
      const expectedByRoom = new Map<string, string[]>();
      for (const load of clients) {
        expectedByRoom.set(load.modelId, [
          ...(expectedByRoom.get(load.modelId) ?? []),
          ...load.added,
        ]);
      }
      for (const [modelId, ids] of expectedByRoom) expectedByRoom.set(modelId, ids.sort());
      await waitFor(
        () =>
          clients.every(
            (load) =>
              threatIds(load.client.doc).length === expectedByRoom.get(load.modelId)?.length,
          ),
        30_000,
        "every edit to reach every client",
      );
      for (const load of clients) {
        expect(threatIds(load.client.doc)).toEqual(expectedByRoom.get(load.modelId));
      }

      // The database holds what the clients hold: first from the log, then after compaction.
      await waitFor(
        () => modelIds.every((modelId) => server.runtime.rooms.peek(modelId)?.isSettled ?? false),
        30_000,
        "every room to append its updates",
      );
      const compareWithDatabase = async () => {
        for (const modelId of modelIds) {
          const stored = await loadFromDatabase(server, modelId);
          const held = clients.find((load) => load.modelId === modelId)?.client.doc;
          if (!held) throw new Error("no client held the room");
          expect(threatIds(stored)).toEqual(expectedByRoom.get(modelId));
          expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(held));
          stored.destroy();
        }
      };
      await compareWithDatabase();

      // No client was ever closed or disconnected.
      expect(clients.filter((load) => load.client.closes.length > 0)).toEqual([]);
      expect(clients.every((load) => load.client.provider.wsconnected)).toBe(true);

      for (const load of clients) load.client.provider.disconnect();
      await waitFor(() => server.runtime.rooms.roomCount === 0, 60_000, "every room to unload");
      await compareWithDatabase();
      expect(loggedProblems).toEqual([]);

      const edits = clients.reduce((sum, load) => sum + load.added.length, 0);
      console.info(
        `load (${KIND}): ${edits} edits by ${clients.length} clients in ${editingSeconds.toFixed(0)} s`,
      );
    },
  );
});
