/**
 * Faults around the realtime server: PostgreSQL unreachable while people edit, Redis lost
 * between nodes, a node killed mid-edit. Clients keep working where they can, and nothing any
 * client saw is lost once the fault is gone.
 */
import { afterEach, describe, expect, it } from "vitest";
import { addThreat, deleteThreat, listThreats } from "@/lib/model/threats";
import { createModel, createModelWithEditor, setMembers, signUp } from "./support/api-client";
import { DEADLINE, timeoutFor } from "./support/deadlines";
import { connectClient, waitFor, waitForSync, type CollabClient } from "./support/collab-client";
import {
  StoredDocumentReader,
  spawnServerNode,
  uniqueRedisPrefix,
  type ServerNode,
} from "./support/server-node";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy";
import { createPostgresDatabase } from "./support/test-server";
import { sleep, threatIds, hasAll, hasNone } from "./support/threat-checks";

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

/** Threats as comparable lines, sorted. */
function threatLines(client: CollabClient): string[] {
  return listThreats(client.doc)
    .map((threat) => `${threat.id} ${threat.category} ${threat.title}`)
    .sort();
}

/** The URL with its host and port replaced by the proxy's. */
function viaProxy(url: string, proxy: TcpProxy): string {
  const rewritten = new URL(url);
  rewritten.host = proxy.address;
  return rewritten.toString();
}

function targetOf(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  const defaultPort = parsed.protocol.startsWith("redis") ? 6379 : 5432;
  return { host: parsed.hostname, port: parsed.port ? Number(parsed.port) : defaultPort };
}

describe.skipIf(!databaseUrl || !redisUrl)("faults", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  async function newDatabase() {
    const database = await createPostgresDatabase();
    cleanups.push(database.drop);
    return database;
  }

  async function startNode(env: Record<string, string>): Promise<ServerNode> {
    const node = await spawnServerNode(env);
    cleanups.push(() => node.kill());
    return node;
  }

  async function startProxy(url: string): Promise<TcpProxy> {
    const proxy = await startTcpProxy(targetOf(url));
    cleanups.push(() => proxy.close());
    return proxy;
  }

  function connect(...args: Parameters<typeof connectClient>): CollabClient {
    const client = connectClient(...args);
    cleanups.push(async () => client.destroy());
    return client;
  }

  async function openReader(url: string): Promise<StoredDocumentReader> {
    const reader = await StoredDocumentReader.open(url);
    cleanups.push(() => reader.close());
    return reader;
  }

  it(
    "keeps editing through 30 seconds without PostgreSQL and stores every update once it is back",
    timeoutFor(
      DEADLINE.processStart,
      2 * DEADLINE.sync,
      30_000,
      4 * DEADLINE.propagation,
      2 * DEADLINE.storedRead,
    ),
    async () => {
      const database = await newDatabase();
      const postgres = await startProxy(database.url);
      const node = await startNode({ DATABASE_URL: viaProxy(database.url, postgres) });
      const owner = await signUp(node.server, "Dana Outage");
      const editor = await signUp(node.server, "Eli Editor");
      const modelId = await createModel(node.server, owner, "Claims portal");
      const otherModelId = await createModel(node.server, owner, "Quiet model");
      expect(
        (
          await setMembers(node.server, owner, modelId, [
            { user: owner, role: "owner" },
            { user: editor, role: "editor" },
          ])
        ).status,
      ).toBe(200);

      const first = connect(node.server, modelId, { user: owner });
      const second = connect(node.server, modelId, { user: editor });
      const leaver = connect(node.server, otherModelId, { user: owner });
      await Promise.all([waitForSync(first), waitForSync(second), waitForSync(leaver)]);
      const before = addThreat(
        first.doc,
        { title: "Before the outage", category: "spoofing" },
        owner.id,
      );
      await waitFor(() => hasAll(second, [before]), DEADLINE.propagation, "edit before the outage");

      postgres.cut();
      const cutAt = Date.now();
      // A room whose only client leaves while the database is away.
      const leaverEdits: string[] = [];
      for (let i = 0; i < 10; i++) {
        leaverEdits.push(
          addThreat(leaver.doc, { title: `Left behind ${i}`, category: "repudiation" }, owner.id),
        );
      }
      await sleep(300);
      leaver.destroy();

      const during: string[] = [];
      let round = 0;
      while (Date.now() - cutAt < 30_000) {
        const [author, user] = round % 2 === 0 ? [first, owner] : [second, editor];
        const id = addThreat(
          author.doc,
          { title: `During the outage ${round}`, category: "tampering" },
          user.id,
        );
        during.push(id);
        const reader = author === first ? second : first;
        // Editing goes on between the clients all along.
        await waitFor(
          () => hasAll(reader, [id]),
          DEADLINE.propagation,
          `outage edit ${round} to the other client`,
        );
        round += 1;
        await sleep(250);
      }
      expect(during.length).toBeGreaterThan(50);
      expect(node.isRunning).toBe(true);
      expect(first.provider.wsconnected && second.provider.wsconnected).toBe(true);
      postgres.restore();

      const after = addThreat(
        second.doc,
        { title: "After the outage", category: "elevation-of-privilege" },
        editor.id,
      );
      const everything = [before, ...during, after];
      await waitFor(() => hasAll(first, everything), DEADLINE.propagation, "edit after the outage");

      // Stored by the retries alone: read straight from the database while the node runs.
      const reader = await openReader(database.url);
      expect(await reader.waitForThreats(modelId, everything, DEADLINE.storedRead)).toEqual([]);
      expect(await reader.waitForThreats(otherModelId, leaverEdits, DEADLINE.storedRead)).toEqual(
        [],
      );

      // A fresh node on the same database loads exactly what the clients have.
      await node.stop();
      const fresh = await startNode({ DATABASE_URL: database.url });
      const check = connect(fresh.server, modelId, { user: owner });
      await waitForSync(check, DEADLINE.sync, "fresh node sync");
      expect(threatLines(check)).toEqual(threatLines(first));
      expect(threatLines(check)).toHaveLength(everything.length);
    },
  );

  it(
    "serves each node's own clients while Redis is away and converges when it returns",
    timeoutFor(
      2 * DEADLINE.processStart,
      DEADLINE.sync,
      6 * DEADLINE.propagation,
      4_000,
      DEADLINE.storedRead,
    ),
    async () => {
      const database = await newDatabase();
      const prefix = uniqueRedisPrefix();
      const redisA = await startProxy(redisUrl ?? "");
      const redisB = await startProxy(redisUrl ?? "");
      const nodeA = await startNode({
        DATABASE_URL: database.url,
        REDIS_URL: viaProxy(redisUrl ?? "", redisA),
        REDIS_PREFIX: prefix,
      });
      const nodeB = await startNode({
        DATABASE_URL: database.url,
        REDIS_URL: viaProxy(redisUrl ?? "", redisB),
        REDIS_PREFIX: prefix,
      });
      const owner = await signUp(nodeA.server, "Rhea Redis");
      const editor = await signUp(nodeA.server, "Bo Bystander");
      const modelId = await createModelWithEditor(nodeA.server, { owner, editor }, "Message queue");
      const a1 = connect(nodeA.server, modelId, { user: owner });
      const a2 = connect(nodeA.server, modelId, { user: editor });
      const b1 = connect(nodeB.server, modelId, { user: editor });
      const b2 = connect(nodeB.server, modelId, { user: owner });
      const clients = [a1, a2, b1, b2];
      await Promise.all(clients.map((client) => waitForSync(client, DEADLINE.sync)));
      const shared = addThreat(
        a1.doc,
        { title: "Shared before the outage", category: "spoofing" },
        owner.id,
      );
      await waitFor(
        () => clients.every((client) => hasAll(client, [shared])),
        DEADLINE.propagation,
        "shared edit",
      );

      const addOn = (client: CollabClient, userId: string, label: string) =>
        Array.from({ length: 5 }, (_, i) =>
          addThreat(client.doc, { title: `${label} ${i}`, category: "denial-of-service" }, userId),
        );

      // Both nodes lose Redis.
      redisA.cut();
      redisB.cut();
      await sleep(200);
      const fromA = addOn(a1, owner.id, "Written on A, Redis away");
      const fromB = addOn(b1, editor.id, "Written on B, Redis away");
      await waitFor(
        () => hasAll(a2, fromA) && hasAll(b2, fromB),
        DEADLINE.propagation,
        "edits within each node",
      );
      await sleep(2_000);
      // Nothing crossed: the outage is real.
      expect(hasNone(b1, fromA) && hasNone(a1, fromB)).toBe(true);
      expect(nodeA.isRunning && nodeB.isRunning).toBe(true);
      redisA.restore();
      redisB.restore();
      const firstRound = [shared, ...fromA, ...fromB];
      await waitFor(
        () => clients.every((client) => hasAll(client, firstRound)),
        DEADLINE.propagation,
        "convergence after both nodes reconnect",
      );

      // Only A loses Redis; B never notices, so A's resync must carry both ways. A deletion
      // made on B meanwhile must reach A as well.
      redisA.cut();
      await sleep(200);
      const alsoFromA = addOn(a2, editor.id, "A alone cut off");
      const alsoFromB = addOn(b2, owner.id, "B while A is cut off");
      expect(deleteThreat(b2.doc, shared)).toBe(true);
      await waitFor(
        () => hasAll(a1, alsoFromA) && hasAll(b1, alsoFromB) && hasNone(b1, [shared]),
        DEADLINE.propagation,
        "edits within each node",
      );
      await sleep(2_000);
      expect(hasNone(b1, alsoFromA) && hasNone(a1, alsoFromB) && hasAll(a1, [shared])).toBe(true);
      redisA.restore();
      const secondRound = [...fromA, ...fromB, ...alsoFromA, ...alsoFromB];
      await waitFor(
        () => clients.every((client) => hasAll(client, secondRound) && hasNone(client, [shared])),
        DEADLINE.propagation,
        "convergence after A reconnects",
      );
      const lines = threatLines(a1);
      expect(lines).toHaveLength(secondRound.length);
      for (const client of clients) expect(threatLines(client)).toEqual(lines);

      // Both nodes stored everything they applied.
      const reader = await openReader(database.url);
      expect(await reader.waitForThreats(modelId, secondRound, DEADLINE.storedRead)).toEqual([]);
    },
  );

  it(
    "catches up after one node's Redis outage even when that node unloaded the room meanwhile",
    timeoutFor(
      2 * DEADLINE.processStart,
      2 * DEADLINE.sync,
      3 * DEADLINE.propagation,
      DEADLINE.storedRead,
    ),
    async () => {
      const database = await newDatabase();
      const prefix = uniqueRedisPrefix();
      // Only node 2's link to Redis goes through a proxy that the test cuts; node 1's never drops.
      const redis2 = await startProxy(redisUrl ?? "");
      const node1 = await startNode({
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl ?? "",
        REDIS_PREFIX: prefix,
      });
      const node2 = await startNode({
        DATABASE_URL: database.url,
        REDIS_URL: viaProxy(redisUrl ?? "", redis2),
        REDIS_PREFIX: prefix,
      });
      const owner = await signUp(node1.server, "Ada Anchored");
      const editor = await signUp(node1.server, "Ben Cut-off");
      const modelId = await createModelWithEditor(node1.server, { owner, editor }, "Ledger");
      const onNode1 = connect(node1.server, modelId, { user: owner });
      const onNode2 = connect(node2.server, modelId, { user: editor });
      await Promise.all([waitForSync(onNode1, DEADLINE.sync), waitForSync(onNode2, DEADLINE.sync)]);
      const before = addThreat(
        onNode2.doc,
        { title: "Before the cut", category: "spoofing" },
        editor.id,
      );
      await waitFor(() => hasAll(onNode1, [before]), DEADLINE.propagation, "edit before the cut");

      redis2.cut();
      await sleep(200);
      const written = Array.from({ length: 5 }, (_, i) =>
        addThreat(
          onNode2.doc,
          { title: `Written while cut off ${i}`, category: "tampering" },
          editor.id,
        ),
      );
      // B leaves; node 2 stores the room and unloads it (ROOM_UNLOAD_GRACE_MS is 150 ms here).
      onNode2.destroy();
      const reader = await openReader(database.url);
      expect(await reader.waitForCompaction(modelId, written, DEADLINE.storedRead)).toBe(true);
      expect(hasNone(onNode1, written)).toBe(true);

      redis2.restore();
      await waitFor(() => hasAll(onNode1, written), DEADLINE.propagation, "A to catch up");
      const fresh = connect(node1.server, modelId, { user: owner });
      await waitForSync(fresh, DEADLINE.sync);
      expect(hasAll(fresh, [before, ...written])).toBe(true);
    },
  );

  it(
    "stores everything a surviving node received when the editing node is killed",
    timeoutFor(
      2 * DEADLINE.processStart,
      DEADLINE.sync,
      2 * DEADLINE.propagation,
      DEADLINE.storedRead,
    ),
    async () => {
      const database = await newDatabase();
      const prefix = uniqueRedisPrefix();
      const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl ?? "", REDIS_PREFIX: prefix };
      // A batches its own log for a whole second, so its last second lives only in B's log.
      const nodeA = await startNode({ ...env, PERSIST_INTERVAL_MS: "1000" });
      const nodeB = await startNode(env);
      const owner = await signUp(nodeA.server, "Ken Killed");
      const modelId = await createModel(nodeA.server, owner, "Batch jobs");
      const writer = connect(nodeA.server, modelId, { user: owner });
      const watcher = connect(nodeB.server, modelId, { user: owner });
      await Promise.all([waitForSync(writer, DEADLINE.sync), waitForSync(watcher, DEADLINE.sync)]);

      let isWriting = true;
      let written = 0;
      const writing = (async () => {
        while (isWriting) {
          addThreat(
            writer.doc,
            { title: `Job ${written} rescheduled`, category: "tampering" },
            owner.id,
          );
          written += 1;
          await sleep(20);
        }
      })();
      await waitFor(() => threatIds(watcher).size >= 60, DEADLINE.propagation, "edits to reach B");
      await nodeA.kill();
      isWriting = false;
      await writing;
      writer.provider.disconnect();
      await sleep(500);
      const received = threatIds(watcher);
      expect(received.size).toBeGreaterThanOrEqual(60);

      // B is killed too, after its own batching interval: only what it logged survives.
      await sleep(500);
      await nodeB.kill();
      const reader = await openReader(database.url);
      const stored = await reader.readThreatIds(modelId);
      expect([...received].filter((id) => !stored.has(id))).toEqual([]);
      console.info(
        `kill mid-edit: ${written} written on A, ${received.size} received on B, ${stored.size} stored`,
      );
    },
  );
});
