/**
 * Several server nodes sharing one PostgreSQL database and one Redis: clients on different
 * nodes see each other's edits and presence, a removal or deletion through any node closes the
 * connections on every node, and a node's death loses nothing.
 */
import os from "node:os";
import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it } from "vitest";
import { CLOSE_CODES } from "@/lib/collab/close-codes";
import { MESSAGE_SESSION_CHANGED, MESSAGE_THREAD_CHANGED } from "@/lib/collab/messages";
import { listDiagrams } from "@/lib/model/diagrams";
import { addElement, listElements } from "@/lib/model/elements";
import { addThreat, listThreats } from "@/lib/model/threats";
import { api, createModel, createModelWithEditor, setMembers, signUp } from "./support/api-client";
import { DEADLINE, timeoutFor } from "./support/deadlines";
import { connectClient, waitFor, waitForSync, type CollabClient } from "./support/collab-client";
import {
  StoredDocumentReader,
  addressOf,
  spawnServerNode,
  uniqueRedisPrefix,
  type ServerNode,
} from "./support/server-node";
import { startTcpProxy } from "./support/tcp-proxy";
import { createPostgresDatabase, TEST_SECRET } from "./support/test-server";
import { openDatabase } from "@/server/db/client";
import { createSession } from "@/server/services/sessions/create-session";
import { hasAll, sleep } from "./support/threat-checks";

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

/**
 * Longest wait for another node to close a connection after a change through the API: well
 * under any periodic access check.
 */
const ANNOUNCED_CLOSE_MS = DEADLINE.propagation;

/** The presence a client sees for another client's awareness id. */
function presenceOf(viewer: CollabClient, other: CollabClient): Record<string, unknown> | null {
  const state: unknown = viewer.provider.awareness.getStates().get(other.doc.clientID);
  return typeof state === "object" && state !== null ? { ...state } : null;
}

describe.skipIf(!databaseUrl || !redisUrl)("scale-out across nodes", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  /** A fresh database and Redis prefix with `count` nodes on them, started one after another. */
  async function startCluster(count: number, perNodeEnv: Record<string, string>[] = []) {
    const database = await createPostgresDatabase();
    cleanups.push(database.drop);
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl ?? "", REDIS_PREFIX: "" };
    env.REDIS_PREFIX = uniqueRedisPrefix();
    const nodes: ServerNode[] = [];
    // One after another: the first applies the migrations.
    for (let i = 0; i < count; i++) {
      const node = await spawnServerNode({ ...env, ...perNodeEnv[i] });
      cleanups.push(() => node.kill());
      nodes.push(node);
    }
    const startNode = async () => {
      const node = await spawnServerNode(env);
      cleanups.push(() => node.kill());
      return node;
    };
    return { database, nodes, startNode };
  }

  function connect(...args: Parameters<typeof connectClient>): CollabClient {
    const client = connectClient(...args);
    cleanups.push(async () => client.destroy());
    return client;
  }

  it(
    "relays edits and presence between clients on different nodes",
    timeoutFor(3 * DEADLINE.processStart, 3 * DEADLINE.sync, 6 * DEADLINE.propagation),
    async () => {
      const { nodes, startNode } = await startCluster(2);
      const [nodeA, nodeB] = nodes;
      if (!nodeA || !nodeB) throw new Error("cluster did not start");
      const owner = await signUp(nodeA.server, "Olga Owner");
      const editor = await signUp(nodeB.server, "Eddie Editor");
      const modelId = await createModelWithEditor(nodeA.server, { owner, editor }, "Card payments");

      const onA = connect(nodeA.server, modelId, { user: owner });
      const onB = connect(nodeB.server, modelId, { user: editor });
      await Promise.all([
        waitForSync(onA, DEADLINE.sync, "A sync"),
        waitForSync(onB, DEADLINE.sync, "B sync"),
      ]);

      // Both edit at once, each on its own node.
      const written: string[] = [];
      for (let i = 0; i < 20; i++) {
        written.push(
          addThreat(
            onA.doc,
            { title: `Card data read from A ${i}`, category: "information-disclosure" },
            owner.id,
          ),
        );
        written.push(
          addThreat(
            onB.doc,
            { title: `Refund forged on B ${i}`, category: "tampering" },
            editor.id,
          ),
        );
        await sleep(10);
      }
      await waitFor(
        () => hasAll(onA, written) && hasAll(onB, written),
        DEADLINE.propagation,
        "edits to cross nodes",
      );
      const titles = (client: CollabClient) =>
        listThreats(client.doc)
          .map((t) => `${t.id} ${t.title}`)
          .sort();
      expect(titles(onA)).toHaveLength(40);
      expect(titles(onB)).toEqual(titles(onA));

      // Presence crosses too, tied to the signed-in user whatever the client claims.
      onA.provider.awareness.setLocalStateField("cursor", { x: 10, y: 20 });
      onB.provider.awareness.setLocalStateField("user", {
        id: owner.id,
        name: "Olga Owner",
        color: "#ff0000",
      });
      await waitFor(
        () => {
          const seenOnB = presenceOf(onB, onA);
          const seenOnA = presenceOf(onA, onB);
          return seenOnB?.cursor !== undefined && seenOnA?.user !== undefined;
        },
        DEADLINE.propagation,
        "presence to cross nodes",
      );
      expect(presenceOf(onB, onA)).toMatchObject({
        cursor: { x: 10, y: 20 },
        user: { id: owner.id, name: "Olga Owner", role: "owner" },
      });
      expect(presenceOf(onA, onB)).toMatchObject({
        user: { id: editor.id, name: "Eddie Editor", color: "#ff0000", role: "editor" },
      });

      // A node that loads the room later gets the document and the others' presence.
      const nodeC = await startNode();
      const onC = connect(nodeC.server, modelId, { user: owner });
      await waitForSync(onC, DEADLINE.sync, "C sync");
      expect(hasAll(onC, written)).toBe(true);
      await waitFor(
        () => presenceOf(onC, onB) !== null,
        DEADLINE.propagation,
        "presence on the late node",
      );
      expect(presenceOf(onC, onB)).toMatchObject({ user: { id: editor.id, name: "Eddie Editor" } });
      const fromC = addThreat(
        onC.doc,
        { title: "Late node joins", category: "spoofing" },
        owner.id,
      );
      await waitFor(
        () => hasAll(onA, [fromC]) && hasAll(onB, [fromC]),
        DEADLINE.propagation,
        "C's edit to A and B",
      );

      // A client that leaves disappears from the other nodes' presence.
      const leavingId = onA.doc.clientID;
      onA.destroy();
      await waitFor(
        () =>
          !onB.provider.awareness.getStates().has(leavingId) &&
          !onC.provider.awareness.getStates().has(leavingId),
        DEADLINE.propagation,
        "departure to cross nodes",
      );
    },
  );

  it(
    "moves a killed node's clients to another node and keeps their offline edits",
    timeoutFor(
      2 * DEADLINE.processStart,
      3 * DEADLINE.sync,
      6 * DEADLINE.propagation,
      DEADLINE.storedRead,
    ),
    async () => {
      const { database, nodes } = await startCluster(2);
      const [nodeA, nodeB] = nodes;
      if (!nodeA || !nodeB) throw new Error("cluster did not start");
      // A plain load balancer with failover: new connections go to A while it lives, else B.
      const balancer = await startTcpProxy([
        { host: "127.0.0.1", port: nodeA.port },
        { host: "127.0.0.1", port: nodeB.port },
      ]);
      cleanups.push(() => balancer.close());
      const owner = await signUp(nodeA.server, "Mira Mover");
      const editor = await signUp(nodeA.server, "Stan Stayer");
      const modelId = await createModelWithEditor(
        nodeA.server,
        { owner, editor },
        "Ledger service",
      );

      const mover = connect(addressOf(balancer.port), modelId, { user: owner });
      const stayer = connect(nodeB.server, modelId, { user: editor });
      await Promise.all([
        waitForSync(mover, DEADLINE.sync, "mover sync"),
        waitForSync(stayer, DEADLINE.sync, "stayer sync"),
      ]);

      const online: string[] = [];
      for (let i = 0; i < 30; i++) {
        online.push(
          addThreat(
            mover.doc,
            { title: `Ledger entry ${i} altered`, category: "tampering" },
            owner.id,
          ),
        );
        await sleep(20);
      }
      await waitFor(() => hasAll(stayer, online), DEADLINE.propagation, "online edits on B");

      await nodeA.kill();
      await waitFor(
        () => !mover.provider.wsconnected,
        DEADLINE.propagation,
        "mover to notice the loss",
      );
      // Made while the mover has no server at all.
      const offline: string[] = [];
      for (let i = 0; i < 10; i++) {
        offline.push(
          addThreat(mover.doc, { title: `Offline note ${i}`, category: "repudiation" }, owner.id),
        );
      }
      const meanwhile = addThreat(
        stayer.doc,
        { title: "Edited on B meanwhile", category: "denial-of-service" },
        editor.id,
      );

      const everything = [...online, ...offline, meanwhile];
      await waitFor(
        () => mover.provider.wsconnected && hasAll(mover, everything) && hasAll(stayer, everything),
        DEADLINE.propagation,
        "mover to reconnect through the balancer and merge",
      );

      // The mover's presence follows it to B (same awareness id, same user).
      mover.provider.awareness.setLocalStateField("cursor", { x: 99, y: 1 });
      await waitFor(
        () => {
          const cursor = presenceOf(stayer, mover)?.cursor;
          return typeof cursor === "object" && cursor !== null && "x" in cursor && cursor.x === 99;
        },
        DEADLINE.propagation,
        "mover's presence on B",
      );

      const reader = await StoredDocumentReader.open(database.url);
      cleanups.push(() => reader.close());
      expect(await reader.waitForThreats(modelId, everything, DEADLINE.storedRead)).toEqual([]);
      expect(nodeB.isRunning).toBe(true);
    },
  );

  it(
    "closes connections on other nodes at once when a member is removed or the model deleted",
    timeoutFor(2 * DEADLINE.processStart, DEADLINE.sync, 3 * DEADLINE.propagation),
    async () => {
      // The periodic access check cannot be what closes the connections here.
      const noSweep = { ACCESS_RECHECK_SECONDS: "300" };
      const { nodes } = await startCluster(2, [noSweep, noSweep]);
      const [nodeA, nodeB] = nodes;
      if (!nodeA || !nodeB) throw new Error("cluster did not start");
      const owner = await signUp(nodeA.server, "Rhea Remover");
      const editor = await signUp(nodeA.server, "Ezra Evicted");
      const modelId = await createModel(nodeA.server, owner, "Payroll export");
      const team = [
        { user: owner, role: "owner" },
        { user: editor, role: "editor" },
      ];
      expect((await setMembers(nodeA.server, owner, modelId, team)).status).toBe(200);

      // Only node B holds the room; node A serves the API calls.
      const ownerOnB = connect(nodeB.server, modelId, { user: owner });
      const editorOnB = connect(nodeB.server, modelId, { user: editor });
      await Promise.all([
        waitForSync(ownerOnB, DEADLINE.sync, "owner sync"),
        waitForSync(editorOnB, DEADLINE.sync, "editor sync"),
      ]);

      expect(
        (await setMembers(nodeA.server, owner, modelId, [{ user: owner, role: "owner" }])).status,
      ).toBe(200);
      await waitFor(
        () => editorOnB.closes.some((c) => c.code === CLOSE_CODES.accessRevoked),
        ANNOUNCED_CLOSE_MS,
        "the removed editor's connection on B to close",
      );
      expect(ownerOnB.closes).toEqual([]);
      expect(ownerOnB.provider.wsconnected).toBe(true);

      expect(
        (await api(nodeA.server, "DELETE", `/api/models/${modelId}`, { user: owner })).status,
      ).toBe(204);
      await waitFor(
        () => ownerOnB.closes.some((c) => c.code === CLOSE_CODES.modelDeleted),
        ANNOUNCED_CLOSE_MS,
        "the owner's connection on B to close after the deletion",
      );
    },
  );

  it(
    "closes a revoked API token's connections on other nodes at once",
    timeoutFor(2 * DEADLINE.processStart, DEADLINE.sync, 3 * DEADLINE.propagation),
    async () => {
      const noSweep = { ACCESS_RECHECK_SECONDS: "300" };
      const { nodes } = await startCluster(2, [noSweep, noSweep]);
      const [nodeA, nodeB] = nodes;
      if (!nodeA || !nodeB) throw new Error("cluster did not start");
      const owner = await signUp(nodeA.server, "Tova Token");
      const modelId = await createModel(nodeA.server, owner, "Nightly export");
      const created = await api(nodeA.server, "POST", "/api/tokens", {
        user: owner,
        body: { name: "nightly job" },
      });
      expect(created.status).toBe(201);
      const token = created.body as { token: { id: string }; secret: string };

      const jobOnB = connect(nodeB.server, modelId, { token: token.secret });
      const ownerOnB = connect(nodeB.server, modelId, { user: owner });
      await Promise.all([
        waitForSync(jobOnB, DEADLINE.sync, "job sync"),
        waitForSync(ownerOnB, DEADLINE.sync, "owner sync"),
      ]);

      const revoked = await api(nodeA.server, "DELETE", `/api/tokens/${token.token.id}`, {
        user: owner,
      });
      expect(revoked.status).toBe(204);
      await waitFor(
        () => jobOnB.closes.some((c) => c.code === CLOSE_CODES.unauthenticated),
        ANNOUNCED_CLOSE_MS,
        "the revoked token's connection on B to close",
      );
      // The owner's own session is not the revoked token: it stays.
      expect(ownerOnB.closes).toEqual([]);
    },
  );

  it(
    "closes a signed-out session's connections on other nodes at once",
    timeoutFor(2 * DEADLINE.processStart, DEADLINE.sync, 2 * DEADLINE.propagation),
    async () => {
      const noSweep = { ACCESS_RECHECK_SECONDS: "300" };
      const { database, nodes } = await startCluster(2, [noSweep, noSweep]);
      const [nodeA, nodeB] = nodes;
      if (!nodeA || !nodeB) throw new Error("cluster did not start");
      const owner = await signUp(nodeA.server, "Sid Signout");
      const modelId = await createModel(nodeA.server, owner, "Shared laptop");
      // A session stored on the shared database, as signing in through the app stores it.
      const handle = await openDatabase({ databaseUrl: database.url, dataDir: os.tmpdir() });
      cleanups.push(() => handle.close());
      const sessionId = await createSession(handle.db, { userId: owner.id, maxAgeSeconds: 3600 });
      const token = await encode({
        token: { sub: owner.id, email: owner.email, name: owner.name, sid: sessionId },
        secret: TEST_SECRET,
      });
      const signedIn = { ...owner, cookie: `next-auth.session-token=${token}` };

      const laptopOnB = connect(nodeB.server, modelId, { user: signedIn });
      const otherOnB = connect(nodeB.server, modelId, { user: owner });
      await Promise.all([
        waitForSync(laptopOnB, DEADLINE.sync, "laptop sync"),
        waitForSync(otherOnB, DEADLINE.sync, "other sync"),
      ]);
      // Signed out everywhere through node A.
      const answer = await api(nodeA.server, "DELETE", "/api/users/me/sessions", {
        user: signedIn,
      });
      expect(answer.status).toBe(200);
      await waitFor(
        () => laptopOnB.closes.some((c) => c.code === CLOSE_CODES.unauthenticated),
        ANNOUNCED_CLOSE_MS,
        "the signed-out session's connection on B to close",
      );
      // A cookie that names no session (issued before sessions were kept) is not that session.
      expect(otherOnB.closes).toEqual([]);
    },
  );

  it(
    "keeps one facilitated session across nodes: moves on either node build on each other",
    timeoutFor(2 * DEADLINE.processStart, 2 * DEADLINE.sync, 6 * DEADLINE.propagation),
    async () => {
      const { nodes } = await startCluster(2);
      const [nodeA, nodeB] = nodes;
      if (!nodeA || !nodeB) throw new Error("cluster did not start");
      const owner = await signUp(nodeA.server, "Olga Owner");
      const editor = await signUp(nodeB.server, "Eddie Editor");
      const modelId = await createModelWithEditor(nodeA.server, { owner, editor }, "Guided");
      // Both nodes hold the room: a participant on each.
      const onA = connect(nodeA.server, modelId, { user: editor });
      const onB = connect(nodeB.server, modelId, { user: editor });
      await Promise.all([waitForSync(onA), waitForSync(onB)]);
      const seeder = connect(nodeA.server, modelId, { user: owner });
      await waitForSync(seeder);
      const diagramId = listDiagrams(seeder.doc)[0]?.id ?? "";
      addElement(seeder.doc, { kind: "process", diagramId, name: "Shop", x: 0, y: 0 });
      await waitFor(
        () => listElements(onB.doc).some((element) => element.name === "Shop"),
        DEADLINE.propagation,
        "the element on node B",
      );
      let noticesOnB = 0;
      onB.provider.messageHandlers[MESSAGE_SESSION_CHANGED] = () => {
        noticesOnB += 1;
      };

      const path = `/api/models/${modelId}/session`;
      const position = async (node: ServerNode) => {
        const answer = await api(node.server, "GET", path, { user: owner });
        const { session } = answer.body as {
          session: { revision: number; state: { categoryIndex: number } };
        };
        return session;
      };
      expect((await api(nodeA.server, "POST", path, { user: owner, body: {} })).status).toBe(201);
      const next = (node: ServerNode) =>
        api(node.server, "POST", `${path}/commands`, {
          user: owner,
          body: { command: { type: "next" } },
        });
      // Alternating nodes: each move starts from the other node's, none is lost or repeated.
      expect((await next(nodeA)).status).toBe(200);
      await waitFor(() => noticesOnB >= 2, DEADLINE.propagation, "node B hears of the moves");
      expect((await position(nodeB)).state.categoryIndex).toBe(1);
      expect((await next(nodeB)).status).toBe(200);
      expect((await next(nodeA)).status).toBe(200);
      expect((await next(nodeB)).status).toBe(200);
      const [seenOnA, seenOnB] = [await position(nodeA), await position(nodeB)];
      expect(seenOnA.state.categoryIndex).toBe(4);
      expect({ ...seenOnB, serverNow: 0 }).toEqual({ ...seenOnA, serverNow: 0 });
      expect(seenOnA.revision).toBe(5);
    },
  );

  it(
    "brings a thread written through one node to clients and inbox streams on another",
    timeoutFor(2 * DEADLINE.processStart, DEADLINE.sync, 3 * DEADLINE.propagation),
    async () => {
      const { nodes } = await startCluster(2);
      const [nodeA, nodeB] = nodes;
      if (!nodeA || !nodeB) throw new Error("cluster did not start");
      const owner = await signUp(nodeA.server, "Olga Owner");
      const editor = await signUp(nodeB.server, "Eddie Editor");
      const modelId = await createModelWithEditor(nodeA.server, { owner, editor }, "Discussed");
      const onB = connect(nodeB.server, modelId, { user: editor });
      const notices: string[] = [];
      onB.provider.messageHandlers[MESSAGE_THREAD_CHANGED] = (_encoder, decoder) => {
        notices.push(new TextDecoder().decode(decoder.arr.subarray(decoder.pos)));
      };
      await waitForSync(onB);

      // The editor's inbox stream, on node B.
      const controller = new AbortController();
      cleanups.push(async () => controller.abort());
      const stream = await fetch(`${nodeB.server.url}/api/events`, {
        headers: { cookie: editor.cookie },
        signal: controller.signal,
      });
      expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
      let received = "";
      const reader = stream.body?.getReader();
      void (async () => {
        for (;;) {
          const chunk = await reader?.read().catch(() => undefined);
          if (!chunk || chunk.done) return;
          received += new TextDecoder().decode(chunk.value);
        }
      })();
      await waitFor(() => received.includes("retry:"), DEADLINE.propagation, "the stream to open");

      const created = await api(nodeA.server, "POST", `/api/models/${modelId}/threads`, {
        user: owner,
        body: { target: { kind: "model" }, subject: "Across nodes", body: "Seen on node B?" },
      });
      expect(created.status).toBe(201);
      await waitFor(
        () => notices.some((notice) => notice.includes("Across nodes")),
        DEADLINE.propagation,
        "the thread notice on node B",
      );
      // The owner's new thread puts nothing in the editor's inbox; a mention does.
      const threadId = (created.body as { thread: { id: string } }).thread.id;
      await api(nodeA.server, "POST", `/api/threads/${threadId}/messages`, {
        user: owner,
        body: { body: `Please look, @[Eddie Editor](mention:${editor.id})` },
      });
      await waitFor(
        () => received.includes("event: inbox"),
        DEADLINE.propagation,
        "the inbox event on node B",
      );
      controller.abort();
    },
  );
});
